"""Reads a GraphML export with python-igraph (Graph.Read_GraphML) and prints every vertex, edge and
attribute as JSON. igraph gives every vertex every attribute: a value the file leaves out comes back as
igraph's default for the type (None, NaN or False).

    python igraph_read.py FILE
"""

import sys

import igraph

from summary import attributes, emit

g = igraph.Graph.Read_GraphML(sys.argv[1])
emit(
    {
        "directed": g.is_directed(),
        "graph": attributes({a: g[a] for a in g.attributes()}),
        "vertices": [attributes(v.attributes()) for v in g.vs],
        "edges": [
            {"source": e.source, "target": e.target, "attributes": attributes(e.attributes())} for e in g.es
        ],
    }
)
