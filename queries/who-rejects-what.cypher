// Question: Who rejects what (a thing, or a claim: rejectedKind Statement), and on whose authority (the
// person or group the article attributes it to, the outlet it cites)?
// Example: kg query --file queries/who-rejects-what.cypher
MATCH (actor:Entity)-[r:REJECTS]->(target)
WHERE target:Entity OR target:Statement
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN actor.name AS actor,
       target.name AS rejects,
       [label IN labels(target) WHERE label <> 'Entity'][0] AS rejectedKind,
       coalesce(r.qualifiers, []) AS qualifiers,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY actor, rejects, statement
