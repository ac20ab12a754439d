// Question: What does Russia (or someone who leads or represents it) demand, seek or offer, which regions
// are at stake, and how sure is the article?
// Example: kg query --file queries/russia-demands-and-offers.cypher
MATCH (russia:State {id: 'state:russia'})
MATCH (actor:Entity)-[r:DEMANDS|SEEKS|OFFERS]->(what:Entity)
WHERE actor = russia OR (actor)-[:LEADS|REPRESENTS]->(russia)
OPTIONAL MATCH (what)-[:CONCERNS]->(region:Region)
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
WITH actor, r, what, source, outlet, region
ORDER BY region.name
WITH actor, r, what, source, outlet,
     [x IN collect(region.name) WHERE x IS NOT NULL] + CASE WHEN what:Region THEN [what.name] ELSE [] END AS regions
RETURN actor.name AS actor,
       type(r) AS stance,
       what.name AS what,
       regions,
       coalesce(r.qualifiers, []) AS qualifiers,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY r.quoteStart, statement
