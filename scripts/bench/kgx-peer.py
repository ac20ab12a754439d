"""KGX, the Biolink knowledge-graph exchange tool, loading the bench's graph as KGX TSV into Neo4j.

    python kgx-peer.py NODES_TSV EDGES_TSV BOLT_URI PASSWORD

What a user of the KGX tool chain would run instead of `kg load --backend neo4j`: `kgx transform` from
TSV to its Neo4j sink, here through its Python API so that it starts offline. kgx (through bmt) fetches
the Biolink model and its predicate mapping from GitHub when it is imported: the model is taken from the
`biolink-model` package instead, and the predicate mapping (used only to map predicates, which this graph
does not ask for) is empty, and its JSON-LD prefix maps are the packaged copies. Prints one JSON line: seconds (the transform alone), errors kgx logged.
"""
import json
import sys
import time
from pathlib import Path

import biolink_model
import bmt
import kgx.config
import prefixcommons

SCHEMA = str(Path(list(biolink_model.__path__)[0]) / "schema" / "biolink_model.yaml")
_init = bmt.Toolkit.__init__


def _offline(self, schema=SCHEMA, predicate_map=None, **kwargs):
    """bmt's Toolkit with the packaged model wherever kgx would have it download one."""
    if isinstance(schema, str) and schema.startswith("http"):
        schema = SCHEMA
    if predicate_map is None or (isinstance(predicate_map, str) and predicate_map.startswith("http")):
        predicate_map = {"predicate mappings": []}
    _init(self, schema, predicate_map, **kwargs)


bmt.Toolkit.__init__ = _offline
# kgx also reads JSON-LD contexts (prefix maps) from GitHub: the same maps as packaged by biolink-model and
# prefixcommons.
_packaged = Path(list(biolink_model.__path__)[0]) / "prefixmaps" / "biolink-model-prefix-map.json"
kgx.config.jsonld_context_map["biolink"] = json.loads(_packaged.read_text("utf-8"))
for _name in ("monarch_context", "obo_context"):
    _file = Path(prefixcommons.__file__).parent / "registry" / f"{_name}.jsonld"
    kgx.config.jsonld_context_map[_name] = json.loads(_file.read_text("utf-8"))["@context"]

from kgx.transformer import Transformer  # noqa: E402  (after the patch: kgx makes a Toolkit on import)

nodes, edges, uri, password = sys.argv[1:5]
transformer = Transformer()
start = time.perf_counter()
transformer.transform(
    input_args={"format": "tsv", "filename": [nodes, edges]},
    output_args={"format": "neo4j", "uri": uri, "username": "neo4j", "password": password},
)
seconds = time.perf_counter() - start
# What kgx logged instead of raising: {level: {error type: records}}.
errors = {
    str(level): {str(kind): sum(len(records) for records in messages.values()) for kind, messages in kinds.items()}
    for level, kinds in transformer.get_errors().items()
}
print(json.dumps({"seconds": seconds, "errors": errors}))
