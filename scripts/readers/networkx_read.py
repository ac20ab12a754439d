"""Reads an export with networkx as a user would, and prints every node, edge and attribute as JSON.

    python networkx_read.py graphml|gexf|cytoscape|dot FILE
"""

import json
import sys

import networkx as nx

from summary import attributes, emit


def read(fmt, path):
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "cytoscape":
        with open(path, encoding="utf-8") as f:
            return nx.cytoscape_graph(json.load(f))
    if fmt == "dot":
        return nx.nx_pydot.read_dot(path)
    raise SystemExit(f"unknown format {fmt}")


def main():
    fmt, path = sys.argv[1], sys.argv[2]
    g = read(fmt, path)
    edges = g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)
    emit(
        {
            "directed": g.is_directed(),
            "multigraph": g.is_multigraph(),
            "graph": attributes(g.graph),
            "nodes": {str(n): attributes(d) for n, d in g.nodes(data=True)},
            "edges": [
                {"source": str(e[0]), "target": str(e[1]), "attributes": attributes(e[-1])}
                for e in edges
            ],
        }
    )


main()
