// Question: On whose word do the article's claims rest? The number of statements for each source the
// article attributes claims to ('the article' when it states them itself) and each outlet it cites.
// Example: kg query --file queries/sources-of-claims.cypher
MATCH (:Entity)-[r]->(object)
WHERE object:Entity OR object:Statement
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN coalesce(source.name, 'the article') AS attributedTo,
       coalesce(source.anonymous, false) AS anonymous,
       outlet.name AS reportedBy,
       count(r) AS statements
ORDER BY statements DESC, attributedTo, reportedBy
