// Question: Which statements rest on words matching a search (a Lucene query on the quotes, e.g. a
// Norwegian word), in text order, and which of them the article does not assert (only doubts, rejects
// or makes a condition of)?
// Parameters: $text: the search, e.g. sikkerhetsgarantier, Donbas, "kollektiv sikkerhet".
// Example: kg query --file queries/search-quotes.cypher --param text=sikkerhetsgarantier
// Two full-text indexes: the relationships' quotes (asserted statements), and the quotes of the
// :Statement nodes that no relationship holds (asserted: false).
CALL {
  CALL db.index.fulltext.queryRelationships('factgraph_quote', $text) YIELD relationship AS r
  MATCH (subject:Entity)-[r]->(object)
  RETURN r AS s, subject, type(r) AS predicate, object
  UNION
  CALL db.index.fulltext.queryNodes('factgraph_statement_quote', $text) YIELD node AS s
  WHERE s.asserted = false
  MATCH (s)-[:SUBJECT]->(subject:Entity), (s)-[:OBJECT]->(object)
  RETURN s, subject, s.predicate AS predicate, object
}
OPTIONAL MATCH (source:Entity {id: s.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: s.reportedBy[0]})
RETURN s.quoteStart AS quoteStart,
       s.id AS statement,
       subject.name AS subject,
       predicate,
       object.name AS object,
       s.asserted AS asserted,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       s.quote AS quote
ORDER BY quoteStart, statement
