"""Cache keys made from visitors' input never collide: a stranger cannot fill
the cache entry that another URL reads."""

import datetime
import decimal
import itertools
import random
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache, caches

from directory import cache as directory_cache
from portal import cache_keys
from tests.events.factories import EventIndexPageFactory, EventPageFactory

# Pairs of inputs that a `k=v&k=v` join, a `:`/`,` join or str() would confuse.
HOSTILE_PAIRS = [
    (
        {"region": "lubelskie&topic=labour-exploitation"},
        {"region": "lubelskie", "topic": "labour-exploitation"},
    ),
    ({"a": "b=c"}, {"a=b": "c"}),
    ({"q": "x", "r": ""}, {"q": "x&r="}),
    ({"q": "x&"}, {"q": "x", "": ""}),
    ({"a": ["b", "c"]}, {"a": "b,c"}),
    ({"a": ["b", "c"]}, {"a": ["b,c"]}),
    ({"a": ["b", "c"]}, {"a": ["c", "b"]}),
    ({"a": "1"}, {"a": 1}),
    ({"a": True}, {"a": "True"}),
    ({"a": True}, {"a": 1}),
    ({"a": None}, {"a": "None"}),
    ({"a": None}, {"a": ""}),
    ({"a": 1.0}, {"a": "1.0"}),
    ({"a": decimal.Decimal("1.5")}, {"a": "1.5"}),
    ({"a": datetime.date(2026, 1, 2)}, {"a": "2026-01-02"}),
    ({"a": '"'}, {"a": '\\"'}),
    ({"a": "\x00"}, {"a": ""}),
    ({"a": "\ud800"}, {"a": "\\ud800"}),
    ({"a": "é"}, {"a": "e\u0301"}),
    ({"a": {"map": [["b", "c"]]}}, {"a": {"b": "c"}}),
    ({"a": ["object", "x"]}, {"a": {"object": "x"}}),
    ({"k": "v"}, [["k", "v"]]),
]

HOSTILE_PARTS = [
    (("en", "a:b"), ("en:a", "b")),
    (("en", "feed"), ("en:feed",)),
    (("a", ""), ("a",)),
    (("a", "b"), (["a", "b"],)),
    ((1, True), (True, 1)),
]


@pytest.mark.parametrize(("first", "second"), HOSTILE_PAIRS)
def test_different_parameters_give_different_keys(first, second):
    assert cache_keys.make_key("test", first) != cache_keys.make_key("test", second)
    assert cache_keys.make_key("test", first) == cache_keys.make_key("test", first)


@pytest.mark.parametrize(("first", "second"), HOSTILE_PARTS)
def test_parts_are_not_joined(first, second):
    assert cache_keys.make_key("test", *first) != cache_keys.make_key("test", *second)


def test_order_of_mapping_keys_does_not_matter():
    first = {"region": "lubelskie", "topic": "labour-exploitation", "kind": "ngo"}
    second = dict(reversed(list(first.items())))
    assert cache_keys.make_key("test", first) == cache_keys.make_key("test", second)


def test_keys_are_short_and_safe_for_every_backend():
    key = cache_keys.make_key("directory:facets", {"q": "\x00 \n" + "x" * 10_000})
    assert len(key) < 100
    assert re.fullmatch(r"[a-z:]+:[0-9a-f]{64}", key)


def test_unknown_types_and_free_namespaces_are_refused():
    with pytest.raises(TypeError):
        cache_keys.make_key("test", object())
    with pytest.raises(TypeError):
        cache_keys.make_key("test", {("a", "b"): "c"})
    with pytest.raises(ValueError):
        cache_keys.make_key("user input & more", "x")


def test_random_hostile_parameters_never_collide():
    """Thousands of parameter dicts over an alphabet of separators: distinct
    dicts give distinct keys."""
    alphabet = ["a", "b", "&", "=", ":", ",", ";", "|", '"', "'", "\\", " ", "%26", "\x00", "\n"]
    rng = random.Random(19)
    seen = {}
    for _ in range(5000):
        params = {}
        for _ in range(rng.randint(0, 3)):
            name = "".join(rng.choices(alphabet, k=rng.randint(0, 3)))
            values = ["".join(rng.choices(alphabet, k=rng.randint(0, 4))) for _ in range(2)]
            params[name] = values[0] if rng.random() < 0.7 else values
        identity = repr(sorted(params.items()))
        key = cache_keys.make_key("test", params)
        assert seen.setdefault(key, identity) == identity
    assert len(seen) > 3000


@pytest.mark.parametrize(("first", "second"), HOSTILE_PAIRS[:5])
def test_directory_facet_keys_never_collide(first, second):
    keys = {
        directory_cache.facets_key(params, member, language)
        for params, member, language in itertools.product(
            (first, second), (False, True), ("en", "pl")
        )
    }
    assert len(keys) == 8


# Requests --------------------------------------------------------------------

HASHED = re.compile(r"[0-9a-f]{24,}")


@pytest.fixture
def written_keys(monkeypatch):
    """The hashed keys (those built from input) that requests write to the cache."""
    backend = caches["default"]
    written = []
    original_set = backend.set

    def recording_set(key, *args, **kwargs):
        if HASHED.search(key):
            written.append(key)
        return original_set(key, *args, **kwargs)

    monkeypatch.setattr(backend, "set", recording_set)
    return written


def _query(params):
    return urlencode(params, doseq=True)


URL_PAIRS = [
    ("/directory/", first, second)
    for first, second in [
        (
            {"region": "lubelskie&topic=labour-exploitation", "sort": "verified"},
            {"region": "lubelskie", "topic": "labour-exploitation", "sort": "verified"},
        ),
        ({"region": "mazowieckie&kind=ngo"}, {"region": "mazowieckie", "kind": "ngo"}),
        ({"q": "shelter&region=lubelskie"}, {"q": "shelter", "region": "lubelskie"}),
        ({"q": "a", "region": "b"}, {"q": "a&region=b"}),
    ]
] + [
    ("/events/calendar/feed.ics", first, second)
    for first, second in [
        ({"region": "lubelskie&topic=x"}, {"region": "lubelskie", "topic": "x"}),
        ({"region": ["a", "b"]}, {"region": "a,b"}),
        ({"region": "a', 'b"}, {"region": ["a", "b"]}),
    ]
]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "first", "second"), URL_PAIRS)
def test_requests_with_confusable_parameters_use_different_entries(
    client, home_page, written_keys, path, first, second
):
    EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Training")
    keys = {}
    for name, params in (("first", first), ("second", second)):
        cache.clear()
        written_keys.clear()
        response = client.get(f"{path}?{_query(params)}")
        assert response.status_code == 200
        assert written_keys, "the page should cache something built from its parameters"
        keys[name] = set(written_keys)
    assert not keys["first"] & keys["second"]
