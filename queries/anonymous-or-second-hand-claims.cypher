// Question: Which claims rest on anonymous sources (attributed to an anonymous group) or on second-hand
// reports (a cited outlet), and how are they hedged?
// Example: kg query --file queries/anonymous-or-second-hand-claims.cypher
MATCH (subject:Entity)-[r]->(object)
WHERE object:Entity OR object:Statement
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
WITH subject, r, object, source, outlet, coalesce(source.anonymous, false) AS anonymous
WHERE anonymous OR outlet IS NOT NULL
RETURN r.id AS statement,
       subject.name AS subject,
       type(r) AS predicate,
       object.name AS object,
       coalesce(source.name, 'the article') AS attributedTo,
       anonymous AS anonymousSource,
       outlet.name AS reportedBy,
       r.hedging AS hedging,
       r.quote AS quote
ORDER BY r.quoteStart, statement
