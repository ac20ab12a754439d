// Question: Who stands with whom? The congruence network of the article's stances (docs/discourse-networks.md):
// two actors are tied once for each concept and sign they share (SUPPORTS +, REJECTS -, a negated stance
// flipped). A stance on a form of a proposal (VARIANT_OF) counts on the proposal too: backing Article-5-like
// guarantees and backing collective-security guarantees both back security guarantees for Ukraine.
// Example: kg query --file queries/stance-congruence-network.cypher
MATCH (actor:Entity)-[r:SUPPORTS|REJECTS]->(:Entity)-[:VARIANT_OF*0..5]->(concept:Entity)
WITH DISTINCT actor, concept,
     CASE WHEN (type(r) = 'SUPPORTS') <> (coalesce(r.polarity, 'affirmed') = 'negated') THEN 1 ELSE -1 END AS sign
WITH collect({id: actor.id, name: actor.name, concept: concept.id, conceptName: concept.name, sign: sign}) AS stances
UNWIND stances AS a
UNWIND stances AS b
WITH a, b
WHERE a.id < b.id AND a.concept = b.concept AND a.sign = b.sign
RETURN a.name AS actor,
       b.name AS standsWith,
       count(*) AS weight,
       collect(DISTINCT a.conceptName) AS on
ORDER BY weight DESC, actor, standsWith
