"""A version number for the directory's data, bumped on every change, so that
derived results (filter counts) can be cached and are never stale: a change
makes every cached entry unreachable. Works across servers with a shared
cache (Redis in production)."""

from django.core.cache import cache

from portal.cache_keys import make_key

VERSION_KEY = "directory:data-version"
FACETS_TIMEOUT = 600


def data_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def facets_key(params, viewer_is_member, language):
    """`params` are the parsed filter values, never the raw query string."""
    return make_key(
        "directory:facets", data_version(), bool(viewer_is_member), language, dict(params)
    )
