"""The pipeline a researcher might write in Python instead of factgraph, timed for the bench.

    python python-peer.py SCHEMA DATA_DIR

Reads every YAML file of DATA_DIR with PyYAML's C loader, checks it with jsonschema against the bundled
schema (draft 2020-12), and builds a networkx MultiDiGraph: entities as nodes, statements as keyed edges.
It does less than `kg load`: no quote is looked up in its document, no reference or kind is checked
across files, and an error has no line or column. Prints one JSON line: seconds, nodes, edges, errors.
"""
import json
import sys
import time
from pathlib import Path

import jsonschema
import networkx as nx
import yaml

schema_path, data_dir = sys.argv[1], Path(sys.argv[2])
files = sorted(data_dir.rglob("*.yaml"))


class Loader(yaml.CSafeLoader):
    """PyYAML's C loader, YAML 1.1: `2025-08-21` would be a date, which the schema rejects. A researcher
    who meets that error takes the timestamp rule out, as here, and so keeps dates as text."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}

validator = jsonschema.Draft202012Validator(json.loads(Path(schema_path).read_text("utf-8")))

start = time.perf_counter()
graph = nx.MultiDiGraph()
errors = 0
for path in files:
    with path.open("rb") as f:
        data = yaml.load(f, Loader=Loader)
    errors += sum(1 for _ in validator.iter_errors(data))
    for entity in data.get("entities", []):
        graph.add_node(entity["id"], **entity)
    for statement in data.get("statements", []):
        graph.add_edge(statement["subject"], statement["object"], key=statement["id"], **statement)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges(), "errors": errors}))
