// Question: Who proposes what, and on whose word?
// Example: kg query --file queries/who-proposes-what.cypher
MATCH (actor:Entity)-[r:PROPOSES]->(proposal:Proposal)
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN actor.name AS actor,
       proposal.name AS proposal,
       coalesce(r.qualifiers, []) AS qualifiers,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY actor, proposal, statement
