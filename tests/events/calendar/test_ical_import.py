"""Importing partner institutions' calendars: matching by UID, update rules,
cancellations, malformed files, the refresh command."""

import datetime
import io
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from icalendar import Calendar, Event

from demo.loader import Loader
from events.calendar import services as calendar_services
from events.calendar.ical import CalendarParseError
from events.models import ExternalCalendarSource, ExternalEvent

pytestmark = [pytest.mark.django_db, pytest.mark.database]

UTC = datetime.UTC
START = datetime.datetime(2030, 4, 10, 9, 0, tzinfo=UTC)


def ics(*events, method=None):
    """A partner's file, written with icalendar like any other calendar."""
    calendar = Calendar.new(prodid="-//Partner//Test//EN", method=method)
    for spec in events:
        calendar.add_component(
            Event.new(
                uid=spec["uid"],
                summary=spec.get("summary", "Partner event"),
                start=spec.get("start", START),
                end=spec.get("end", START + datetime.timedelta(hours=2)),
                sequence=spec.get("sequence", 0),
                last_modified=spec.get("last_modified"),
                status=spec.get("status"),
                location=spec.get("location"),
                url=spec.get("url"),
                stamp=START,
            )
        )
    return calendar.to_ical()


@pytest.fixture
def source(db):
    return ExternalCalendarSource.objects.create(
        name="La Strada", url="https://partner.example.net/cal.ics"
    )


def test_import_creates_then_matches_by_uid(source):
    data = ics(
        {
            "uid": "a@partner",
            "summary": "Helpline training",
            "location": "Warsaw",
            "url": "https://partner.example.net/a",
        },
        {"uid": "b@partner", "summary": "Open day"},
    )
    result = calendar_services.import_calendar(source, data)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    event = ExternalEvent.objects.get(uid="a@partner")
    assert event.title == "Helpline training"
    assert event.location == "Warsaw"
    assert event.url == "https://partner.example.net/a"
    assert event.start == START
    again = calendar_services.import_calendar(source, data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ExternalEvent.objects.count() == 2


def test_update_rules_sequence_and_last_modified(source):
    t1 = datetime.datetime(2030, 1, 1, 12, tzinfo=UTC)
    t2 = t1 + datetime.timedelta(days=1)
    calendar_services.import_calendar(
        source, ics({"uid": "a", "summary": "v1", "sequence": 1, "last_modified": t1})
    )
    # Lower sequence: ignored even with a newer LAST-MODIFIED.
    result = calendar_services.import_calendar(
        source, ics({"uid": "a", "summary": "old", "sequence": 0, "last_modified": t2})
    )
    assert result.unchanged == 1
    assert ExternalEvent.objects.get().title == "v1"
    # Same sequence, same LAST-MODIFIED: unchanged.
    calendar_services.import_calendar(
        source, ics({"uid": "a", "summary": "same", "sequence": 1, "last_modified": t1})
    )
    assert ExternalEvent.objects.get().title == "v1"
    # Same sequence, newer LAST-MODIFIED: updated.
    result = calendar_services.import_calendar(
        source, ics({"uid": "a", "summary": "v1b", "sequence": 1, "last_modified": t2})
    )
    assert result.updated == 1
    assert ExternalEvent.objects.get().title == "v1b"
    # Higher sequence: updated, even with an older LAST-MODIFIED.
    moved = START + datetime.timedelta(days=3)
    calendar_services.import_calendar(
        source,
        ics(
            {
                "uid": "a",
                "summary": "v2",
                "sequence": 2,
                "last_modified": t1,
                "start": moved,
                "end": moved + datetime.timedelta(hours=1),
            }
        ),
    )
    event = ExternalEvent.objects.get()
    assert (event.title, event.sequence, event.start) == ("v2", 2, moved)


def test_same_uid_in_another_source_is_another_event(source):
    other = ExternalCalendarSource.objects.create(name="IOM")
    calendar_services.import_calendar(source, ics({"uid": "x"}))
    calendar_services.import_calendar(other, ics({"uid": "x"}))
    assert ExternalEvent.objects.filter(uid="x").count() == 2


def test_cancellation_by_status_and_by_method(source):
    calendar_services.import_calendar(source, ics({"uid": "a"}, {"uid": "b"}))
    result = calendar_services.import_calendar(
        source, ics({"uid": "a", "status": "CANCELLED", "sequence": 1})
    )
    assert result.cancelled == 1
    assert ExternalEvent.objects.get(uid="a").is_cancelled
    calendar_services.import_calendar(source, ics({"uid": "b", "sequence": 1}, method="CANCEL"))
    assert ExternalEvent.objects.get(uid="b").is_cancelled
    # Cancelled partner events are not listed as upcoming.
    assert calendar_services.upcoming_externals() == []


def test_feed_refresh_removes_events_gone_from_the_feed(source):
    calendar_services.import_calendar(source, ics({"uid": "a"}, {"uid": "b"}))
    with mock.patch.object(
        calendar_services, "fetch_feed", return_value=ics({"uid": "a"})
    ) as fetch:
        call_command("refresh_calendar_imports", stdout=mock.MagicMock())
    fetch.assert_called_once_with("https://partner.example.net/cal.ics")
    assert list(ExternalEvent.objects.values_list("uid", flat=True)) == ["a"]
    source.refresh_from_db()
    assert source.last_imported_at is not None and source.last_error == ""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is not a calendar", "not a valid iCalendar"),
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\n",
            "not a valid iCalendar",
        ),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n", "no events"),
    ],
)
def test_malformed_files_are_refused(source, data, message):
    with pytest.raises(CalendarParseError) as error:
        calendar_services.import_calendar(source, data)
    assert message in error.value.message
    assert not ExternalEvent.objects.exists()


def test_one_bad_event_refuses_the_whole_file(source):
    calendar_services.import_calendar(source, ics({"uid": "keep", "summary": "Kept"}))
    good = ics(
        {"uid": "new", "summary": "New"}, {"uid": "keep", "summary": "Changed", "sequence": 5}
    )
    bad = good.replace(b"UID:new\r\n", b"")
    with pytest.raises(CalendarParseError) as error:
        calendar_services.import_calendar(source, bad)
    assert "no UID" in error.value.message
    assert list(ExternalEvent.objects.values_list("title", flat=True)) == ["Kept"]


def test_refresh_failure_is_recorded_and_changes_nothing(source):
    calendar_services.import_calendar(source, ics({"uid": "a"}))
    with mock.patch.object(calendar_services, "fetch_feed", return_value=b"<html>oops</html>"):
        assert calendar_services.refresh_source(source) is None
    source.refresh_from_db()
    assert "not a valid iCalendar" in source.last_error
    assert ExternalEvent.objects.count() == 1


def test_fetch_refuses_other_schemes():
    with pytest.raises(calendar_services.FetchError):
        calendar_services.fetch_feed("file:///etc/passwd")
    with pytest.raises(calendar_services.FetchError):
        calendar_services.fetch_feed("ftp://example.org/cal.ics")


def test_fetch_enforces_size_limit():
    response = mock.MagicMock()
    response.__enter__.return_value.read.return_value = b"x" * 11
    with (
        mock.patch("urllib.request.urlopen", return_value=response) as urlopen,
        pytest.raises(calendar_services.FetchError),
    ):
        calendar_services.fetch_feed("https://example.org/cal.ics", max_bytes=10)
    assert urlopen.call_args.kwargs["timeout"] == calendar_services.FETCH_TIMEOUT


def test_admin_upload(client, organiser, source, home_page):
    client.force_login(organiser)
    index = client.get("/admin/partner_calendars/")
    assert index.status_code == 200
    assert "Import an .ics file" in index.content.decode()
    url = "/admin/partner_calendars/upload/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "source": source.pk,
            "file": SimpleUploadedFile("p.ics", ics({"uid": "u1", "summary": "Uploaded"})),
        },
    )
    assert response.status_code == 302
    assert ExternalEvent.objects.get().title == "Uploaded"
    bad = client.post(url, {"source": source.pk, "file": SimpleUploadedFile("p.ics", b"garbage")})
    assert bad.status_code == 400
    assert "not a valid iCalendar" in bad.content.decode()
    assert ExternalEvent.objects.count() == 1


def test_admin_upload_forbidden_for_members(client, member, source, home_page):
    client.force_login(member)
    response = client.post(
        "/admin/partner_calendars/upload/",
        {"source": source.pk, "file": SimpleUploadedFile("p.ics", ics({"uid": "u1"}))},
    )
    assert response.status_code in (302, 403)
    assert not ExternalEvent.objects.exists()


def test_demo_partner_calendar_is_idempotent(db):

    out = io.StringIO()
    Loader(stdout=out).load_calendar()
    Loader(stdout=out).load_calendar()
    assert ExternalEvent.objects.count() == 2
    assert ExternalCalendarSource.objects.count() == 1
    assert "0 new, 0 updated, 2 unchanged" in out.getvalue()


def test_outlook_export_with_windows_time_zone(source):
    """Outlook names its zones the Windows way; the file's VTIMEZONE decides."""
    data = (Path(__file__).parent / "files" / "outlook-export.ics").read_bytes()
    data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    calendar_services.import_calendar(source, data)
    event = ExternalEvent.objects.get()
    assert event.title == "Spotkanie robocze, Kraków"
    assert event.start == datetime.datetime(2030, 7, 10, 8, 0, tzinfo=UTC)
    assert event.end == datetime.datetime(2030, 7, 10, 10, 0, tzinfo=UTC)


def test_admin_fetch_now(client, organiser, source, home_page):
    client.force_login(organiser)
    index = client.get("/admin/partner_calendars/").content.decode()
    assert f"/admin/partner_calendars/{source.pk}/refresh/" in index
    url = f"/admin/partner_calendars/{source.pk}/refresh/"
    assert client.get(url).status_code == 200
    with mock.patch.object(calendar_services, "fetch_feed", return_value=ics({"uid": "f1"})):
        response = client.post(url)
    assert response.status_code == 302
    assert ExternalEvent.objects.get().uid == "f1"
    with mock.patch.object(calendar_services, "fetch_feed", side_effect=OSError("timed out")):
        response = client.post(url, follow=True)
    assert "nothing was changed" in response.content.decode()
    assert ExternalEvent.objects.get().uid == "f1"
