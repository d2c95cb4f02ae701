"""iCalendar objects for events, built with the icalendar library only.

Every calendar the portal serves or mails goes through these functions, so
that escaping, line folding, CRLF, DTSTAMP and time zones are handled by
icalendar and never by string joins.

Identity rules (what calendar clients rely on to move instead of duplicate):
- an event's UID is derived from `EventPage.uid`, which never changes and is
  shared by the event's translations;
- its SEQUENCE is `EventPage.sequence`, bumped by `events.services` when the
  time, place or status changes;
- DTSTART/DTEND are in the event's own TZID with a matching VTIMEZONE (or DATE
  values with an exclusive DTEND for all-day events).
"""

import datetime
import functools
import zoneinfo
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
)

from events.choices import EventStatus, RegistrationStatus

PRODID = "-//Cooperation Portal//Events//EN"
UID_DOMAIN = "events.cooperation-portal"

STATUS_MAP = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


class CalendarParseError(ValueError):
    """A calendar file that cannot be read; `message` is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- identities ------------------------------------------------------------------


def event_identity(event):
    """(uid, sequence) of the event. A translation is the same event: it
    carries its source's identity, set by
    `calendar_services.attach_identities` (its own `uid` differs and its
    `sequence` is never bumped)."""
    return getattr(event, "_calendar_identity", None) or (event.uid, event.sequence)


def event_uid(event):
    return f"{event_identity(event)[0]}@{UID_DOMAIN}"


def event_sequence(event):
    return event_identity(event)[1]


def session_uid(event, session):
    return f"{event_identity(event)[0]}-session-{session.pk}@{UID_DOMAIN}"


def external_uid(external):
    """A partner's event keeps its own UID, prefixed so it cannot collide."""
    return f"partner-{external.source_id}-{external.uid}"


# --- calendars -------------------------------------------------------------------


def new_calendar(method="PUBLISH", name=None, description=None, refresh=None):
    """A VCALENDAR; `name` goes into NAME (RFC 7986) and X-WR-CALNAME (what
    Outlook, Apple and Google show for a subscription); `refresh` (a
    timedelta) says how often subscribers should poll."""
    calendar = Calendar.new(
        prodid=PRODID,
        version="2.0",
        calscale="GREGORIAN",
        method=method,
        name=name,
        description=description,
    )
    # Calendar.new() gives every calendar a fresh UID; a feed's own identity is
    # not needed and a random one would make identical feeds differ.
    calendar.pop("UID", None)
    if refresh:
        # RFC 7986 §5.7 requires VALUE=DURATION on REFRESH-INTERVAL; Outlook
        # reads its own X-PUBLISHED-TTL instead.
        calendar.add("refresh-interval", vDuration(refresh), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(refresh))
    return calendar


def _vtimezones(tzids, instants):
    """The VTIMEZONEs of these TZIDs for the years the instants span, in the
    order calendars have always had them (the last TZID first)."""
    if not instants:
        return []
    first_year = min(instants).year
    last_year = max(instants).year
    components = [vtimezone(tzid, first_year, last_year) for tzid in sorted(tzids, reverse=True)]
    return [component for component in components if component is not None]


def finish(calendar, instants):
    """Add the VTIMEZONEs the events use and serialise."""
    calendar.subcomponents[:0] = _vtimezones(calendar.get_missing_tzids(), instants)
    return calendar.to_ical()


def _transitions(zone, year):
    """The instants (UTC) in `year` when the zone's UTC offset changes."""
    utc = datetime.UTC
    found = []
    moment = datetime.datetime(year, 1, 1, tzinfo=utc)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=utc)
    step = datetime.timedelta(days=1)
    offset = moment.astimezone(zone).utcoffset()
    while moment < end:
        following = moment + step
        if following.astimezone(zone).utcoffset() != offset:
            # Narrow the change down to the minute.
            low, high = moment, following
            while high - low > datetime.timedelta(minutes=1):
                middle = low + (high - low) / 2
                if middle.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            found.append(high.replace(second=0, microsecond=0))
            offset = high.astimezone(zone).utcoffset()
        moment = following
    return found


def _yearly_rule(local):
    """BYMONTH/BYDAY of a transition's local date: "-1SU" for the last
    Sunday of the month, "2SU" for the second Sunday, and so on."""
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local.weekday()]
    if (local + datetime.timedelta(days=7)).month != local.month:
        return {"freq": "YEARLY", "bymonth": local.month, "byday": f"-1{weekday}"}
    return {"freq": "YEARLY", "bymonth": local.month, "byday": f"{(local.day + 6) // 7}{weekday}"}


def _rule_dates(rule, year):
    """The date a yearly rule gives in `year` (to check the rule holds)."""
    month, byday = rule["bymonth"], rule["byday"]
    weekday = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].index(byday[-2:])
    nth = int(byday[:-2])
    if nth > 0:
        day = datetime.date(year, month, 1)
        day += datetime.timedelta(days=(weekday - day.weekday()) % 7 + 7 * (nth - 1))
    else:
        following = datetime.date(year + (month == 12), month % 12 + 1, 1)
        day = following - datetime.timedelta(days=1)
        day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    return day


@functools.lru_cache(maxsize=64)
def _vtimezone_ical(tzid, first_year, last_year):
    zone = zoneinfo.ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    changes = _transitions(zone, first_year)
    if not changes:
        instant = datetime.datetime(first_year, 1, 1, tzinfo=datetime.UTC).astimezone(zone)
        standard = TimezoneStandard()
        standard.add("dtstart", datetime.datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", instant.utcoffset())
        standard.add("tzoffsetto", instant.utcoffset())
        standard.add("tzname", instant.tzname())
        component.add_component(standard)
        return component.to_ical()
    rules = []
    for change in changes:
        before = (change - datetime.timedelta(minutes=1)).astimezone(zone)
        after = change.astimezone(zone)
        # DTSTART is the wall-clock time of the change in the old offset.
        local = change.astimezone(datetime.timezone(before.utcoffset())).replace(tzinfo=None)
        rule = _yearly_rule(local)
        rules.append((rule, local.time()))
        sub = TimezoneDaylight() if after.dst() else TimezoneStandard()
        # The rule's first onset, in 1970 as Google's and Outlook's own files
        # do, so that it covers every event in the calendar.
        sub.add("dtstart", datetime.datetime.combine(_rule_dates(rule, 1970), local.time()))
        sub.add("tzoffsetfrom", before.utcoffset())
        sub.add("tzoffsetto", after.utcoffset())
        sub.add("tzname", after.tzname())
        sub.add("rrule", rule)
        component.add_component(sub)
    # Yearly rules are what every client (Outlook above all) understands. If
    # the zone's rules changed within the calendar's years, they would be
    # wrong: fall back to icalendar's exact list of transitions.
    for year in range(first_year + 1, last_year + 1):
        actual = [c.astimezone(zone).date() for c in _transitions(zone, year)]
        if sorted(actual) != sorted(_rule_dates(rule, year) for rule, _time in rules):
            return None
    return component.to_ical()


def vtimezone(tzid, first_year, last_year):
    """A VTIMEZONE with yearly rules (RRULE), checked against the zone's
    real transitions in the calendar's years, or icalendar's exact one."""
    try:
        data = _vtimezone_ical(tzid, first_year, last_year)
    except zoneinfo.ZoneInfoNotFoundError:
        return None
    if data is not None:
        return Timezone.from_ical(data)
    try:
        return Timezone.from_tzid(
            tzid,
            first_date=datetime.date(first_year - 1, 1, 1),
            last_date=datetime.date(last_year + 1, 12, 31),
        )
    except ValueError:
        return None


def _organizer(event, organisers=None):
    """ORGANIZER as a calendar address.

    The first organising institution with a public email; otherwise the portal's
    own sender address with the institution's name (members-only addresses never
    go into a calendar)."""
    organisers = list(event.organisers.all()) if organisers is None else organisers
    name = str(organisers[0]) if organisers else _("Cooperation Portal")
    for institution in organisers:
        if institution.email and getattr(institution, "email_visibility", "public") == "public":
            return vCalAddress.new(institution.email, cn=str(institution))
    return vCalAddress.new(portal_address(), cn=name)


def portal_address():
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "portal@example.org"


def _external_organizer(external):
    """ORGANIZER of a partner's event (RFC 5546 wants one on every PUBLISHed
    VEVENT): the partner institution by name, at its public address when it
    has one, otherwise at the portal's, which relays."""
    institution = external.source.institution
    name = str(institution) if institution is not None else external.source.name
    if (
        institution is not None
        and institution.email
        and getattr(institution, "email_visibility", "public") == "public"
    ):
        return vCalAddress.new(institution.email, cn=name)
    return vCalAddress.new(portal_address(), cn=name)


def _location(event):
    place = event.location_text
    if event.is_online:
        online = _("Online")
        return f"{place} / {online}" if place else online
    return place


def _times(event):
    """DTSTART and DTEND: local wall-clock times in the event's zone, or DATEs."""
    zone = event.zone
    start = timezone.localtime(event.start, zone)
    end = timezone.localtime(event.end, zone)
    if event.all_day:
        # DTEND of an all-day event is exclusive: the day after the last day.
        return start.date(), end.date() + datetime.timedelta(days=1)
    return start, end


def _description(lines):
    return "\n\n".join(line for line in lines if line)


def event_component(
    event,
    url,
    *,
    stamp=None,
    status=None,
    join_link=False,
    organisers=None,
    topics=None,
    attendee=None,
):
    """The VEVENT of one event page.

    `status` overrides the event's own (personal feeds: a waiting-list place is
    TENTATIVE); `join_link` adds the online join link (confirmed attendees
    only, never in public files)."""
    start, end = _times(event)
    created = event.first_published_at or event.start
    modified = event.last_published_at or event.latest_revision_created_at or created
    topics = list(event.topics.all()) if topics is None else topics
    description = [event.introduction]
    if event.status_note and event.status != EventStatus.SCHEDULED:
        description.insert(0, event.status_note)
    if join_link and event.is_online and event.online_url:
        description.append(_("Join online: %(url)s") % {"url": event.online_url})
    description.append(url)
    component = Event.new(
        uid=event_uid(event),
        # A stable DTSTAMP (the last publication) keeps identical files
        # byte-identical, so ETags and caches work; mails pass "now".
        stamp=stamp or modified,
        created=created,
        last_modified=modified,
        sequence=event_sequence(event),
        start=start,
        end=end,
        summary=event.title,
        description=_description(description),
        url=url,
        location=_location(event) or None,
        organizer=_organizer(event, organisers),
        categories=[str(event.get_kind_display())] + [t.name for t in topics],
        status=status or STATUS_MAP.get(event.status, "CONFIRMED"),
        attendees=[attendee] if attendee is not None else None,
    )
    if event.latitude is not None and event.longitude is not None:
        component.add("geo", (float(event.latitude), float(event.longitude)))
    if join_link and event.is_online and event.online_url:
        component.add("conference", event.online_url, parameters={"VALUE": "URI"})
    return component


def session_component(event, session, url, *, stamp=None, organisers=None):
    """One agenda session as its own VEVENT, related to its event (with the
    event's ORGANIZER: RFC 5546 wants one on every PUBLISHed VEVENT)."""
    zone = event.zone
    start = datetime.datetime.combine(session.day, session.start_time, tzinfo=zone)
    if session.end_time:
        end = datetime.datetime.combine(session.day, session.end_time, tzinfo=zone)
    else:
        end = start + datetime.timedelta(hours=1)
    modified = event.last_published_at or event.latest_revision_created_at or event.start
    location = ", ".join(p for p in [session.room, _location(event)] if p)
    component = Event.new(
        uid=session_uid(event, session),
        stamp=stamp or modified,
        last_modified=modified,
        sequence=event_sequence(event),
        start=start,
        end=end,
        summary=session.title,
        description=_description([session.speakers, session.description, url]),
        url=url,
        location=location or None,
        organizer=_organizer(event, organisers),
        status=STATUS_MAP.get(event.status, "CONFIRMED"),
    )
    component.add("related-to", event_uid(event), parameters={"RELTYPE": "PARENT"})
    return component


def external_component(external):
    """A partner institution's event, linking to its source."""
    if external.all_day:
        # Stored is the end of the last day; DTEND is the day after it
        # (exclusive), so a three-day event keeps its three days.
        start = timezone.localtime(external.start).date()
        last = timezone.localtime(external.end).date()
        end = max(last, start) + datetime.timedelta(days=1)
    else:
        start, end = external.start, external.end
    description = [
        external.description,
        external.url,
        _("Source: %(name)s") % {"name": external.source.name},
    ]
    return Event.new(
        uid=external_uid(external),
        stamp=external.last_modified or external.updated_at,
        last_modified=external.last_modified or external.updated_at,
        sequence=external.sequence,
        start=start,
        end=end,
        summary=external.title,
        description=_description(description),
        url=external.url or None,
        location=external.location or None,
        organizer=_external_organizer(external),
        categories=[str(_("Partner institution"))],
        status="CANCELLED" if external.is_cancelled else "CONFIRMED",
    )


def event_calendar(event, url):
    calendar = new_calendar(name=event.title)
    calendar.add_component(event_component(event, url))
    return finish(calendar, [event.start, event.end])


def programme_calendar(event, url):
    """The event and each agenda session as its own VEVENT."""
    calendar = new_calendar(name=_("Programme: %(title)s") % {"title": event.title})
    organisers = list(event.organisers.all())
    calendar.add_component(event_component(event, url, organisers=organisers))
    instants = [event.start, event.end]
    for session in event.sessions.all():
        component = session_component(event, session, url, organisers=organisers)
        calendar.add_component(component)
        instants.append(component.start)
    return finish(calendar, instants)


def feed_calendar(entries, externals, *, name, url_for, refresh=None):
    """The public feed. `entries` yields (event, organisers, topics); each
    event is written out as text at once, so that a caller who streams them
    never has them all in memory."""
    tzids = set()
    instants = []
    written = []

    def write(component):
        tzids.update(_missing_tzids(component))
        written.append(component.to_ical())

    for event, organisers, topics in entries:
        write(event_component(event, url_for(event), organisers=organisers, topics=topics))
        # Only the first and last year matter (VTIMEZONE rules).
        instants = _span([*instants, event.start, event.end])
    for external in externals:
        write(external_component(external))
        instants = _span([*instants, external.start, external.end])
    calendar = new_calendar(name=name, refresh=refresh)
    calendar.subcomponents = _vtimezones(tzids, instants)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return b"".join([head, *written, b"END:VCALENDAR", end])


def _missing_tzids(component):
    alone = Calendar()
    alone.subcomponents = [component]
    return alone.get_missing_tzids()


def _span(instants):
    return [min(instants), max(instants)] if instants else []


PERSONAL_STATUS = {
    RegistrationStatus.CONFIRMED: "CONFIRMED",
    RegistrationStatus.WAITING: "TENTATIVE",
    RegistrationStatus.CANCELLED: "CANCELLED",
}


def personal_calendar(entries, *, name, url_for, refresh=None):
    """A user's own events, as (registration, event page in the user's
    language) pairs: confirmed (with the join link), waiting-list places
    TENTATIVE, cancelled registrations or events CANCELLED. Nothing about the
    user is written into it."""
    calendar = new_calendar(name=name, refresh=refresh)
    instants = []
    for registration, event in entries:
        status = PERSONAL_STATUS[registration.status]
        # Registrations belong to the event in the default language, whose
        # status is the one organisers change.
        if EventStatus.CANCELLED in (event.status, registration.event.status):
            status = "CANCELLED"
        calendar.add_component(
            event_component(
                event,
                url_for(event),
                status=status,
                join_link=registration.status == RegistrationStatus.CONFIRMED,
                organisers=list(event.organisers.all()),
                topics=list(event.topics.all()),
            )
        )
        instants += [event.start, event.end]
    return finish(calendar, instants)


def invitation_calendar(event, registration, url, *, method):
    """METHOD:REQUEST (seat confirmed, or an update) or METHOD:CANCEL, with
    ORGANIZER and the registrant as ATTENDEE. The UID is the event's and the
    SEQUENCE its revision, so updates move the entry instead of duplicating it."""
    cancel = method == "CANCEL"
    attendee = vCalAddress.new(
        registration.email,
        cn=registration.name or None,
        role="REQ-PARTICIPANT",
        partstat="DECLINED" if cancel else "ACCEPTED",
        rsvp=False,
    )
    organiser_name = str(event.organisers.first() or _("Cooperation Portal"))
    calendar = new_calendar(method=method)
    component = event_component(
        event,
        url,
        stamp=timezone.now(),
        status="CANCELLED" if cancel else None,
        join_link=not cancel,
        attendee=attendee,
    )
    # Invitations come from the portal's address: replies and cancellations
    # must reach a mailbox the portal controls.
    component.pop("ORGANIZER")
    component.add("organizer", vCalAddress.new(portal_address(), cn=organiser_name))
    calendar.add_component(component)
    return finish(calendar, [event.start, event.end])


# --- reading -----------------------------------------------------------------------


def parse_calendar(data):
    """Read an uploaded or fetched calendar into plain dicts, all or nothing.

    Raises CalendarParseError with a message for the organiser when the file is
    not a calendar, or an event lacks what the portal needs."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data or not data.strip():
        raise CalendarParseError(_("The file is empty."))
    try:
        calendar = Calendar.from_ical(data)
    except Exception as error:  # icalendar raises ValueError and friends
        raise CalendarParseError(
            _("This is not a valid iCalendar (.ics) file: %(error)s") % {"error": error}
        ) from error
    if getattr(calendar, "name", "") != "VCALENDAR":
        raise CalendarParseError(_("This is not a valid iCalendar (.ics) file."))
    method = str(calendar.get("METHOD", "")).upper()
    items = []
    for number, component in enumerate(calendar.walk("VEVENT"), start=1):
        if component.get("RECURRENCE-ID") is not None:
            continue  # changed instances of a recurring series are not imported
        items.append(_parse_event(component, number, method))
    if not items:
        raise CalendarParseError(_("The file contains no events."))
    return items


def _aware(value, default_zone):
    if isinstance(value, datetime.datetime):
        if timezone.is_naive(value):
            return timezone.make_aware(value, default_zone)
        return value
    return None


def _parse_event(component, number, method):
    def fail(problem):
        return CalendarParseError(
            _("Event %(number)s in the file: %(problem)s") % {"number": number, "problem": problem}
        )

    uid = str(component.get("UID", "")).strip()
    if not uid:
        raise fail(_("it has no UID."))
    if len(uid) > 255:
        raise fail(_("its UID is too long."))
    summary = str(component.get("SUMMARY", "")).strip()
    if not summary:
        raise fail(_("it has no title (SUMMARY)."))
    try:
        start = component.start
        end = component.end
    except Exception as error:
        raise fail(_("its start or end is missing or invalid.")) from error
    zone = timezone.get_default_timezone()
    all_day = not isinstance(start, datetime.datetime)
    if all_day:
        end_date = end if not isinstance(end, datetime.datetime) else end.date()
        start = timezone.make_aware(datetime.datetime.combine(start, datetime.time()), zone)
        # DTEND of an all-day event is exclusive; store the last day's end.
        end = timezone.make_aware(datetime.datetime.combine(end_date, datetime.time()), zone)
        end = max(end - datetime.timedelta(seconds=1), start)
    else:
        start, end = _aware(start, zone), _aware(end, zone)
    if end < start:
        raise fail(_("it ends before it starts."))
    try:
        sequence = int(component.get("SEQUENCE", 0))
    except (TypeError, ValueError) as error:
        raise fail(_("its SEQUENCE is not a number.")) from error
    last_modified = component.get("LAST-MODIFIED")
    last_modified = _aware(last_modified.dt, zone) if last_modified is not None else None
    status = str(component.get("STATUS", "CONFIRMED")).upper()
    url = str(component.get("URL", "")).strip()
    if url and not url.lower().startswith(("http://", "https://")):
        url = ""
    return {
        "uid": uid,
        "sequence": sequence,
        "last_modified": last_modified,
        "title": summary[:255],
        "description": str(component.get("DESCRIPTION", "")),
        "start": start,
        "end": end,
        "all_day": all_day,
        "location": str(component.get("LOCATION", ""))[:255],
        "url": url[:500],
        "cancelled": status == "CANCELLED" or method == "CANCEL",
    }
