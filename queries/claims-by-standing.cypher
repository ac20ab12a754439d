// Question: What does the article assert as fact in its own voice, what does it report from a source (a
// person it quotes, an outlet it cites), and what does it only mention as what someone believes, doubts,
// rejects or makes a condition? And how sure is each (certainty)?
// Example: kg query --file queries/claims-by-standing.cypher
CALL () {
  MATCH (:Entity)-[r]->(object)
  WHERE object:Entity OR object:Statement
  RETURN r.id AS id, r.asserted AS asserted, r.attributedTo AS attributedTo, r.reportedBy AS reportedBy,
         r.certainty AS certainty
  UNION ALL
  MATCH (n:Statement)
  WHERE n.asserted = false
  RETURN n.id AS id, n.asserted AS asserted, n.attributedTo AS attributedTo, n.reportedBy AS reportedBy,
         n.certainty AS certainty
}
WITH CASE
       WHEN NOT asserted THEN 'only mentioned'
       WHEN attributedTo IS NOT NULL OR reportedBy IS NOT NULL THEN 'reported'
       ELSE 'asserted by the article'
     END AS standing,
     certainty,
     id
ORDER BY id
RETURN standing, certainty, count(id) AS statements, collect(id) AS ids
ORDER BY standing, certainty
