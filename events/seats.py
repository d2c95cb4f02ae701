"""Seats as cached pages see them: exact tags per event.

A registration for one event must not throw away the cached pages of every
other event. Each event (all its language versions: registrations belong to
the event in the default language, which shares the translations'
`translation_key`) has two tags in `portal.page_cache`:

- `seats` (page_cache.SEATS): any event's seats, bumped by changes in bulk;
  every page below depends on it too.
- `seats-<key>`: how many seats are taken. Pages showing the number (the
  event page, its JSON-LD, cards in listings, the home page) depend on it;
  every change of one of the event's registrations bumps it.
- `seats-full-<key>`: whether any seat is left. The registration form
  depends only on this (it offers the waiting list once the event is full),
  so it stays cached while a storm of registrations fills the event. Every
  change of a registration bumps it too, except a new registration that
  leaves the event as full or as free as it was (`services.register` knows
  it under the event's lock and says so with `unchanged_fullness`).

A page declares the tags before it counts (`page_cache.depends_on`) and
counts inside `page_cache.reading("events_registration")`, so the count
does not make it depend on the whole registrations table.
"""

import threading

from django.db import transaction
from django.db.models import Count
from wagtail.models import Page

from events.choices import RegistrationStatus
from portal import page_cache

TABLE = "events_registration"
_local = threading.local()


def seats_tag(translation_key):
    return f"seats-{translation_key.hex}"


def full_tag(translation_key):
    return f"seats-full-{translation_key.hex}"


def event_tags(translation_key):
    return (seats_tag(translation_key), full_tag(translation_key))


def _lookup_translation_key(event_id):
    return Page.objects.filter(pk=event_id).values_list("translation_key", flat=True).first()


def _translation_key_of(registration):
    event = registration._state.fields_cache.get("event")
    if event is not None:
        return event.translation_key
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return _lookup_translation_key(registration.event_id)
    # Many rows of one event change in one transaction (an event deleted
    # with its registrations, the waiting list promoted): one query.
    memo = getattr(_local, "keys", None)
    if memo is None or memo[0] is not connection.run_on_commit:
        memo = (connection.run_on_commit, {})
        _local.keys = memo
    if registration.event_id not in memo[1]:
        memo[1][registration.event_id] = _lookup_translation_key(registration.event_id)
    return memo[1][registration.event_id]


def registration_tags(registration):
    """The tags a change of this registration bumps (see page_cache.tag_rows)."""
    if registration.event_id is None:
        return ()
    key = _translation_key_of(registration)
    if key is None:  # the event itself is gone: its deletion bumped everything
        return ()
    if getattr(registration, "unchanged_fullness", False):
        return (seats_tag(key),)
    return event_tags(key)


def bump_events(event_ids):
    """Registrations of these events changed without signals (update())."""
    keys = Page.objects.filter(pk__in=set(event_ids)).values_list("translation_key", flat=True)
    page_cache.bump_table(TABLE)
    page_cache.bump(page_cache.SEATS, *[tag for key in keys for tag in event_tags(key)])


def count_confirmed(translation_key):
    """Confirmed registrations of the event with this key, for a page that
    has declared the tags it shows."""
    from events.models import Registration  # noqa: PLC0415 - models import this module

    with page_cache.reading(TABLE):
        return Registration.objects.filter(
            event__translation_key=translation_key, status=RegistrationStatus.CONFIRMED
        ).count()


def attach_confirmed_counts(events):
    """Set `_confirmed_count` on each event (any language) in one query, the
    page depending on exactly these events' seats. Returns `events`."""
    from events.models import Registration  # noqa: PLC0415 - models import this module

    events = list(events)
    pending = [event for event in events if getattr(event, "_confirmed_count", None) is None]
    if not pending:
        return events
    keys = {event.translation_key for event in pending}
    page_cache.depends_on(page_cache.SEATS, *[tag for key in keys for tag in event_tags(key)])
    with page_cache.reading(TABLE):
        counts = {
            row["event__translation_key"]: row["n"]
            for row in Registration.objects.filter(
                event__translation_key__in=keys, status=RegistrationStatus.CONFIRMED
            )
            .order_by()
            .values("event__translation_key")
            .annotate(n=Count("pk"))
        }
    for event in pending:
        event._confirmed_count = counts.get(event.translation_key, 0)
    return events
