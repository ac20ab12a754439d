// Question: Everything the article says about one entity: each statement it is the subject or object of,
// or that is attributed to it or reported by it, or whose object is a claim it figures in (role inClaim:
// the diplomats believe Lavrov stalls), with its quote, in text order.
// Parameters: $id: an entity id, e.g. person:sergey-lavrov.
// Example: kg query --file queries/about-entity.cypher --param id=person:sergey-lavrov
MATCH (e:Entity {id: $id})
MATCH (subject:Entity)-[r]->(object)
WHERE object:Entity OR object:Statement
WITH e, subject, r, object,
     object:Statement AND (e.id IN [object.subject, object.object] OR e.id IN object.attributedTo) AS inClaim
WHERE subject = e OR object = e OR e.id IN r.attributedTo OR e.id IN r.reportedBy OR inClaim
OPTIONAL MATCH (source:Entity {id: r.attributedTo[0]})
OPTIONAL MATCH (outlet:Entity {id: r.reportedBy[0]})
RETURN r.quoteStart AS quoteStart,
       r.id AS statement,
       [role IN [
         CASE WHEN subject = e THEN 'subject' END,
         CASE WHEN object = e THEN 'object' END,
         CASE WHEN e.id IN r.attributedTo THEN 'attributedTo' END,
         CASE WHEN e.id IN r.reportedBy THEN 'reportedBy' END,
         CASE WHEN inClaim THEN 'inClaim' END
       ] WHERE role IS NOT NULL] AS roles,
       subject.name AS subject,
       type(r) AS predicate,
       object.name AS object,
       coalesce(r.qualifiers, []) AS qualifiers,
       r.hedging AS hedging,
       coalesce(source.name, 'the article') AS attributedTo,
       outlet.name AS reportedBy,
       r.quote AS quote
ORDER BY quoteStart, statement
