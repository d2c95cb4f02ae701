"""Cache keys made from what a visitor sent.

Joining values into a string (`k=v&k=v`) lets one value pose as several:
`region="a&topic=b"` and `region="a", topic="b"` would share a key, and a
stranger could fill the cache entry that everyone else reads. Here the
values are first written in one canonical, unambiguous form (JSON with
sorted keys, every string escaped), and only that is hashed. The hash keeps
keys short and safe for every cache backend, whatever the input."""

import datetime
import decimal
import hashlib
import json
import re
import uuid
from collections.abc import Mapping

from django.db.models import Model, QuerySet
from django.utils.datastructures import MultiValueDict

NAMESPACE = re.compile(r"^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*$")


def _canonical(value):
    """`value` as plain JSON data. Different values never give the same data:
    mappings become {"map": [[key, value], ...]} and other objects
    {"object": [type, text]}, so neither can pass for a list or a string."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        # JSON has no NaN or infinity; repr() is exact and round-trips.
        return {"float": repr(value)}
    if isinstance(value, MultiValueDict):
        return {"map": sorted([str(key), _canonical(values)] for key, values in value.lists())}
    if isinstance(value, Mapping):
        items = [[_key(key), _canonical(item)] for key, item in value.items()]
        return {"map": sorted(items, key=lambda pair: json.dumps(pair[0]))}
    if isinstance(value, Model):
        return {"object": [value._meta.label_lower, _canonical(value.pk)]}
    if isinstance(value, QuerySet):
        return {
            "object": [value.model._meta.label_lower, sorted(value.values_list("pk", flat=True))]
        }
    if isinstance(value, list | tuple):
        return [_canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return {"set": sorted((_canonical(item) for item in value), key=json.dumps)}
    if isinstance(value, datetime.date | datetime.time | decimal.Decimal | uuid.UUID):
        # isoformat()/str() of these types is exact: two values, two texts.
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        return {"object": [type(value).__name__, text]}
    raise TypeError(f"No canonical form for {type(value).__name__} in a cache key.")


def _key(key):
    if isinstance(key, str | int | bool) or key is None:
        return key
    raise TypeError(f"Mapping keys in a cache key must be strings, not {type(key).__name__}.")


def canonical(*parts):
    """The parts as one canonical text (JSON, keys sorted, no spaces)."""
    return json.dumps(
        [_canonical(part) for part in parts],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        allow_nan=False,
    )


def digest(*parts):
    return hashlib.sha256(canonical(*parts).encode("ascii")).hexdigest()


def make_key(namespace, *parts):
    """A cache key for `parts` (anything a visitor may choose: parameters,
    tokens, filters) under a fixed, readable `namespace` such as
    "directory:facets". Equal parts give equal keys; different parts give
    different keys, whatever characters the values contain."""
    if not NAMESPACE.match(namespace):
        raise ValueError(f"Cache key namespace {namespace!r} must be a fixed identifier.")
    return f"{namespace}:{digest(*parts)}"
