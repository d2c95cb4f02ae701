"""A version number for the directory's data, bumped on every change, so that
derived results (filter counts) can be cached and are never stale: a change
makes every cached entry unreachable. Works across servers with a shared
cache (Redis in production)."""

import hashlib

from django.core.cache import cache

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
    # User input goes through a hash: keys stay short and safe for any backend.
    items = "&".join(f"{key}={value}" for key, value in sorted(params.items()))
    digest = hashlib.sha256(items.encode()).hexdigest()[:32]
    return f"directory:facets:{data_version()}:{int(viewer_is_member)}:{language}:{digest}"
