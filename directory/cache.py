"""A version number for the directory's data, bumped on every change, so that
derived results (filter counts, result pages, rendered cards) can be cached
and are never stale: a change makes every cached entry unreachable. Works
across servers with a shared cache (Redis in production).

Rendered fragments also depend on the portal's content generation
(`portal.page_cache`: bumped by any change of what pages show, the directory's
tables included) and on today's date ("may be out of date" turns on at
midnight), so nothing a change or a new day affects is served from before it."""

import uuid

from django.core.cache import cache
from django.utils import timezone

from portal.cache_keys import make_key
from portal.page_cache import generations

VERSION_KEY = "directory:data-version"
FACETS_TIMEOUT = 600
# Fragments are keyed by generation; the timeout only frees memory.
FRAGMENT_TIMEOUT = 3600


def data_version():
    """The current version: a random token, so that a version lost from the
    cache (evicted, or the cache restarted) is replaced by one never used
    before, and entries stored under an old one can never come back."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _new_version(), None)
        version = cache.get(VERSION_KEY) or _new_version()
    return version


def bump():
    cache.set(VERSION_KEY, _new_version(), None)


def _new_version():
    return uuid.uuid4().hex[:16]


def facets_key(params, viewer_is_member, language, current_state=None):
    """`params` are the parsed filter values, never the raw query string."""
    current_state = current_state if current_state is not None else state()
    return make_key(
        "directory:facets", current_state, bool(viewer_is_member), language, dict(params)
    )


def state():
    """Everything a cached directory fragment depends on besides its own
    parts: read once per request and passed to `key()`."""
    return [
        data_version(),
        generations.current((generations.CONTENT,))[generations.CONTENT],
        timezone.localdate(),
    ]


def key(name, current_state, *parts):
    """The cache key of fragment `name` for `parts` (object ids, language,
    viewer kind...) in `current_state` (see `state()`)."""
    return make_key(f"directory:fragment:{name}", current_state, list(parts))


def lookup(name, parts, current_state=None):
    """The value stored for (name, parts) in the current state, or None."""
    current_state = current_state if current_state is not None else state()
    found = cache.get(key(name, current_state, *parts))
    return None if found is None else found[0]


def store(name, parts, value, current_state=None):
    current_state = current_state if current_state is not None else state()
    cache.set(key(name, current_state, *parts), (value,), FRAGMENT_TIMEOUT)


def remember(name, parts, compute, current_state=None):
    """compute(), or what it returned before in the same state. The state
    is read before computing: a change during the computation makes the
    stored value unreachable rather than stale."""
    current_state = current_state if current_state is not None else state()
    cache_key = key(name, current_state, *parts)
    found = cache.get(cache_key)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(cache_key, (value,), FRAGMENT_TIMEOUT)
    return value


def remember_many(name, items, parts, compute_missing, current_state=None):
    """{item: value} for hashable `items` (e.g. ids), each cached under
    (name, item, *parts); compute_missing(missing_items) -> {item: value}
    computes the ones not cached, all at once."""
    current_state = current_state if current_state is not None else state()
    keys = {item: key(name, current_state, item, *parts) for item in items}
    found = cache.get_many(list(keys.values()))
    values = {item: found[k][0] for item, k in keys.items() if k in found}
    missing = [item for item in items if item not in values]
    if missing:
        computed = compute_missing(missing)
        cache.set_many(
            {keys[item]: (value,) for item, value in computed.items() if item in keys},
            FRAGMENT_TIMEOUT,
        )
        values.update(computed)
    return values
