"""How many registration attempts one client, or one email address, may make.

The registration form is open to anyone and each attempt may send a mail, so
a stranger could use it to flood someone's inbox or to probe many addresses.
Counts live in the cache, in fixed windows; the numbers are settings
(EVENTS_REGISTRATION_RATE_LIMITS)."""

from django.conf import settings
from django.core.cache import cache

from portal.cache_keys import make_key


def _limits():
    return getattr(settings, "EVENTS_REGISTRATION_RATE_LIMITS", None) or {}


def _count(namespace, value, window):
    key = make_key(namespace, value)
    # add() starts the window only if no count exists yet.
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return 1


def registration_allowed(request):
    """Count this registration attempt; False once the client or the address
    has used up its attempts for the current window."""
    limits = _limits()
    if not limits:
        return True
    window = int(limits.get("window_seconds", 3600))
    allowed = True
    client = request.META.get("REMOTE_ADDR", "")
    per_client = limits.get("per_client")
    if per_client and _count("events:register:client", client, window) > per_client:
        allowed = False
    email = (request.POST.get("email") or "").strip().lower()
    per_address = limits.get("per_address")
    if email and per_address and _count("events:register:email", email, window) > per_address:
        allowed = False
    return allowed
