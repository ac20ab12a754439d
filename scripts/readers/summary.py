"""What a Python reader found in an export, as JSON the tests compare with the graph."""

import json
import math
import sys


def value(v):
    """A value as JSON carries it: NaN (igraph's missing number) as the string "NaN", others as read."""
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    if isinstance(v, (list, tuple)):
        return [value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): value(x) for k, x in v.items()}
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return str(v)


def attributes(data):
    """Attributes by name, each as {"type": Python type name, "value": ...}, so 2308 and 2308.0 differ."""
    return {str(k): {"type": type(v).__name__, "value": value(v)} for k, v in data.items()}


def emit(summary):
    json.dump(summary, sys.stdout, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
