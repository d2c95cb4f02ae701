"""Organisers' registrations list: who may see it, filters, export, adding
attendees, status changes, messages and invitation codes."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events import services
from events.choices import Audience, RegistrationStatus
from events.models import EventIndexPage, EventQuestion, InvitationCode, Registration
from tests import downloads
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, InstitutionFactory
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.mark.parametrize("who", ["anonymous", "user", "member", "editor"])
def test_attendee_data_is_closed_to_everyone_but_organisers(client, event, who, request):
    registration = services.register(event, person(1)).registration
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    urls = [
        admin_url("registrations", event.pk),
        admin_url("registrations", event.pk) + "?export=csv",
        admin_url("registration", registration.pk),
        admin_url("add", event.pk),
        admin_url("import", event.pk),
        admin_url("message", event.pk),
        admin_url("report"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"person1@example.org" not in response.content
    assert client.get(reverse("events:check_in_list", args=[event.pk])).status_code == 403
    assert client.get(registration.get_checkin_path()).status_code == 403


def test_organiser_of_another_section_is_refused(client, events_index, home_page):
    other_organiser = UserFactory(groups=["Organisers"])
    # Organisers' page rights are on the events index only; an event outside it is not theirs.

    other_index = EventIndexPage(title="Elsewhere", slug="elsewhere")
    home_page.add_child(instance=other_index)
    foreign = EventPageFactory(parent=other_index)
    client.force_login(other_organiser)
    assert client.get(admin_url("registrations", foreign.pk)).status_code in (302, 403)


def test_organiser_sees_registrations_counts_filters_and_search(client, event, organiser):
    border = InstitutionFactory(name="Podlaski Unit", kind="border_guard", region="podlaskie")
    ngo = InstitutionFactory(name="La Strada", kind="ngo", region="mazowieckie")
    event.capacity = 2
    event.save()
    a = services.register(event, person(1, institution=border)).registration
    services.register(event, person(2, institution=ngo))
    services.register(event, person(3, name="Waiting Wanda"))
    c = services.register(event, person(4)).registration
    services.cancel(c)
    services.check_in(a, now=event.start)
    client.force_login(organiser)
    response = client.get(admin_url("registrations", event.pk))
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts["confirmed"], counts["waiting"], counts["cancelled"], counts["attended"]) == (
        2,
        1,
        1,
        1,
    )
    content = client.get(admin_url("registrations", event.pk) + "?status=waiting").content
    assert b"Waiting Wanda" in content and b"person1@" not in content
    content = client.get(admin_url("registrations", event.pk) + "?institution_kind=ngo").content
    assert b"person2@" in content and b"person1@" not in content
    content = client.get(admin_url("registrations", event.pk) + "?region=podlaskie").content
    assert b"person1@" in content and b"person2@" not in content
    content = client.get(admin_url("registrations", event.pk) + "?q=wanda").content
    assert b"Waiting Wanda" in content and b"person1@" not in content


def test_admin_list_is_paginated_and_bounded(
    client, event, organiser, django_assert_max_num_queries
):
    event.capacity = None
    event.save()
    Registration.objects.bulk_create(
        [
            Registration(
                event=event,
                status="confirmed",
                queue_number=n,
                name=f"P{n}",
                email=f"p{n}@example.org",
            )
            for n in range(1, 121)
        ]
    )
    client.force_login(organiser)
    client.get(admin_url("registrations", event.pk))
    with django_assert_max_num_queries(45):
        response = client.get(admin_url("registrations", event.pk))
    assert len(response.context["object_list"]) == 50


def test_export_csv_and_xlsx_with_answers(client, event, organiser):
    question = EventQuestion.objects.create(
        event=event, label="Certificate?", question_type="yes_no"
    )
    services.register(event, person(1, answers={question.key: "yes"}, dietary="vegan"))
    client.force_login(organiser)
    response = client.get(admin_url("registrations", event.pk) + "?export=csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert "Certificate?" in rows[0]
    assert "Email" in rows[0]
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Email"] == "person1@example.org"
    assert row["Certificate?"] == "yes"
    assert row["Dietary needs"] == "vegan"
    response = client.get(admin_url("registrations", event.pk) + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert "Certificate?" in values[0]
    assert "person1@example.org" in values[1]


HOSTILE_POSITION = '=HYPERLINK("http://attacker.example/","x")'


def test_exports_are_safe_whatever_registrants_typed(client, event, organiser):
    """Registrants are strangers: what they type must neither run as a formula in
    the organiser's spreadsheet nor break the export."""
    services.register(event, person(1, name="Eve\x1b[31m Wójcik", position=HOSTILE_POSITION))
    registered_at = Registration.objects.get().created_at
    client.force_login(organiser)
    today = timezone.localdate().isoformat()

    response = client.get(admin_url("registrations", event.pk) + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert downloads.filename(response) == f"registrations-training-in-chełm-{today}.csv"
    (row,) = downloads.csv_records(response)
    assert row["Position"] == "'" + HOSTILE_POSITION
    assert row["Name"] == "Eve[31m Wójcik"
    assert row["Registered"] == timezone.localtime(registered_at).replace(microsecond=0).isoformat()

    response = client.get(admin_url("registrations", event.pk) + "?export=xlsx")
    assert response.status_code == 200
    assert downloads.filename(response) == f"registrations-training-in-chełm-{today}.xlsx"
    sheet = downloads.xlsx_sheet(response)
    assert downloads.formula_cells(sheet) == []
    headings, values = downloads.sheet_rows(sheet)
    row = dict(zip(headings, values, strict=True))
    assert row["Position"] == "'" + HOSTILE_POSITION
    assert row["Name"] == "Eve[31m Wójcik"


def test_organiser_adds_attendee_by_hand(client, event, organiser):
    client.force_login(organiser)
    response = client.post(
        admin_url("add", event.pk),
        {
            "name": "Typed In",
            "email": "typed@example.org",
            "institution_name": "Somewhere",
            "language": "pl",
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.added_by_organiser
    assert mail.outbox == []
    client.post(
        admin_url("add", event.pk),
        {
            "name": "Mailed",
            "email": "mailed@example.org",
            "institution_name": "X",
            "send_confirmation": "on",
            "language": "en",
        },
    )
    assert [m.to for m in mail.outbox] == [["mailed@example.org"]]
    assert mail.outbox[0].subject.startswith("Registration confirmed")


def test_organiser_changes_status_and_messages_attendees(client, event, organiser):
    event.capacity = 1
    event.save()
    a = services.register(event, person(1)).registration
    b = services.register(event, person(2)).registration
    client.force_login(organiser)
    response = client.post(admin_url("registration", b.pk), {"status": "confirmed"})
    assert response.status_code == 200
    assert b"No seat is free" in response.content
    client.post(admin_url("registration", a.pk), {"status": "cancelled"})
    b.refresh_from_db()
    assert b.status == RegistrationStatus.CONFIRMED
    mail.outbox.clear()
    client.post(
        admin_url("message", event.pk),
        {"subject": "Room change", "body": "We meet in room 12.", "send": "1"},
    )
    assert [m.to for m in mail.outbox] == [["person2@example.org"]]
    assert "Room change" in mail.outbox[0].subject
    assert "room 12" in mail.outbox[0].body


def test_organiser_generates_invitation_codes(client, event, organiser):
    event.audience = Audience.INVITATION
    event.save()
    client.force_login(organiser)
    client.post(admin_url("codes", event.pk), {"count": 3, "max_uses": 2, "note": "NGOs"})
    assert InvitationCode.objects.filter(event=event, max_uses=2).count() == 3
    assert len(set(InvitationCode.objects.values_list("code", flat=True))) == 3
