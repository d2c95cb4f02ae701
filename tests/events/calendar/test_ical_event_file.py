"""The event's own .ics and its programme, parsed back with icalendar."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from directory.models import Institution
from events.calendar.ical import event_uid, vtimezone
from events.calendar.services import web_calendar_links
from events.choices import EventStatus
from tests.events.calendar.conftest import WARSAW, add_session, future, make_event, republish
from tests.factories import TopicFactory

UTC = datetime.UTC

pytestmark = pytest.mark.django_db


def get_ics(client, event, **headers):
    response = client.get(f"/events/calendar/{event.uid}.ics", **headers)
    return response


def parse(response):
    assert response.status_code == 200, response.status_code
    return Calendar.from_ical(response.content)


def only_event(calendar):
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_event_file_has_every_property(client, event_index):
    topic = TopicFactory(name="Labour exploitation")
    institution = Institution.objects.create(
        name="Chief Labour Inspectorate",
        slug="chief-labour-inspectorate",
        email="kancelaria@example.org",
    )
    event = make_event(
        event_index,
        "Labour inspections",
        latitude=Decimal("51.246452"),
        longitude=Decimal("22.568446"),
        venue_address="ul. Spokojna 4",
    )
    event.topics.add(topic)
    event.organisers.add(institution)
    republish(event)
    response = get_ics(client, event)
    assert response["Content-Type"] == "text/calendar; charset=utf-8; method=PUBLISH"
    assert 'filename="labour-inspections.ics"' in response["Content-Disposition"]
    calendar = parse(response)
    assert calendar["PRODID"] == "-//Cooperation Portal//Events//EN"
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    vevent = only_event(calendar)
    assert vevent["UID"] == f"{event.uid}@events.cooperation-portal"
    for prop in ("DTSTAMP", "CREATED", "LAST-MODIFIED"):
        assert vevent.decoded(prop).tzinfo is not None
    assert vevent["SEQUENCE"] == 0
    assert vevent["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert vevent["DTEND"].params["TZID"] == "Europe/Warsaw"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    assert vevent.start == event.start and vevent.end == event.end
    assert vevent["SUMMARY"] == "Labour inspections"
    page_url = event.get_full_url()
    assert vevent["URL"] == page_url
    assert page_url in vevent["DESCRIPTION"]
    assert "A training for officers." in vevent["DESCRIPTION"]
    assert "<" not in vevent["DESCRIPTION"]  # plain text
    assert vevent["LOCATION"] == "Training centre, ul. Spokojna 4, Lublin"
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (51.246452, 22.568446)
    assert str(vevent["ORGANIZER"]) == "mailto:kancelaria@example.org"
    assert vevent["ORGANIZER"].params["CN"] == "Chief Labour Inspectorate"
    assert vevent.categories == ["Training", "Labour exploitation"]
    assert vevent["STATUS"] == "CONFIRMED"


def test_members_only_organiser_email_never_in_file(client, event_index):
    institution = Institution.objects.create(
        name="Border Guard",
        slug="border-guard-hq",
        email="secret@example.org",
        email_visibility="members",
    )
    event = make_event(event_index)
    event.organisers.add(institution)
    republish(event)
    vevent = only_event(parse(get_ics(client, event)))
    assert "secret@example.org" not in get_ics(client, event).content.decode()
    assert vevent["ORGANIZER"].params["CN"] == "Border Guard"


def test_join_link_never_in_public_file(client, event_index):
    event = make_event(
        event_index, is_online=True, online_url="https://meet.example.org/secret-room"
    )
    assert b"secret-room" not in get_ics(client, event).content


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.SCHEDULED, "CONFIRMED"),
        (EventStatus.POSTPONED, "TENTATIVE"),
        (EventStatus.CANCELLED, "CANCELLED"),
    ],
)
def test_status(client, event_index, status, expected):
    event = make_event(event_index, status=status)
    assert only_event(parse(get_ics(client, event)))["STATUS"] == expected


def test_all_day_event_uses_dates_with_exclusive_end(client, event_index):
    start = datetime.datetime(2027, 5, 10, 0, 0, tzinfo=WARSAW)
    end = datetime.datetime(2027, 5, 12, 23, 59, tzinfo=WARSAW)
    event = make_event(event_index, start=start, end=end, all_day=True)
    vevent = only_event(parse(get_ics(client, event)))
    assert vevent["DTSTART"].params.get("VALUE") == "DATE"
    assert vevent.start == datetime.date(2027, 5, 10)
    assert vevent.end == datetime.date(2027, 5, 13)


def test_uid_stable_and_sequence_grows_on_time_change(client, event_index):
    event = make_event(event_index)
    first = only_event(parse(get_ics(client, event)))
    # A change of wording only: same UID, same SEQUENCE.
    republish(event, title="Identification of victims (2nd edition)")
    second = only_event(parse(get_ics(client, event)))
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] == 0
    assert second["SUMMARY"] == "Identification of victims (2nd edition)"
    # A change of time: same UID, higher SEQUENCE (the cache is invalidated).
    republish(
        event,
        start=event.start + datetime.timedelta(days=1),
        end=event.end + datetime.timedelta(days=1),
    )
    third = only_event(parse(get_ics(client, event)))
    assert third["UID"] == first["UID"]
    assert third["SEQUENCE"] > second["SEQUENCE"]
    assert third.start == event.start
    # A cancellation: higher still.
    republish(event, status=EventStatus.CANCELLED)
    fourth = only_event(parse(get_ics(client, event)))
    assert fourth["SEQUENCE"] > third["SEQUENCE"]
    assert fourth["STATUS"] == "CANCELLED"


@pytest.mark.parametrize(
    ("zone", "local", "utc"),
    [
        # Last Sunday of March 2027: Warsaw switches to CEST (UTC+2) at 02:00.
        ("Europe/Warsaw", (2027, 3, 28, 10, 0), (2027, 3, 28, 8, 0)),
        ("Europe/Warsaw", (2027, 3, 28, 1, 30), (2027, 3, 28, 0, 30)),
        # Last Sunday of October 2027: back to CET (UTC+1) at 03:00.
        ("Europe/Warsaw", (2027, 10, 31, 10, 0), (2027, 10, 31, 9, 0)),
        ("Europe/Warsaw", (2027, 10, 30, 10, 0), (2027, 10, 30, 8, 0)),
        # Sofia is on EET/EEST (UTC+2/+3).
        ("Europe/Sofia", (2027, 3, 28, 10, 0), (2027, 3, 28, 7, 0)),
        ("Europe/Sofia", (2027, 1, 15, 10, 0), (2027, 1, 15, 8, 0)),
        ("Europe/Sofia", (2027, 10, 31, 10, 0), (2027, 10, 31, 8, 0)),
        # Years later, the rule still holds.
        ("Europe/Warsaw", (2031, 7, 1, 10, 0), (2031, 7, 1, 8, 0)),
    ],
)
def test_daylight_saving_gives_right_utc_instants(client, event_index, zone, local, utc):
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.datetime(*local, tzinfo=tz)
    event = make_event(
        event_index, start=start, end=start + datetime.timedelta(hours=2), timezone=zone
    )
    calendar = parse(get_ics(client, event))
    vevent = only_event(calendar)
    assert vevent["DTSTART"].params["TZID"] == zone
    expected = datetime.datetime(*utc, tzinfo=UTC)
    assert vevent.start.astimezone(UTC) == expected
    # The VTIMEZONE in the file (what Outlook uses) gives the same instant.
    (zone_component,) = calendar.walk("VTIMEZONE")
    assert zone_component["TZID"] == zone
    # Yearly rules, which Outlook needs (a bare list of dates is misread).
    assert all("RRULE" in sub for sub in zone_component.subcomponents) or zone == "UTC"
    file_zone = zone_component.to_tz(lookup_tzid=False)
    naive = datetime.datetime(*local)
    assert naive.replace(tzinfo=file_zone).astimezone(UTC) == expected
    assert (naive + datetime.timedelta(hours=2)).replace(tzinfo=file_zone).astimezone(
        UTC
    ) == vevent.end.astimezone(UTC)


def test_special_characters_survive_and_long_lines_are_folded(client, event_index):
    title = 'Victims, traffickers; and "back\\slashes"'
    introduction = (
        "Line one, with commas; semicolons \\ backslashes\nLine two: żółć Ędward "
        + "very long text " * 20
    )
    event = make_event(event_index, title=title, introduction=introduction)
    response = get_ics(client, event)
    raw = response.content
    assert b"\r\n" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\r\n " in raw  # folded continuation
    vevent = only_event(parse(response))
    assert vevent["SUMMARY"] == title
    assert vevent["DESCRIPTION"].startswith(introduction)


def test_programme_has_each_session_related_to_the_event(client, event_index):
    event = make_event(event_index, start=future(20, 9), end=future(20, 17))
    day = event.local_start.date()
    add_session(event, "Opening, welcome; coffee", day, datetime.time(9), datetime.time(9, 30))
    add_session(event, "Workshop", day, datetime.time(10), None)
    response = client.get(f"/events/calendar/{event.uid}/programme.ics")
    assert "programme.ics" in response["Content-Disposition"]
    calendar = parse(response)
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 3
    main, opening, workshop = vevents
    assert main["UID"] == event_uid(event)
    assert opening["SUMMARY"] == "Opening, welcome; coffee"
    for session in (opening, workshop):
        assert session["RELATED-TO"] == event_uid(event)
        assert session["UID"] != main["UID"]
        assert session["DTSTART"].params["TZID"] == "Europe/Warsaw"
    assert opening.start == datetime.datetime.combine(day, datetime.time(9), tzinfo=WARSAW)
    assert workshop.end - workshop.start == datetime.timedelta(hours=1)
    # The event page offers it.
    page = client.get(event.url).content.decode()
    assert f"/events/calendar/{event.uid}/programme.ics" in page


def test_event_page_advertises_file_and_add_to_calendar_links(client, event_index):
    event = make_event(event_index)
    html = client.get(event.url).content.decode()
    assert (
        f'<link rel="alternate" type="text/calendar" href="/events/calendar/{event.uid}.ics"'
        in html
    )
    assert "Add to calendar" in html
    assert "https://calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "https://outlook.live.com/calendar/0/deeplink/compose?" in html
    start_utc = event.start.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    assert start_utc in html
    # Outlook.com gets the local time with its offset.
    assert (
        "startdt=" + event.local_start.isoformat().replace(":", "%3A").replace("+", "%2B") in html
    )


def test_all_day_web_calendar_links_use_exclusive_end_dates(event_index):
    start = datetime.datetime(2027, 5, 10, 0, 0, tzinfo=WARSAW)
    end = datetime.datetime(2027, 5, 12, 23, 59, tzinfo=WARSAW)
    event = make_event(event_index, start=start, end=end, all_day=True)
    links = web_calendar_links(event, "https://portal.example.org/e/")
    assert "dates=20270510%2F20270513" in links["google"]
    assert "startdt=2027-05-10&enddt=2027-05-13&allday=true" in links["outlook"]


def test_restricted_and_unpublished_events_answer_404(client, event_index):
    private = make_event(event_index, slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = make_event(event_index, slug="draft", publish=False)
    draft.unpublish()
    assert get_ics(client, private).status_code == 404
    assert get_ics(client, draft).status_code == 404
    assert (
        client.get("/events/calendar/00000000-0000-0000-0000-000000000000.ics").status_code == 404
    )


def test_conditional_requests_answer_304(client, event_index):
    event = make_event(event_index)
    first = get_ics(client, event)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert "public" in first["Cache-Control"]
    assert get_ics(client, event, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get_ics(client, event, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert get_ics(client, event, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    republish(
        event,
        start=event.start + datetime.timedelta(hours=1),
        end=event.end + datetime.timedelta(hours=1),
    )
    changed = get_ics(client, event, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_vtimezone_falls_back_when_rules_change(event_index):
    """A zone whose rules differ between the calendar's years gets icalendar's
    exact transitions instead of a yearly rule that would be wrong."""
    # Europe/Moscow dropped daylight saving time in 2011.
    component = vtimezone("Europe/Moscow", 2010, 2012)
    assert "RRULE" not in component.to_ical().decode()
    zone = component.to_tz(lookup_tzid=False)
    summer_2010 = datetime.datetime(2010, 7, 1, 12).replace(tzinfo=zone)
    summer_2012 = datetime.datetime(2012, 7, 1, 12).replace(tzinfo=zone)
    assert summer_2010.utcoffset() == datetime.timedelta(hours=4)
    assert summer_2012.utcoffset() == datetime.timedelta(hours=4)
    winter_2010 = datetime.datetime(2010, 1, 15, 12).replace(tzinfo=zone)
    assert winter_2010.utcoffset() == datetime.timedelta(hours=3)
