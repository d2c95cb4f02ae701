"""Calendar files and feeds over HTTP.

Every response is `text/calendar; charset=utf-8; method=PUBLISH` (the
METHOD inside every file served: RFC 5545 §3.7.2) with a filename, an ETag
and Last-Modified, and answers 304 to conditional requests. Public files are
cached (Django cache, keyed by the calendar version that any change to an
event bumps) and marked cacheable; personal feeds are private."""

import datetime
import hashlib
import threading
from collections import OrderedDict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Locale

from events.calendar import ical, services
from events.filters import EventFilterSet, venue_regions
from events.models import EventIndexPage, EventPage
from portal import cache_keys, public_address
from portal.models import Topic
from portal.visibility import visible_pages

PUBLIC_MAX_AGE = 300
CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"
# How often subscribed calendars should fetch a feed again.
FEED_REFRESH = datetime.timedelta(hours=1)


def _etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def calendar_response(request, entry, filename, *, public=True):
    """`entry` is a dict with body, etag and last_modified (a timestamp)."""
    response = get_conditional_response(
        request, etag=entry["etag"], last_modified=entry["last_modified"]
    )
    if response is None:
        response = HttpResponse(entry["body"], content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["ETag"] = entry["etag"]
    if entry["last_modified"]:
        response["Last-Modified"] = http_date(entry["last_modified"])
    if public:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        # Personal feeds: calendar apps poll them, proxies must not keep them.
        patch_cache_control(response, private=True, no_cache=True)
        response["X-Robots-Tag"] = "noindex"
    return response


def _entry(body, last_modified):
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return {"body": body, "etag": _etag(body), "last_modified": timestamp}


# The last few public calendars this process served, by their key in the
# shared cache (which holds the calendar version, read on every request, so
# a change made on any server is seen at once). A feed at 10,000
# institutions is over half a megabyte: fetching it from Redis on every
# request took longer than the rest of the request.
_served = OrderedDict()
_served_lock = threading.Lock()
SERVED_MAX_BYTES = 4 * 1024 * 1024
SERVED_MAX_ENTRIES = 64


def cached_entry(key, build):
    """The cached calendar for `key` in the current calendar version, built
    by `build() -> (body, last_modified)` when missing."""
    full_key = f"events:calendar:{services.calendar_version()}:{key}"
    with _served_lock:
        entry = _served.get(full_key)
        if entry is not None:
            _served.move_to_end(full_key)
            return entry
    entry = cache.get(full_key)
    if entry is None:
        body, last_modified = build()
        if body is None:
            return None
        entry = _entry(body, last_modified)
        cache.set(full_key, entry, services.CACHE_SECONDS)
    _keep_served(full_key, entry)
    return entry


def _keep_served(full_key, entry):
    with _served_lock:
        _served[full_key] = entry
        # The oldest go first, so that all kept stay within the bound.
        while len(_served) > SERVED_MAX_ENTRIES or (
            sum(len(kept["body"]) for kept in _served.values()) > SERVED_MAX_BYTES
        ):
            _served.popitem(last=False)


def _event_for(request, uid):
    """The event with this calendar identity that the visitor may see, in the
    active language when a translation exists."""
    source = EventPage.objects.filter(uid=uid).only("translation_key").first()
    if source is None:
        raise Http404
    # The URL names the event by its source's UID; each language version is
    # the same event (and must itself be visible to this visitor).
    pages = list(
        visible_pages(
            request, EventPage.objects.filter(translation_key=source.translation_key)
        ).select_related("locale")
    )
    if not pages:
        raise Http404
    language = get_language()
    chosen = next((p for p in pages if p.locale.language_code == language), pages[0])
    services.attach_identities([chosen])
    return chosen


def _is_public(request, event):
    return not event.get_view_restrictions().exists()


def _filename(title, suffix=""):
    return (slugify(title)[:60] or "event") + suffix + ".ics"


@require_safe
def event_ics(request, uid):
    event = _event_for(request, uid)
    public = _is_public(request, event)

    def build():
        url = event.public_url(request)
        return ical.event_calendar(event, url), event.last_published_at

    entry = cached_entry(f"event:{event.pk}", build) if public else _entry(*build())
    return calendar_response(request, entry, _filename(event.title), public=public)


@require_safe
def programme_ics(request, uid):
    event = _event_for(request, uid)
    public = _is_public(request, event)

    def build():
        url = event.public_url(request)
        return ical.programme_calendar(event, url), event.last_published_at

    entry = cached_entry(f"programme:{event.pk}", build) if public else _entry(*build())
    return calendar_response(request, entry, _filename(event.title, "-programme"), public=public)


def _index_page():
    locale = Locale.get_active()
    index = EventIndexPage.objects.live().public().filter(locale=locale).first()
    return index or EventIndexPage.objects.live().public().first()


def feed_filterset(request, index):
    topics = Topic.objects.filter(locale=index.locale).order_by("name")
    regions = venue_regions(index)
    return EventFilterSet(
        request.GET or None,
        queryset=EventPage.objects.none(),
        topics=list(topics),
        regions=list(regions),
    )


FEED_PARAMS = ("when", "kind", "topic", "region", "month", "audience", "seats")


# Events read from the database at a time when writing a feed (a feed at
# 10,000 institutions has ~1,000).
FEED_CHUNK = 100


def build_public_feed(request, index):
    filterset = feed_filterset(request, index)
    if filterset.is_bound and not filterset.form.is_valid():
        # The listing shows nothing for invalid filters; so does the feed.
        events, externals = EventPage.objects.none(), []
    else:
        events = services.public_feed_events(index, filterset)
        externals = list(services.public_feed_externals(filterset))
    # Events are always children of the index (EventPage.parent_page_types):
    # their URL is the index's plus the slug, without a lookup per event.
    base = public_address.absolute(index.get_url_parts(request)[2])

    def url_for(event):
        return f"{base}{event.slug}/"

    entries = services.PublicFeedEntries(events, FEED_CHUNK)
    body = ical.feed_calendar(
        entries,
        externals,
        name=f"{index.title} – {_('Cooperation Portal')}",
        url_for=url_for,
        refresh=FEED_REFRESH,
    )
    modified = [entries.last_published, *(x.updated_at for x in externals)]
    modified = [instant for instant in modified if instant]
    return body, max(modified) if modified else timezone.now().replace(microsecond=0)


@require_safe
def public_feed(request):
    """The events index's feed. A cached copy is served without touching the
    database: the key holds the language and the filters, and the calendar
    version drops every copy when an event changes."""
    params = sorted(
        (key, value) for key in FEED_PARAMS for value in request.GET.getlist(key) if value
    )
    key = cache_keys.make_key("feed", get_language(), params)

    def build():
        index = _index_page()
        if index is None:
            return None, None
        return build_public_feed(request, index)

    entry = cached_entry(key, build)
    if entry is None:
        raise Http404
    return calendar_response(request, entry, "events.ics")


@require_safe
def personal_feed(request, token):
    """Written in the user's preferred language (the one their emails use),
    whatever language the calendar app asks in: it has no say in it."""
    user = services.user_for_token(token)
    if user is None:
        raise Http404
    language = user.preferred_language or settings.LANGUAGE_CODE

    def build():
        registrations = services.personal_registrations(user)
        events = services.in_language([r.event for r in registrations], language)
        modified = [r.updated_at for r in registrations] + [
            e.last_published_at for e in events if e.last_published_at
        ]

        def url_for(event):
            return event.public_url(request)

        body = ical.personal_calendar(
            list(zip(registrations, events, strict=True)),
            name=_("My events – Cooperation Portal"),
            url_for=url_for,
            refresh=FEED_REFRESH,
        )
        return body, max(modified) if modified else timezone.now().replace(microsecond=0)

    # Keyed by the secret itself: a regenerated token never reads the old entry.
    key = cache_keys.make_key("personal", language, token)
    with translation.override(language):
        entry = cached_entry(key, build)
    return calendar_response(request, entry, "my-events.ics", public=False)


@login_required
@require_POST
def regenerate_token(request):
    had_token = services.feed_token_for(request.user) is not None
    services.create_or_regenerate_token(request.user)
    if had_token:
        messages.success(
            request,
            _("Your calendar feed has a new address. The old address no longer works."),
        )
    else:
        messages.success(request, _("Your personal calendar feed is ready."))
    return redirect("my_account")
