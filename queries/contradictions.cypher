// Question: Where do two actors contradict each other: one proposes, supports, demands, seeks or offers
// what another rejects or doubts; or one criticizes, accuses, doubts or rejects another actor? With who
// the article attributes each side to.
// Example: kg query --file queries/contradictions.cypher
CALL () {
  MATCH (a:Entity)-[ra:PROPOSES|SUPPORTS|DEMANDS|SEEKS|OFFERS]->(topic:Entity)<-[rb:REJECTS|DOUBTS]-(b:Entity)
  WHERE a <> b
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
  MATCH (a:Entity)-[r:CRITICIZES|ACCUSES|DOUBTS|REJECTS]->(b:Entity)
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
