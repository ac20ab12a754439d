// Question: What is doubted, denied, rejected or contradicted, by whom, and exactly what: a thing, or a
// claim (what that claim says, and whether anyone in the article asserts it)?
// Example: kg query --file queries/doubted-denied-rejected.cypher
MATCH (actor:Entity)-[r:DOUBTS|DENIES|REJECTS|CONTRADICTS]->(target)
WHERE target:Entity OR target:Statement
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
RETURN actor.name AS actor,
       type(r) AS stance,
       target.name AS what,
       [label IN labels(target) WHERE label <> 'Entity'][0] AS whatKind,
       target.asserted AS claimAsserted,
       target.modality AS claimModality,
       target.quote AS claimQuote,
       coalesce(source.name, 'the article') AS attributedTo,
       r.quote AS quote,
       r.id AS statement
ORDER BY actor, stance, statement
