// Question: How are two actors connected? Every shortest chain of statements between them (mentions
// of documents left out), with the names, the predicates and their direction.
// Parameters: $from, $to: entity ids, e.g. person:vladimir-putin and person:volodymyr-zelensky.
// Example: kg query --file queries/shortest-path-between-leaders.cypher --param from=person:vladimir-putin --param to=person:volodymyr-zelensky
MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
MATCH p = allShortestPaths((a)-[*..10]-(b))
WHERE all(r IN relationships(p) WHERE type(r) <> 'MENTIONED_IN')
WITH nodes(p) AS ns, relationships(p) AS rs
RETURN size(rs) AS hops,
       reduce(chain = ns[0].name, i IN range(0, size(rs) - 1) |
         chain + CASE startNode(rs[i]) WHEN ns[i] THEN ' -' + type(rs[i]) + '-> ' ELSE ' <-' + type(rs[i]) + '- ' END
         + ns[i + 1].name) AS chain,
       [n IN ns | n.name] AS names,
       [r IN rs | type(r)] AS predicates,
       [r IN rs | r.id] AS statements
ORDER BY chain
