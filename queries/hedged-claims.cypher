// Question: Which claims does the article hedge (its own verbatim cue: "Det ser ut til", "gitt signaler
// om" ...) or give as less than certain (certainty probable, possible or unknown), and who stands behind
// them?
// Example: kg query --file queries/hedged-claims.cypher
MATCH (subject:Entity)-[r]->(object)
WHERE (object:Entity OR object:Statement) AND (r.hedging IS NOT NULL OR r.certainty <> 'certain')
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN r.id AS statement,
       subject.name AS subject,
       type(r) AS predicate,
       object.name AS object,
       r.certainty AS certainty,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote
ORDER BY r.quoteStart, statement
