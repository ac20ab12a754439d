// Question: Which commitments hold only under a condition: who would be bound to what, with which
// modality (obligation, willingness ...), under which condition (in words, and as the claim it depends on),
// and in which proposal, put forward by whom?
// Example: kg query --file queries/conditional-commitments.cypher
MATCH (who:Entity)-[r]->(what)
WHERE (what:Entity OR what:Statement) AND (r.condition IS NOT NULL OR r.conditionOn IS NOT NULL)
OPTIONAL MATCH (condition:Statement {id: r.conditionOn})
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (proposer:Entity)-[:PROPOSES]->(plan:Entity)-[:INVOLVES]->(who)
RETURN who.name AS who,
       type(r) AS predicate,
       what.name AS what,
       r.modality AS modality,
       r.certainty AS certainty,
       r.condition AS condition,
       condition.name AS conditionClaim,
       condition.asserted AS conditionAsserted,
       coalesce(r.quantities, []) AS quantities,
       plan.name AS proposal,
       proposer.name AS proposedBy,
       coalesce(source.name, 'the article') AS attributedTo,
       r.quote AS quote,
       r.id AS statement
ORDER BY r.quoteStart, statement
