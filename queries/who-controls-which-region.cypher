// Question: Who controls which region (the whole of it or a part: extent), with what limits, and on whose
// report?
// Example: kg query --file queries/who-controls-which-region.cypher
MATCH (controller:Entity)-[r:CONTROLS]->(region:Region)
OPTIONAL MATCH (region)-[:LOCATED_IN]->(country:State)
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN controller.name AS controller,
       region.name AS region,
       region.regionType AS regionType,
       r.extent AS extent,
       country.name AS inState,
       coalesce(r.qualifiers, []) AS qualifiers,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY controller, region, statement
