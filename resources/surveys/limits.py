"""How many answers one client may send to one survey in a day.

The "already answered" cookie stops a respondent who keeps their cookies; a
fresh cookie (a private window, a script) gets past it. This limit counts the
answers per client address, without keeping the address: the cache key is a
hash of the address with a salt that changes every day (derived from the
secret key and the date, never stored), so yesterday's counts cannot be linked
to an address even by someone holding the cache, and the counts expire with
the day. Like events/limits.py, counts live in the cache and the numbers are a
setting (SURVEY_ANSWER_RATE_LIMITS); officers behind one office address may
answer together, so the default is generous and operators may raise it.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from portal.cache_keys import make_key

NAMESPACE = "surveys:answers:client"
DAY = 24 * 60 * 60


def _limits():
    return getattr(settings, "SURVEY_ANSWER_RATE_LIMITS", None) or {}


def daily_salt(day=None):
    day = day or timezone.localdate()
    return hmac.new(
        settings.SECRET_KEY.encode(), f"survey-client:{day.isoformat()}".encode(), hashlib.sha256
    ).hexdigest()


def client_hash(request, day=None):
    """The client's address, hashed with today's salt (the address is not kept)."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(daily_salt(day).encode(), address.encode(), hashlib.sha256).hexdigest()


def _key(request, survey):
    return make_key(NAMESPACE, survey.pk, client_hash(request), timezone.localdate())


def _per_client():
    return int(_limits().get("per_client_per_day") or 0)


def answer_allowed(request, survey):
    """False once this client has sent today's allowed number of answers to the survey."""
    limit = _per_client()
    if not limit:
        return True
    return (cache.get(_key(request, survey)) or 0) < limit


def count_answer(request, survey):
    """Counts an accepted answer (refused and invalid ones do not use up the limit)."""
    if not _per_client():
        return
    key = _key(request, survey)
    cache.add(key, 0, timeout=DAY)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=DAY)
