// Question: What does the article say does not or will not happen (negated claims: commitments ruled out,
// help not given), how sure it is, and on whose word?
// Example: kg query --file queries/negated-claims.cypher
MATCH (who:Entity)-[r]->(what)
WHERE (what:Entity OR what:Statement) AND r.polarity = 'negated'
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
RETURN who.name AS who,
       type(r) AS predicate,
       what.name AS what,
       r.certainty AS certainty,
       r.modality AS modality,
       r.hedging AS hedging,
       r.date AS date,
       coalesce(source.name, 'the article') AS attributedTo,
       r.quote AS quote,
       r.id AS statement
ORDER BY r.quoteStart, statement
