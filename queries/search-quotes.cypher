// Question: Which statements rest on words matching a search (a Lucene query on the quotes, e.g. a
// Norwegian word), in text order?
// Parameters: $text: the search, e.g. sikkerhetsgarantier, Donbas, "kollektiv sikkerhet".
// Example: kg query --file queries/search-quotes.cypher --param text=sikkerhetsgarantier
CALL db.index.fulltext.queryRelationships('factgraph_quote', $text) YIELD relationship AS r, score
MATCH (subject:Entity)-[r]->(object)
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN r.quoteStart AS quoteStart,
       r.id AS statement,
       subject.name AS subject,
       type(r) AS predicate,
       object.name AS object,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote
ORDER BY quoteStart, statement
