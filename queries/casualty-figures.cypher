// Question: Which events had at least $atLeast casualties (killed and injured, counting the least each
// figure can be), where, in what figures, and who gives them?
// Parameters: $atLeast: the least number of casualties, e.g. 10.
// Example: kg query --file queries/casualty-figures.cypher --param atLeast=10
MATCH (event:Event)-[r]->(place:Entity)
WHERE (r.killedMin IS NOT NULL OR r.injuredMin IS NOT NULL)
  AND coalesce(r.killedMin, 0) + coalesce(r.injuredMin, 0) >= $atLeast
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN event.name AS event,
       r.date AS date,
       place.name AS place,
       r.killedMin AS killedMin,
       r.killedMax AS killedMax,
       r.injuredMin AS injuredMin,
       r.injuredMax AS injuredMax,
       r.quantities AS figures,
       coalesce(source.name, 'the article') AS attributedTo,
       coalesce(source.anonymous, false) AS anonymousSource,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY r.dateFrom, event, statement
