// Question: Which ten entities figure in the most statements, as subject, object, the source a claim is
// attributed to, or the outlet that reports it?
// Example: kg query --file queries/most-discussed-entities.cypher
MATCH (s:Entity)-[r]->(o)
WHERE o:Entity OR o:Statement
UNWIND [[s.id, 'subject'], [o.id, 'object']] + [x IN coalesce(r.attributedTo, []) | [x, 'attributedTo']] +
       [x IN coalesce(r.reportedBy, []) | [x, 'reportedBy']] AS pair
WITH pair[0] AS id, pair[1] AS role, r
WHERE id IS NOT NULL
MATCH (e:Entity {id: id})
WITH e,
     count(DISTINCT r) AS statements,
     sum(CASE role WHEN 'subject' THEN 1 ELSE 0 END) AS asSubject,
     sum(CASE role WHEN 'object' THEN 1 ELSE 0 END) AS asObject,
     sum(CASE role WHEN 'attributedTo' THEN 1 ELSE 0 END) AS asSource,
     sum(CASE role WHEN 'reportedBy' THEN 1 ELSE 0 END) AS asOutlet
RETURN e.name AS entity,
       [label IN labels(e) WHERE label <> 'Entity'][0] AS kind,
       statements,
       asSubject,
       asObject,
       asSource,
       asOutlet
ORDER BY statements DESC, entity
LIMIT 10
