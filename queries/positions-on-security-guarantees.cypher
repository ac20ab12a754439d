// Question: Who takes which position on security guarantees for Ukraine, counting the specific forms of
// guarantee (VARIANT_OF) and their components (PART_OF) as well as the general proposal?
// Example: kg query --file queries/positions-on-security-guarantees.cypher
MATCH (general:Proposal {id: 'proposal:security-guarantees-for-ukraine'})
MATCH path = (proposal:Proposal)-[:VARIANT_OF|PART_OF*0..5]->(general)
WITH DISTINCT proposal, [r IN relationships(path) | type(r)] AS via
MATCH (actor:Entity)-[r]->(proposal)
WHERE (actor:Person OR actor:State OR actor:Organization OR actor:Group)
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN proposal.name AS proposal,
       via,
       actor.name AS actor,
       type(r) AS stance,
       coalesce(r.qualifiers, []) AS qualifiers,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote,
       r.id AS statement
ORDER BY size(via), proposal, stance, actor, statement
