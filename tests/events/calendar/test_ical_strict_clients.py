"""Every calendar the portal serves, read as strict clients read it: parsed by
icalendar and by vobject, with what RFC 5545/5546/7986 and the big calendar
apps require of a PUBLISHed, subscribed calendar."""

import datetime
import re

import pytest
import vobject
from icalendar import Calendar

from directory.models import Institution
from events.calendar import services
from events.calendar.ical import event_uid
from events.choices import EventStatus, RegistrationStatus
from events.models import ExternalCalendarSource, ExternalEvent, Registration
from tests.events.calendar.conftest import WARSAW, add_session, future, make_event, republish
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CONTENT_TYPE = "text/calendar; charset=utf-8; method=PUBLISH"


@pytest.fixture
def calendars(client, event_index):
    """The public feed, an event's file, its programme and a personal feed,
    over a portal with an ordinary event (with sessions), an all-day
    multi-day event, a cancelled event and a partner's event."""
    inspectorate = Institution.objects.create(
        name="Chief Labour Inspectorate", slug="gip", email="kancelaria@example.org"
    )
    iom = Institution.objects.create(name="IOM Poland", slug="iom", email="iom@example.net")
    conference = make_event(event_index, "Closing conference", slug="conference")
    conference.organisers.add(inspectorate)
    day = future(10).date()
    add_session(conference, "Opening", day, datetime.time(10), datetime.time(10, 30))
    add_session(conference, "Panel", day, datetime.time(11))
    conference = republish(conference)
    fair = make_event(
        event_index,
        "Open days",
        slug="open-days",
        start=future(20, 0),
        end=future(22, 23),
        all_day=True,
    )
    cancelled = make_event(event_index, "Called off", slug="called-off")
    cancelled = republish(cancelled, status=EventStatus.CANCELLED, status_note="Snow.")
    source = ExternalCalendarSource.objects.create(name="IOM calendar", institution=iom)
    ExternalEvent.objects.create(
        source=source,
        uid="iom-1@example.net",
        title="IOM webinar",
        start=future(5),
        end=future(5, 12),
    )
    bare = ExternalCalendarSource.objects.create(name="Partner NGO calendar")
    ExternalEvent.objects.create(
        source=bare, uid="ngo-1", title="NGO open day", start=future(6), end=future(6, 12)
    )
    user = UserFactory(email="anna@example.org")
    for event in (conference, cancelled):
        Registration.objects.create(
            event=event,
            user=user,
            name="Anna Kowalska",
            email=user.email,
            status=RegistrationStatus.CONFIRMED,
            queue_number=1,
        )
    client.force_login(user)
    client.post("/events/calendar/my-feed/regenerate/")
    html = client.get("/account/").content.decode()
    personal = re.search(r'value="https?://[^/"]+(/events/calendar/my/[^"]+\.ics)"', html)[1]
    client.logout()
    uid = conference.uid
    return {
        "feed": "/events/calendar/feed.ics",
        "event": f"/events/calendar/{uid}.ics",
        "programme": f"/events/calendar/{uid}/programme.ics",
        "personal": personal,
        "_events": {"conference": conference, "fair": fair, "cancelled": cancelled},
    }


def fetch(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def both_parsers(body):
    """The body as icalendar and as vobject see it; both must accept it."""
    calendar = Calendar.from_ical(body)
    card = vobject.readOne(body.decode("utf-8"))
    assert card.name == "VCALENDAR"
    assert len(card.contents.get("vevent", [])) == len(calendar.walk("VEVENT"))
    return calendar, card


@pytest.mark.parametrize("name", ["feed", "event", "programme", "personal"])
def test_every_calendar_is_publish_with_organizer_and_name(client, calendars, name):
    response = fetch(client, calendars[name])
    # The Content-Type's method parameter matches METHOD (RFC 5545 §3.7.2).
    assert response["Content-Type"] == CONTENT_TYPE
    calendar, card = both_parsers(response.content)
    assert calendar["METHOD"] == "PUBLISH"
    assert card.method.value == "PUBLISH"
    # A name for the calendar, in RFC 7986's property and the one apps read.
    assert str(calendar["NAME"]) and calendar["X-WR-CALNAME"] == calendar["NAME"]
    assert card.contents["x-wr-calname"][0].value == str(calendar["NAME"])
    vevents = calendar.walk("VEVENT")
    assert vevents
    # RFC 5546 §3.2.1: ORGANIZER on every PUBLISHed VEVENT, as a named mailto.
    for vevent in vevents:
        organizer = vevent.get("ORGANIZER")
        assert organizer is not None, vevent["SUMMARY"]
        assert str(organizer).startswith("mailto:") and "@" in str(organizer)
        assert organizer.params["CN"]
    for vevent in card.vevent_list:
        assert vevent.organizer.value.lower().startswith("mailto:")
        assert vevent.organizer.params["CN"][0]


@pytest.mark.parametrize("name", ["feed", "personal"])
def test_subscribed_feeds_say_how_often_to_refresh(client, calendars, name):
    body = fetch(client, calendars[name]).content
    calendar, card = both_parsers(body)
    interval = calendar["REFRESH-INTERVAL"]
    assert interval.params["VALUE"] == "DURATION"  # RFC 7986 §5.7
    assert interval.dt == datetime.timedelta(hours=1)
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in body
    assert card.contents["refresh-interval"][0].params["VALUE"] == ["DURATION"]


def test_programme_sessions_and_partner_events_name_their_organiser(client, calendars):
    programme, _card = both_parsers(fetch(client, calendars["programme"]).content)
    sessions = [e for e in programme.walk("VEVENT") if "RELATED-TO" in e]
    assert {str(e["SUMMARY"]) for e in sessions} == {"Opening", "Panel"}
    for session in sessions:
        assert str(session["ORGANIZER"]) == "mailto:kancelaria@example.org"
        assert session["ORGANIZER"].params["CN"] == "Chief Labour Inspectorate"
    feed, _card = both_parsers(fetch(client, calendars["feed"]).content)
    by_title = {str(e["SUMMARY"]): e for e in feed.walk("VEVENT")}
    # The partner institution, at its public address...
    assert str(by_title["IOM webinar"]["ORGANIZER"]) == "mailto:iom@example.net"
    assert by_title["IOM webinar"]["ORGANIZER"].params["CN"] == "IOM Poland"
    # ...or, for a calendar without an institution, its name at the portal's.
    assert str(by_title["NGO open day"]["ORGANIZER"]) == "mailto:portal@example.org"
    assert by_title["NGO open day"]["ORGANIZER"].params["CN"] == "Partner NGO calendar"


def test_all_day_multi_day_event_has_exclusive_date_end(client, calendars):
    feed, card = both_parsers(fetch(client, calendars["feed"]).content)
    fair = next(e for e in feed.walk("VEVENT") if e["SUMMARY"] == "Open days")
    first = future(20).date()
    assert fair["DTSTART"].params.get("VALUE") == "DATE"
    assert fair.decoded("DTSTART") == first
    # Three days, the 20th to the 22nd: DTEND is the day after the last.
    assert fair.decoded("DTEND") == first + datetime.timedelta(days=3)
    assert not isinstance(fair.decoded("DTEND"), datetime.datetime)
    vfair = next(e for e in card.vevent_list if e.summary.value == "Open days")
    assert vfair.dtend.value == first + datetime.timedelta(days=3)


def test_partner_all_day_event_round_trips_its_days(client, event_index):
    """A partner's three-day event (DTEND exclusive on import) leaves the
    portal's feed with the same three days."""
    source = ExternalCalendarSource.objects.create(name="IOM calendar")
    first = future(12).date()
    partner_file = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//IOM//EN\r\n"
        "BEGIN:VEVENT\r\nUID:fair-1@example.net\r\nDTSTAMP:20260101T000000Z\r\n"
        f"DTSTART;VALUE=DATE:{first:%Y%m%d}\r\n"
        f"DTEND;VALUE=DATE:{first + datetime.timedelta(days=3):%Y%m%d}\r\n"
        "SUMMARY:Partner fair\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    services.import_calendar(source, partner_file.encode())
    feed, card = both_parsers(fetch(client, "/events/calendar/feed.ics").content)
    fair = next(e for e in feed.walk("VEVENT") if e["SUMMARY"] == "Partner fair")
    assert fair.decoded("DTSTART") == first
    assert fair.decoded("DTEND") == first + datetime.timedelta(days=3)
    vfair = next(e for e in card.vevent_list if e.summary.value == "Partner fair")
    assert vfair.dtend.value == first + datetime.timedelta(days=3)


def test_cancelled_event_stays_in_feed_with_higher_sequence(client, calendars):
    cancelled = calendars["_events"]["cancelled"]
    for name in ("feed", "personal"):
        calendar, card = both_parsers(fetch(client, calendars[name]).content)
        vevent = next(e for e in calendar.walk("VEVENT") if e["UID"] == event_uid(cancelled))
        assert vevent["STATUS"] == "CANCELLED"
        assert vevent["SEQUENCE"] >= 1
        assert "Snow." in vevent["DESCRIPTION"]
        vcard_event = next(e for e in card.vevent_list if e.uid.value == event_uid(cancelled))
        assert vcard_event.status.value == "CANCELLED"
    # The event page says so.
    html = client.get(cancelled.url).content.decode()
    assert "This event has been cancelled." in html


def test_structured_venue_in_location(client, event_index):
    event = make_event(
        event_index,
        "Workshop",
        venue_name="Chief Labour Inspectorate",
        venue_address="ul. Barska 28/30",
        venue_postcode="02-315",
        venue_city="Warszawa",
        venue_region="mazowieckie",
    )
    body = fetch(client, f"/events/calendar/{event.uid}.ics").content
    calendar, card = both_parsers(body)
    location = "Chief Labour Inspectorate, ul. Barska 28/30, 02-315 Warszawa"
    assert calendar.walk("VEVENT")[0]["LOCATION"] == location
    assert card.vevent.location.value == location


def test_abroad_venue_names_its_country(client, event_index):
    event = make_event(
        event_index,
        "Study visit",
        venue_name="National Commission",
        venue_address="bul. Dondukov 52",
        venue_postcode="1000",
        venue_city="Sofia",
        venue_country="BG",
        start=datetime.datetime.combine(future(30).date(), datetime.time(9), tzinfo=WARSAW),
    )
    calendar, _card = both_parsers(fetch(client, f"/events/calendar/{event.uid}.ics").content)
    assert calendar.walk("VEVENT")[0]["LOCATION"] == (
        "National Commission, bul. Dondukov 52, 1000 Sofia, Bulgaria"
    )
