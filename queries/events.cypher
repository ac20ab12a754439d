// Question: What happened: each event with its date, who carried it out or took part, where it took
// place, what it was about, and the details the article gives (qualifiers of its statements)?
// Example: kg query --file queries/events.cypher
MATCH (event:Event)
RETURN event.name AS event,
       event.date AS date,
       COLLECT { MATCH (a:Entity)-[:CARRIES_OUT]->(event) RETURN a.name ORDER BY a.name } AS carriedOutBy,
       COLLECT { MATCH (a:Entity)-[:PARTICIPATES_IN]->(event) RETURN a.name ORDER BY a.name } AS participants,
       COLLECT { MATCH (event)-[:OCCURS_IN]->(p:Entity) RETURN p.name ORDER BY p.name } AS places,
       COLLECT { MATCH (event)-[:CONCERNS]->(t:Entity) RETURN DISTINCT t.name AS t ORDER BY t } AS concerns,
       COLLECT {
         MATCH (event)-[r]-(:Entity)
         UNWIND coalesce(r.qualifiers, []) AS q
         RETURN DISTINCT q ORDER BY q
       } AS details,
       COLLECT { MATCH (event)-[r]-(:Entity) RETURN r.id ORDER BY r.id } AS statements
ORDER BY date, event
