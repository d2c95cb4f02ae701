"""Values that rarely change (navigation, footer links), computed once per
generation instead of on every request, logged-in visitors' included.

The same invalidation as the page cache: the value is stored under the
generations of its tags, read before it is computed, so any change that
would make a cached page stale makes this value unreachable too."""

from django.conf import settings
from django.core.cache import cache

from portal.cache_keys import make_key
from portal.page_cache import generations


def remember(name, parts, compute, tags=(generations.CONTENT,)):
    """compute(), or what it returned before while `tags` are unchanged.
    `parts` say what else the value depends on (site, language...)."""
    gens = generations.current(tags)
    key = make_key(f"pagecache:fragment:{name}", parts, gens)
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = compute()
    cache.set(key, (value,), int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600)))
    return value
