// Question: Who stands against whom? The conflict network of the article's stances (docs/discourse-networks.md):
// two actors are tied once for each pair of opposite signs they take on one concept (SUPPORTS +, REJECTS -, a
// negated stance flipped). A stance on a form of a proposal (VARIANT_OF) counts on the proposal too.
// Example: kg query --file queries/stance-conflict-network.cypher
MATCH (actor:Entity)-[r:SUPPORTS|REJECTS]->(:Entity)-[:VARIANT_OF*0..5]->(concept:Entity)
WITH DISTINCT actor, concept,
     CASE WHEN (type(r) = 'SUPPORTS') <> (coalesce(r.polarity, 'affirmed') = 'negated') THEN 1 ELSE -1 END AS sign
WITH collect({id: actor.id, name: actor.name, concept: concept.id, conceptName: concept.name, sign: sign}) AS stances
UNWIND stances AS a
UNWIND stances AS b
WITH a, b
WHERE a.id < b.id AND a.concept = b.concept AND a.sign <> b.sign
RETURN a.name AS actor,
       b.name AS standsAgainst,
       count(*) AS weight,
       collect(DISTINCT a.conceptName) AS on
ORDER BY weight DESC, actor, standsAgainst
