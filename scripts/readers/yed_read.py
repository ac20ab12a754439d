"""Reads a GraphML export as yEd shows it: only the yFiles graphics (keys with yfiles.type nodegraphics
and edgegraphics), not the data keys. Prints each node's label, fill colour and centre, and each edge's
label, keyed by the export's factgraph_id data.

    python yed_read.py FILE
"""

import sys
import xml.etree.ElementTree as ET

from summary import emit

G = "{http://graphml.graphdrawing.org/xmlns}"
Y = "{http://www.yworks.com/xml/graphml}"

root = ET.parse(sys.argv[1]).getroot()
graphics = {k.get("yfiles.type"): k.get("id") for k in root.iter(f"{G}key") if k.get("yfiles.type")}
ids = {k.get("id") for k in root.iter(f"{G}key") if k.get("attr.name") == "factgraph_id"}


def data(element, key):
    return next((d for d in element.findall(f"{G}data") if d.get("key") == key), None)


def factgraph_id(element):
    return next(d.text for d in element.findall(f"{G}data") if d.get("key") in ids)


nodes, edges, names = {}, {}, {}
for node in root.iter(f"{G}node"):
    names[node.get("id")] = factgraph_id(node)
    shape = data(node, graphics.get("nodegraphics"))
    shape = shape.find(f"{Y}ShapeNode") if shape is not None else None
    if shape is None:
        nodes[factgraph_id(node)] = {"label": None, "fill": None, "x": 0, "y": 0}
        continue
    g = shape.find(f"{Y}Geometry")
    label = shape.find(f"{Y}NodeLabel")
    fill = shape.find(f"{Y}Fill")
    nodes[factgraph_id(node)] = {
        "label": label.text if label is not None else None,
        "fill": fill.get("color") if fill is not None else None,
        "x": float(g.get("x")) + float(g.get("width")) / 2,
        "y": float(g.get("y")) + float(g.get("height")) / 2,
    }
for edge in root.iter(f"{G}edge"):
    line = data(edge, graphics.get("edgegraphics"))
    label = line.find(f"{Y}PolyLineEdge/{Y}EdgeLabel") if line is not None else None
    edges[factgraph_id(edge)] = {
        "label": label.text if label is not None else None,
        "source": names[edge.get("source")],
        "target": names[edge.get("target")],
    }
emit({"nodes": nodes, "edges": edges})
