"""Serving and storing anonymous pages, and the `Cache-Control` of every response.

Two middlewares, because a response is decided at two depths:

- `AnonymousPageCacheMiddleware` sits inside the session, CSRF, auth and
  messages middlewares: it can see the session and whether the page used a
  CSRF token or a message, and what it stores is the page before any of
  them adds a cookie.
- `CacheControlMiddleware` sits outside them (just after WhiteNoise), so it
  sees every cookie set on the way out and writes the final
  `Cache-Control`: `public, max-age=0, s-maxage=N` only on pages the cache
  could keep, `private, no-store` on anything personal (a session with
  anything in it, a cookie set, a CSRF token, a message), and
  `private, no-cache` on the rest that says nothing itself.

A page is cached only for a visitor whose session is empty (not logged in,
not half-way through a login or two-factor step, no scenario progress...),
who sent no Authorization header and no cookie but the session, CSRF and
language ones (a message, a survey answered in this browser), for GET or HEAD,
a 200 HTML response that set no cookie, showed no message and has no
Cache-Control of its own. A page with a form (scenario and survey intros)
is kept with a placeholder for the CSRF token, which each visitor gets
afresh; such responses set the CSRF cookie and are private, so only the
portal's cache saves their rendering, never a shared cache in front. It is keyed by scheme, host,
language, path and the canonical query (`portal.cache_keys`), so Polish and
English, and every filter, have their own entries. A logged-in visitor never
reads the cache (their session is not empty), and never fills it.
"""

import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation
from django.utils.cache import patch_vary_headers

from portal.cache_keys import make_key
from portal.page_cache import generations, schedule

logger = logging.getLogger(__name__)
# Headers of the stored page that are written afresh for each response.
UNSTORED_HEADERS = {"cache-control", "set-cookie", "date", "expires", "age", "x-page-cache"}
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
CSRF_FIELD = b'name="csrfmiddlewaretoken"'
CSRF_VALUE = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
# Stands in the stored page for each visitor's own CSRF token.
CSRF_PLACEHOLDER = b"portal-page-cache-csrf-token-placeholder"


@dataclass
class Decision:
    """What the page cache made of a request, for CacheControlMiddleware."""

    cacheable: bool = False
    ttl: int = 0
    tags: set = field(default_factory=set)


def enabled():
    return getattr(settings, "PORTAL_PAGE_CACHE", True)


def max_seconds():
    return int(getattr(settings, "PORTAL_PAGE_CACHE_SECONDS", 600))


def session_is_empty(request):
    session = getattr(request, "session", None)
    if session is None:
        return True
    if session.session_key is None and not getattr(session, "_session_cache", None):
        return True
    return not list(session.keys())


def carries_messages(request):
    if request.COOKIES.get("messages"):
        return True
    storage = getattr(request, "_messages", None)
    if storage is None:
        return False
    return bool(getattr(storage, "_queued_messages", None)) or bool(
        getattr(storage, "_loaded_data", None)
    )


def carries_other_cookies(request):
    """Cookies other than the session, CSRF and language ones may change
    the page (a survey already answered in this browser): such a visitor
    is served by the portal, never from the cache, and never fills it."""
    neutral = {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
    }
    return any(name not in neutral for name in request.COOKIES)


def is_personal(request, response):
    """Does this response belong to one visitor only?"""
    return bool(
        response.cookies
        or carries_other_cookies(request)
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or request.META.get("HTTP_AUTHORIZATION")
        or carries_messages(request)
        or not session_is_empty(request)
    )


def page_key(request):
    return make_key(
        "pagecache:page",
        request.scheme,
        request.get_host(),
        translation.get_language(),
        request.path,
        request.GET,
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.may_use_cache(request):
            return self.get_response(request)
        try:
            key = page_key(request)
        except DisallowedHost:
            return self.get_response(request)

        # One round trip: the generations (read before anything is rendered,
        # see generations) and the page.
        gen_keys = [generations.key(tag) for tag in generations.TAGS]
        try:
            found = cache.get_many([*gen_keys, key])
            entry = found.pop(key, None)
            gens = generations.current(found=found)
        except Exception:
            # The cache is down: pages are rendered as if there were none.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        now = time.time()

        if entry is not None:
            # Rows' tags (the seats of the events a page shows): a second
            # round trip, only for pages that have them.
            others = [tag for tag in entry.get("gens", {}) if tag not in gens]
            if others:
                try:
                    gens = {**gens, **generations.current(others)}
                except Exception:
                    logger.exception("Page cache unavailable")
                    return self.get_response(request)

        if entry is not None and self.is_fresh(entry, gens, now):
            content = entry["content"]
            if entry.get("csrf"):
                # The visitor's own token (and cookie): this response is
                # private, only the rendering was saved.
                content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, status=entry["status"])
            for name, value in entry["headers"]:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            request._page_cache = Decision(True, int(entry["expires"] - now), set(entry["gens"]))
            return response

        recording, token = generations.start_recording()
        try:
            with connection.execute_wrapper(recording):
                response = self.get_response(request)
        finally:
            generations.stop_recording(token)

        content, uses_csrf = self.content_to_store(request, response, recording)
        if request.method == "GET" and content is not None:
            try:
                next_change = schedule.next_change(now, gens[generations.SCHEDULE])
                ttl = min(max_seconds(), int(next_change - now))
                if ttl >= 1:
                    depends = {
                        tag: gens[tag] if tag in gens else recording.declared[tag]
                        for tag in recording.tags
                    }
                    entry = {
                        "gens": depends,
                        "expires": now + ttl,
                        "status": response.status_code,
                        "headers": [
                            (name, value)
                            for name, value in response.items()
                            if name.lower() not in UNSTORED_HEADERS
                        ],
                        "content": content,
                        "csrf": uses_csrf,
                    }
                    cache.set(key, entry, ttl)
                    response["X-Page-Cache"] = "miss"
                    request._page_cache = Decision(True, ttl, set(depends))
            except Exception:
                logger.exception("Page cache unavailable")
        return response

    @staticmethod
    def may_use_cache(request):
        return (
            enabled()
            and request.method in ("GET", "HEAD")
            and not request.path.startswith("/admin/")
            and not request.META.get("HTTP_AUTHORIZATION")
            and not carries_messages(request)
            and not carries_other_cookies(request)
            and session_is_empty(request)
        )

    @staticmethod
    def is_fresh(entry, gens, now):
        return entry.get("expires", 0) > now + 1 and all(
            gens.get(tag) == value for tag, value in entry.get("gens", {}).items()
        )

    @classmethod
    def content_to_store(cls, request, response, recording):
        """(what may be kept of this response or None, whether it has a form
        with a CSRF token). Such a page is kept with a placeholder where the
        token was; each visitor gets their own token in it, and those
        responses are private (never shared by a cache in front)."""
        if not cls.may_store(request, response, recording):
            return None, False
        content = response.content
        if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return (None if CSRF_FIELD in content else content), False
        for token in set(CSRF_VALUE.findall(content)):
            content = content.replace(token, CSRF_PLACEHOLDER)
        secret = request.META.get("CSRF_COOKIE", "").encode()
        placeheld = CSRF_FIELD + b' value="' + CSRF_PLACEHOLDER + b'"'
        if content.count(CSRF_FIELD) != content.count(placeheld) or (secret and secret in content):
            return None, False  # a token somewhere else than in a form's field
        return content, True

    @staticmethod
    def may_store(request, response, recording):
        known = set(generations.TAGS) | set(recording.declared)
        if not recording.cacheable or not recording.tags <= known:
            return False
        if response.status_code != 200 or response.streaming:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        if response.has_header("Cache-Control") or response.cookies:
            return False
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= ALLOWED_VARY:
            return False
        if getattr(request, "is_preview", False) or getattr(request, "is_dummy", False):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        # Personal in any way but the CSRF token (handled above)?
        return not (
            request.META.get("HTTP_AUTHORIZATION")
            or carries_messages(request)
            or carries_other_cookies(request)
            or not session_is_empty(request)
            or getattr(request.session, "modified", False)
        )


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        decision = getattr(request, "_page_cache", None)
        cache_control = response.get("Cache-Control", "")
        if is_personal(request, response):
            if not cache_control or "public" in cache_control or "s-maxage" in cache_control:
                response["Cache-Control"] = "private, no-store"
            if "X-Cache-Tags" in response:
                del response["X-Cache-Tags"]
        elif decision is not None and decision.cacheable and decision.ttl >= 1:
            response["Cache-Control"] = f"public, max-age=0, s-maxage={decision.ttl}"
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
            response["X-Cache-Tags"] = ",".join(sorted(decision.tags))
        elif not cache_control:
            response["Cache-Control"] = "private, no-cache"
        return response
