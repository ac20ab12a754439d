// Question: Where do two actors contradict each other: one proposes, supports, demands, seeks or offers
// what another rejects, doubts, denies or contradicts (itself, or in a claim about it); one answers,
// doubts, denies or rejects a claim another makes; or one doubts, rejects or answers another actor? With
// who the article attributes each side to.
// Example: kg query --file queries/contradictions.cypher
CALL () {
  MATCH (a:Entity)-[ra:PROPOSES|SUPPORTS|DEMANDS|SEEKS|OFFERS]->(topic:Entity)
  WHERE ra.polarity = 'affirmed'
  MATCH (b:Entity)-[rb:REJECTS|DOUBTS|DENIES|CONTRADICTS]->(target)
  WHERE a <> b AND (target = topic OR (target:Statement AND EXISTS { (target)-[:OBJECT]->(topic) }))
  OPTIONAL MATCH (sa:Entity {id: ra.attributedTo[0]})
  OPTIONAL MATCH (sb:Entity {id: rb.attributedTo[0]})
  RETURN 'opposite stances' AS conflict,
         a.name AS actor,
         type(ra) AS stance,
         b.name AS opponent,
         type(rb) AS opponentStance,
         topic.name AS about,
         coalesce(sa.name, 'the article') AS attributedTo,
         coalesce(sb.name, 'the article') AS opponentAttributedTo,
         ra.quote AS quote,
         rb.quote AS opponentQuote,
         [ra.id, rb.id] AS statements
  UNION
  MATCH (a:Entity)-[r:RESPONDS_TO|DOUBTS|DENIES|REJECTS|CONTRADICTS]->(claim:Statement)
  WHERE claim.asserted
  MATCH (claim)-[:SUBJECT]->(claimSubject:Entity)
  OPTIONAL MATCH (speaker:Entity {id: claim.attributedTo[0]})
  OPTIONAL MATCH (s:Entity {id: r.attributedTo[0]})
  RETURN 'answers a claim' AS conflict,
         a.name AS actor,
         type(r) AS stance,
         coalesce(speaker.name, claimSubject.name) AS opponent,
         claim.predicate AS opponentStance,
         claim.name AS about,
         coalesce(s.name, 'the article') AS attributedTo,
         coalesce(speaker.name, 'the article') AS opponentAttributedTo,
         r.quote AS quote,
         claim.quote AS opponentQuote,
         [r.id, claim.id] AS statements
  UNION
  MATCH (a:Entity)-[r:RESPONDS_TO|DOUBTS|DENIES|REJECTS|CONTRADICTS]->(b:Entity)
  WHERE (b:Person OR b:State OR b:Organization OR b:Group) AND a <> b
  OPTIONAL MATCH (s:Entity {id: r.attributedTo[0]})
  RETURN 'directed at an actor' AS conflict,
         a.name AS actor,
         type(r) AS stance,
         b.name AS opponent,
         null AS opponentStance,
         reduce(text = '', q IN coalesce(r.qualifiers, []) |
           text + CASE text WHEN '' THEN '' ELSE '; ' END + q) AS about,
         coalesce(s.name, 'the article') AS attributedTo,
         null AS opponentAttributedTo,
         r.quote AS quote,
         null AS opponentQuote,
         [r.id] AS statements
}
RETURN conflict, actor, stance, opponent, opponentStance, about, attributedTo, opponentAttributedTo, quote,
       opponentQuote, statements
ORDER BY conflict DESC, actor, opponent, stance, about
