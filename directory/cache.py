"""The directory's cached values (filter counts, result pages, rendered
cards and pages), kept by `portal.request_cache` like every other cached
value of the portal: one helper, which reads the cache at most once per
value and request, and falls back to computing when the cache is down.

Besides the content generation (`portal.page_cache`: bumped by any change of
what pages show, the directory's tables included, and again when the change
commits), which `request_cache` checks, a directory value is kept under two
more parts of its key:

- the directory's data version, a random token replaced on every change of
  an institution, a person or their links (`bump()`). A version lost from
  the cache (evicted, or the cache restarted) is replaced by one never used
  before, so entries stored under an old one can never come back. A
  request reads it once, in the round trip that reads the generations.
- today's date: "may be out of date" turns on at midnight without a change.
"""

import uuid

from django.core.cache import cache
from django.utils import timezone

from portal import request_cache

VERSION_KEY = "directory:data-version"

request_cache.read_with_generations(VERSION_KEY)


def _new_version():
    return uuid.uuid4().hex[:16]


def data_version():
    """The current version, read once per request (see `bump()`)."""
    return request_cache.shared_value(VERSION_KEY, _new_version)


def bump():
    """The directory's data changed: every value kept before is unreachable,
    on every server sharing the cache, and this request reads afresh. While
    Redis does not answer, the new version cannot be written: the process
    deletes the version's key once Redis answers (portal/redis_cache.py), so
    that values kept before are not read again."""
    cache.set(VERSION_KEY, _new_version(), None)
    request_cache.forget()


def state():
    """Everything a cached directory value depends on besides its own parts
    (for tests and diagnostics: `remember` reads them itself)."""
    return [data_version(), request_cache.generation(), timezone.localdate()]


def _parts(parts):
    return [*parts, data_version(), timezone.localdate().isoformat()]


def key(name, parts):
    """The cache key of value `name` for `parts` (ids, language, member or
    not...) in the current data version and day."""
    return request_cache.key(f"directory:{name}", _parts(parts))


def facets_parts(params, viewer_is_member, language):
    """`params` are the parsed filter values, never the raw query string."""
    return [dict(params), bool(viewer_is_member), language]


def facets_key(params, viewer_is_member, language):
    """The key the filter counts and total for these filters are kept under."""
    return key("facets", facets_parts(params, viewer_is_member, language))


def remember(name, parts, compute):
    """compute(), or what it returned before for (name, parts) while the
    directory, the content and the day are unchanged. The version and the
    generation are read before computing: a change during the computation
    makes the stored value unreachable rather than stale."""
    return request_cache.remembered(f"directory:{name}", _parts(parts), compute)


def remember_many(name, items, parts, compute_missing):
    """{item: value} for hashable `items` (e.g. ids), each kept under
    (name, item, *parts), in one round trip; compute_missing(missing_items)
    -> {item: value} computes the ones not kept, all at once."""
    extra = _parts(parts)
    return request_cache.remembered_many(
        f"directory:{name}", {item: [item, *extra] for item in items}, compute_missing
    )
