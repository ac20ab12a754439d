// Question: Which claims does the article hedge (it appears that, is open to, signals ...), and who stands
// behind them?
// Example: kg query --file queries/hedged-claims.cypher
MATCH (subject:Entity)-[r]->(object:Entity)
WHERE r.hedging IS NOT NULL
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN r.id AS statement,
       subject.name AS subject,
       type(r) AS predicate,
       object.name AS object,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote
ORDER BY r.quoteStart, statement
