// Question: Which regions are at stake in the negotiations: who demands, seeks or offers what about each
// region (directly or through a proposal that concerns it; the whole region or a part of it: extent), and
// who controls it?
// Example: kg query --file queries/regions-at-stake.cypher
MATCH (region:Region)
CALL (region) {
  MATCH (actor:Entity)-[r:PROPOSES|SUPPORTS|REJECTS|DEMANDS|SEEKS|OFFERS]->(proposal:Proposal)-[c:CONCERNS]->(region)
  RETURN actor, r, proposal, c.extent AS extent
  UNION
  MATCH (actor:Entity)-[r:DEMANDS|SEEKS]->(region)
  RETURN actor, r, null AS proposal, r.extent AS extent
}
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN region.name AS region,
       COLLECT { MATCH (region)-[:LOCATED_IN]->(s:State) RETURN s.name ORDER BY s.name }[0] AS inState,
       COLLECT { MATCH (c:Entity)-[:CONTROLS]->(region) RETURN c.name ORDER BY c.name } AS controlledBy,
       actor.name AS actor,
       type(r) AS stance,
       proposal.name AS proposal,
       extent,
       coalesce(r.qualifiers, []) AS qualifiers,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY region, actor, stance, statement
