"""Calendar rules: what goes into which feed, the cache version, personal
feed tokens, and importing partner institutions' calendars."""

import contextlib
import datetime
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events import translations
from events.calendar import ical
from events.choices import Audience, RegistrationStatus
from events.filters import with_confirmed_counts
from events.models import (
    CalendarFeedToken,
    EventPage,
    ExternalCalendarSource,
    ExternalEvent,
    Registration,
)

FEED_PAST_DAYS = 90
VERSION_KEY = "events:calendar:version"
# An hour at most: the feed's 90-day window moves with the clock.
CACHE_SECONDS = 60 * 60
FETCH_TIMEOUT = 15
FETCH_MAX_BYTES = 5 * 1024 * 1024


# --- cache version ---------------------------------------------------------------


def calendar_version():
    """A number that changes whenever an event, a registration or a partner
    event changes; every cached calendar is keyed by it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache starts from the clock so that an old value can never
        # come back after a restart of the cache.
        version = int(timezone.now().timestamp() * 1000)
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_calendar_version(**kwargs):
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        calendar_version()
        with contextlib.suppress(ValueError):
            cache.incr(VERSION_KEY)


# --- identity of translated events -----------------------------------------------


def _default_locale_id():
    return cache.get_or_set(
        "events:calendar:default-locale", lambda: Locale.get_default().pk, 60 * 60
    )


def attach_identities(events):
    """Give translated events their source's UID and SEQUENCE (one query for
    all of them), so that every language version is the same calendar entry."""
    pending = [e for e in events if getattr(e, "_calendar_identity", None) is None]
    if not pending:
        return events
    default = _default_locale_id()
    translated = {e.translation_key for e in pending if e.locale_id != default}
    sources = source_identities(translated) if translated else {}
    for event in pending:
        set_identity(event, sources)
    return events


def source_identities(translation_keys):
    """{translation key: (uid, sequence)} of the events in the default
    language with these keys (a set, or a query giving them)."""
    return {
        key: (uid, sequence)
        for key, uid, sequence in EventPage.objects.filter(
            locale_id=_default_locale_id(), translation_key__in=translation_keys
        ).values_list("translation_key", "uid", "sequence")
    }


def set_identity(event, sources):
    event._calendar_identity = sources.get(event.translation_key) or (event.uid, event.sequence)


# --- public feed ------------------------------------------------------------------


def feed_since(now=None):
    return (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)


def public_feed_events(index, filterset=None, now=None):
    """Public events under `index`: upcoming and of the last 90 days,
    cancelled ones included (subscribers' calendars must update), never
    members-only, invitation-only or view-restricted ones."""
    queryset = (
        EventPage.objects.live()
        .public()
        .child_of(index)
        .filter(audience=Audience.PUBLIC, end__gte=feed_since(now))
    )
    queryset = with_confirmed_counts(queryset)
    if filterset is not None and filterset.is_bound and filterset.form.is_valid():
        data = dict(filterset.form.cleaned_data)
        for name, value in data.items():
            if name == "when" or value in (None, "", False):
                continue
            filter_ = filterset.filters[name]
            queryset = filter_.filter(queryset, value)
        if data.get("when") == "past":
            queryset = queryset.filter(end__lt=now or timezone.now())
    # A feed entry is the summary, never the page's body, materials or the
    # snapshot of its last publication: not read, not held.
    return queryset.order_by("start", "pk").defer("body", "materials", "published_snapshot")


class PublicFeedEntries:
    """(event, organisers, topics) for each of `events` (a queryset), by
    start, read as the caller writes them out; `last_published` is the
    latest publication among them once they have all been read.

    The events come from one query, read `chunk_size` rows at a time, and
    each is let go once the caller is done with it; their organisers and
    topics come from one query each for all of them, as the few small
    objects they are, and the identities of translations from one more when
    the first translation comes. A feed of a thousand events takes as many
    queries as one of ten, and never holds a thousand pages: a worker keeps
    for good the memory its largest request took, and prefetching pages in
    batches instead took a query per batch and left reference cycles only
    the garbage collector frees."""

    def __init__(self, events, chunk_size):
        self.events = events
        self.chunk_size = chunk_size
        self.last_published = None

    def __iter__(self):
        events = self.events
        organisers = _related_by_event(events, "organisers", ("name", "email", "email_visibility"))
        topics = _related_by_event(events, "topics", ("name",))
        default = _default_locale_id()
        sources = None
        for event in events.order_by("start", "pk").iterator(chunk_size=self.chunk_size):
            if event.locale_id != default and sources is None:
                sources = source_identities(
                    events.exclude(locale_id=default).order_by().values("translation_key")
                )
            set_identity(event, sources or {})
            if event.last_published_at and (
                self.last_published is None or event.last_published_at > self.last_published
            ):
                self.last_published = event.last_published_at
            yield event, organisers.get(event.pk, []), topics.get(event.pk, [])


def _related_by_event(events, name, fields):
    """{event pk: [related objects, by name]} for a many-to-many field of
    the events, in one query; an object shared by many events is one object."""
    field = EventPage._meta.get_field(name)
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = (
        field.remote_field.through.objects.filter(
            **{f"{source}__in": events.order_by().values("pk")}
        )
        .select_related(target)
        .only(source, target, *(f"{target}__{f}" for f in fields))
        .order_by(f"{target}__name", f"{target}__pk")
    )
    shared = {}
    by_event = {}
    for link in links:
        related = shared.setdefault(getattr(link, f"{target}_id"), getattr(link, target))
        by_event.setdefault(getattr(link, f"{source}_id"), []).append(related)
    return by_event


def feed_filters_active(filterset):
    """Whether any filter beyond `when`/`month` narrows the listing: partner
    events have no kind, topic, region or seats, so they leave the feed then."""
    if filterset is None or not filterset.is_bound or not filterset.form.is_valid():
        return False
    return any(
        value not in (None, "", False)
        for name, value in filterset.form.cleaned_data.items()
        if name not in ("when", "month")
    )


def public_feed_externals(filterset=None, now=None):
    if feed_filters_active(filterset):
        return ExternalEvent.objects.none()
    queryset = ExternalEvent.objects.in_window(feed_since(now)).select_related(
        "source", "source__institution"
    )
    if filterset is not None and filterset.is_bound and filterset.form.is_valid():
        month = filterset.form.cleaned_data.get("month")
        if month:
            queryset = filterset.filter_month(queryset, "month", month)
        if filterset.form.cleaned_data.get("when") == "past":
            queryset = queryset.filter(end__lt=now or timezone.now())
    return queryset


def upcoming_externals(limit=10):
    return list(
        ExternalEvent.objects.in_window(timezone.now())
        .filter(is_cancelled=False)
        .select_related("source", "source__institution")[:limit]
    )


# --- personal feed ------------------------------------------------------------------


def feed_token_for(user):
    return CalendarFeedToken.objects.filter(user=user).first()


def create_or_regenerate_token(user):
    token, created = CalendarFeedToken.objects.get_or_create(user=user)
    if not created:
        token.regenerate()
    return token


def user_for_token(token):
    """The user whose feed this is, or None; the comparison is constant-time."""
    if not token or len(token) > 64:
        return None
    found = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if found is None or not secrets.compare_digest(found.token, token):
        return None
    if not found.user.is_active:
        return None
    return found.user


def personal_registrations(user):
    """The user's registrations, one per event (an active one wins over
    cancelled ones, so a re-registration shows as current)."""
    registrations = (
        Registration.objects.of_user(user)
        .filter(event__live=True)
        .select_related("event")
        .prefetch_related("event__topics", "event__organisers")
        .order_by("event__start", "pk")
    )
    chosen = {}
    for registration in registrations:
        current = chosen.get(registration.event_id)
        if current is None or (
            current.status == RegistrationStatus.CANCELLED
            and registration.status != RegistrationStatus.CANCELLED
        ):
            chosen[registration.event_id] = registration
    return list(chosen.values())


def in_language(events, language):
    """The events in `language` where they have a translation, keeping the
    source's calendar identity so the entry is the same in every language."""
    attach_identities(list(events))
    localized = translations.in_language(events, language, prefetch=("topics", "organisers"))
    for event, page in zip(events, localized, strict=True):
        page._calendar_identity = event._calendar_identity
    return localized


# --- import ---------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    removed: int = 0

    def summary(self):
        return (
            _(
                "%(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
                "%(cancelled)s cancelled, %(removed)s removed."
            )
            % self.__dict__
        )


def _is_newer(item, existing):
    if item["sequence"] != existing.sequence:
        return item["sequence"] > existing.sequence
    if item["last_modified"] and existing.last_modified:
        return item["last_modified"] > existing.last_modified
    return bool(item["last_modified"] and not existing.last_modified)


FIELDS = (
    "sequence",
    "last_modified",
    "title",
    "description",
    "start",
    "end",
    "all_day",
    "location",
    "url",
)


def import_calendar(source, data, *, remove_missing=False):
    """Bring a partner's calendar in: all or nothing.

    Events are matched by UID; an existing one is updated only when the
    incoming SEQUENCE is higher, or equal with a newer LAST-MODIFIED. A
    cancelled event is marked cancelled (it stays, so that subscribers see the
    cancellation). With `remove_missing` (a feed, which is complete) events no
    longer in the feed are removed. Raises ical.CalendarParseError, changing
    nothing, when the file cannot be read."""
    items = ical.parse_calendar(data)
    result = ImportResult()
    seen = set()
    with transaction.atomic():
        existing = {
            e.uid: e for e in ExternalEvent.objects.select_for_update().filter(source=source)
        }
        for item in items:
            if item["uid"] in seen:
                continue
            seen.add(item["uid"])
            current = existing.get(item["uid"])
            if current is None:
                ExternalEvent.objects.create(
                    source=source,
                    uid=item["uid"],
                    is_cancelled=item["cancelled"],
                    **{f: item[f] for f in FIELDS},
                )
                result.created += 1
                continue
            cancels = item["cancelled"] and not current.is_cancelled
            if _is_newer(item, current) or (cancels and item["sequence"] >= current.sequence):
                for field in FIELDS:
                    setattr(current, field, item[field])
                current.is_cancelled = item["cancelled"]
                current.save()
                if cancels:
                    result.cancelled += 1
                else:
                    result.updated += 1
            else:
                result.unchanged += 1
        if remove_missing:
            missing = [pk for uid, e in existing.items() if uid not in seen for pk in [e.pk]]
            result.removed = len(missing)
            ExternalEvent.objects.filter(pk__in=missing).delete()
        source.last_imported_at = timezone.now()
        source.last_error = ""
        source.save(update_fields=["last_imported_at", "last_error"])
    bump_calendar_version()
    return result


class FetchError(Exception):
    pass


def fetch_feed(url, *, timeout=FETCH_TIMEOUT, max_bytes=FETCH_MAX_BYTES):
    """Download a feed: http(s) only, with a timeout and a size limit."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(_("Only http and https addresses can be fetched."))
    # The scheme is checked above: no file:// or other handlers.
    request = urllib.request.Request(  # noqa: S310
        url, headers={"User-Agent": "CooperationPortal-calendar/1.0"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FetchError(
            _("The feed is larger than the limit of %(mb)s MB.")
            % {"mb": max_bytes // (1024 * 1024)}
        )
    return data


def refresh_source(source, fetch=None):
    """Fetch and import one feed source; an error is recorded, not raised."""
    fetch = fetch or fetch_feed
    try:
        data = fetch(source.url)
        return import_calendar(source, data, remove_missing=True)
    except (ical.CalendarParseError, FetchError) as error:
        message = getattr(error, "message", None) or str(error)
    except Exception as error:  # network errors of every kind
        message = f"{type(error).__name__}: {error}"
    ExternalCalendarSource.objects.filter(pk=source.pk).update(last_error=message[:2000])
    source.last_error = message[:2000]
    return None


# --- "Add to calendar" links ------------------------------------------------------------


def web_calendar_links(event, url):
    """Google Calendar and Outlook.com "new event" links for an event page."""
    details = "\n\n".join(p for p in [event.introduction, url] if p)
    location = event.location_text
    zone = event.zone
    start = timezone.localtime(event.start, zone)
    end = timezone.localtime(event.end, zone)
    if event.all_day:
        last = end.date() + datetime.timedelta(days=1)  # exclusive
        google_dates = f"{start:%Y%m%d}/{last:%Y%m%d}"
        outlook_start, outlook_end = start.date().isoformat(), last.isoformat()
    else:
        utc = datetime.UTC
        google_dates = f"{event.start.astimezone(utc):%Y%m%dT%H%M%SZ}/{event.end.astimezone(utc):%Y%m%dT%H%M%SZ}"
        outlook_start, outlook_end = start.isoformat(), end.isoformat()
    google = "https://calendar.google.com/calendar/render?" + urllib.parse.urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "ctz": event.timezone,
            "details": details,
            "location": location,
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urllib.parse.urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if event.all_day else "false",
            "body": details,
            "location": location,
        }
    )
    return {"google": google, "outlook": outlook}


def webcal(url):
    """The same address for calendar apps that subscribe (webcal://)."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme) :]
    return url
