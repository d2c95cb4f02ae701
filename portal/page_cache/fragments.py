"""Values that rarely change (navigation, footer links), computed once per
generation instead of on every request, logged-in visitors' included.

The same invalidation as the page cache: the value is stored under the
generations of its tags, read before it is computed, so any change that
would make a cached page stale makes this value unreachable too."""

import logging

from django.conf import settings
from django.core.cache import cache

from portal.cache_keys import make_key
from portal.page_cache import generations

logger = logging.getLogger(__name__)


def remember(name, parts, compute, tags=(generations.CONTENT,)):
    """compute(), or what it returned before while `tags` are unchanged.
    `parts` say what else the value depends on (site, language...)."""
    try:
        gens = generations.current(tags)
        key = make_key(f"pagecache:fragment:{name}", parts, gens)
        found = cache.get(key)
    except Exception:
        logger.exception("Cache unavailable")
        return compute()
    if found is not None:
        return found[0]
    value = compute()
    try:
        cache.set(key, (value,), int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600)))
    except Exception:
        logger.exception("Cache unavailable")
    return value
