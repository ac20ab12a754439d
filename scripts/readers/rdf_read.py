"""Reads the Turtle and the JSON-LD export with rdflib and with pyoxigraph, and prints what each found
and whether the two files hold the same graph (isomorphic: equal up to blank node names).

    python rdf_read.py FILE.ttl FILE.jsonld
"""

import sys

import pyoxigraph
import rdflib
from rdflib.compare import isomorphic

from summary import emit

ttl, jsonld = sys.argv[1], sys.argv[2]
STATEMENT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement"
TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def rdflib_summary():
    a = rdflib.Graph().parse(ttl, format="turtle")
    b = rdflib.Graph().parse(jsonld, format="json-ld")
    statements = set(a.subjects(rdflib.RDF.type, rdflib.URIRef(STATEMENT)))
    return {"turtle": len(a), "jsonld": len(b), "statements": len(statements), "isomorphic": isomorphic(a, b)}


def oxigraph_summary():
    def load(path, fmt):
        with open(path, "rb") as f:
            d = pyoxigraph.Dataset(pyoxigraph.parse(f, format=fmt))
        d.canonicalize(pyoxigraph.CanonicalizationAlgorithm.UNSTABLE)
        return d

    a = load(ttl, pyoxigraph.RdfFormat.TURTLE)
    b = load(jsonld, pyoxigraph.RdfFormat.JSON_LD)
    statements = {q.subject for q in a if q.predicate.value == TYPE and q.object.value == STATEMENT}
    return {"turtle": len(a), "jsonld": len(b), "statements": len(statements), "isomorphic": a == b}


emit({"rdflib": rdflib_summary(), "pyoxigraph": oxigraph_summary()})
