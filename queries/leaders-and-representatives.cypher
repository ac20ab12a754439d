// Question: Who leads or represents which state or organisation, and in what role?
// Example: kg query --file queries/leaders-and-representatives.cypher
MATCH (who:Entity)-[r:LEADS|REPRESENTS]->(of:Entity)
RETURN of.name AS of,
       [label IN labels(of) WHERE label <> 'Entity'][0] AS ofKind,
       type(r) AS relation,
       who.name AS who,
       who.role AS role,
       r.quote AS quote,
       r.id AS statement
ORDER BY of, relation, who
