import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from events import services
from events.choices import Audience, RegistrationStatus
from events.models import EventQuestion, InvitationCode, Registration, RegistrationMail
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def admin_url(name, *args):
    return reverse(f"events_admin:{name}", args=args)


# --- who may see attendee data ------------------------------------------------------


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
    from tests.factories import UserFactory

    other_organiser = UserFactory(groups=["Organisers"])
    # Organisers' page rights are on the events index only; an event outside it is not theirs.
    from events.models import EventIndexPage

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
    services.check_in(a)
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
        admin_url("message", event.pk), {"subject": "Room change", "body": "We meet in room 12."}
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


# --- import -----------------------------------------------------------------------


def upload(content, name="list.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def test_import_dry_run_then_import_all(client, event, organiser):
    InstitutionFactory(name="Chief Labour Inspectorate")
    client.force_login(organiser)
    csv_text = "name,email,institution,position\nAnna Nowak,anna@example.org,Chief Labour Inspectorate,Inspector\nPiotr Wiśniewski,piotr@example.org,Gmina Terespol,Clerk\n"
    response = client.post(admin_url("import", event.pk), {"file": upload(csv_text)})
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    preview = response.context["preview"]
    assert not preview.has_errors and len(preview.rows) == 2
    payload = response.context["payload"]
    response = client.post(
        admin_url("import", event.pk),
        {"confirm": "1", "payload": payload, "send_confirmation": "0"},
    )
    assert response.status_code == 302
    assert Registration.objects.count() == 2
    assert (
        Registration.objects.get(email="anna@example.org").institution.name
        == "Chief Labour Inspectorate"
    )
    assert Registration.objects.get(email="piotr@example.org").institution_other == "Gmina Terespol"
    assert mail.outbox == []


def test_import_with_a_bad_row_imports_nothing(client, event, organiser):
    services.register(event, person(9))
    client.force_login(organiser)
    csv_text = (
        "name;email\n"
        "Good Person;good@example.org\n"
        "No Email;\n"
        "Bad Email;not-an-email\n"
        "Twice;good@example.org\n"
        "Already;person9@example.org\n"
        f"{'x' * 300};long@example.org\n"
    )
    response = client.post(admin_url("import", event.pk), {"file": upload(csv_text)})
    preview = response.context["preview"]
    errors = {row.line: " ".join(row.errors) for row in preview.rows if row.errors}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "not valid" in errors[4]
    assert "line 2" in errors[5]
    assert "already registered" in errors[6]
    assert "too long" in errors[7]
    content = response.content.decode()
    assert "Nothing will be imported" in content
    assert 'name="confirm"' not in content
    # A forged confirmation with the same bad file still imports nothing.
    import base64

    response = client.post(
        admin_url("import", event.pk),
        {
            "confirm": "1",
            "payload": base64.b64encode(csv_text.encode()).decode(),
            "send_confirmation": "1",
        },
    )
    assert Registration.objects.count() == 1
    assert mail.outbox[-1].to == ["person9@example.org"]


@pytest.mark.parametrize(
    "content",
    ["", "just,some,columns\n1,2,3\n", "name,email\n"],
)
def test_import_bad_files(client, event, organiser, content):
    client.force_login(organiser)
    response = client.post(admin_url("import", event.pk), {"file": upload(content or " ")})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Registration.objects.count() == 0


def test_import_garbage_payload(client, event, organiser):
    client.force_login(organiser)
    response = client.post(admin_url("import", event.pk), {"confirm": "1", "payload": "%%%"})
    assert response.status_code == 302
    assert Registration.objects.count() == 0


def test_import_with_confirmations_and_waiting_list(client, event, organiser):
    event.capacity = 1
    event.save()
    client.force_login(organiser)
    csv_text = "email,name\na@example.org,A\nb@example.org,B\n"
    response = client.post(
        admin_url("import", event.pk), {"file": upload(csv_text), "send_confirmation": "on"}
    )
    assert response.context["preview"].will_confirm == 1
    assert response.context["preview"].will_wait == 1
    client.post(
        admin_url("import", event.pk),
        {"confirm": "1", "payload": response.context["payload"], "send_confirmation": "1"},
    )
    assert Registration.objects.get(email="b@example.org").status == RegistrationStatus.WAITING
    assert len(mail.outbox) == 2


# --- check-in ---------------------------------------------------------------------


def test_qr_code_leads_organiser_to_one_tap_check_in(client, event, organiser):
    registration = services.register(event, person(1)).registration
    message = mail.outbox[0]
    images = [
        a
        for a in message.attachments
        if getattr(a, "get_content_type", lambda: "")() == "image/png"
    ]
    assert images, "the confirmation carries the QR code"
    assert b"<svg" in client.get(registration.get_manage_path()).content
    client.force_login(organiser)
    response = client.get(registration.get_checkin_path())
    assert response.status_code == 200
    assert b"Person 1" in response.content
    assert b"Mark as attended" in response.content
    client.post(registration.get_checkin_path())
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_check_in_list_with_search(client, event, organiser):
    a = services.register(event, person(1, name="Alicja Malinowska")).registration
    services.register(event, person(2, name="Bogdan Zieliński"))
    client.force_login(organiser)
    url = reverse("events:check_in_list", args=[event.pk])
    content = client.get(url + "?q=malin").content
    assert b"Alicja Malinowska" in content and b"Bogdan" not in content
    client.post(url, {"registration": a.pk})
    a.refresh_from_db()
    assert a.attended_at is not None
    assert b"1 of 2 checked in" in client.get(url).content


def test_check_in_with_forged_token(client, event, organiser):
    services.register(event, person(1))
    client.force_login(organiser)
    assert client.get("/events/check-in/forged-token-forged-token-forged/").status_code == 404
    assert client.get("/events/check-in/x/").status_code == 404


def test_check_in_of_a_waiting_registration_is_refused(client, event, organiser):
    event.capacity = 1
    event.save()
    services.register(event, person(1))
    waiting = services.register(event, person(2)).registration
    client.force_login(organiser)
    response = client.post(waiting.get_checkin_path())
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.attended_at is None


# --- reports and purge ---------------------------------------------------------------


def test_attendance_report(client, events_index, organiser):
    hq = InstitutionFactory(name="HQ", kind="border_guard", region="mazowieckie")
    unit = InstitutionFactory(name="Unit", kind="border_guard", parent=hq, region="lubelskie")
    post = InstitutionFactory(
        name="Post Terespol", kind="border_guard", parent=unit, region="lubelskie"
    )
    ngo = InstitutionFactory(name="NGO", kind="ngo", region="mazowieckie")
    past1 = EventPageFactory(
        parent=events_index,
        start=in_days(-20),
        end=in_days(-20, 16),
        venue_city="Chełm",
        capacity=None,
    )
    past2 = EventPageFactory(
        parent=events_index,
        start=in_days(-10),
        end=in_days(-10, 16),
        venue_city="Gdańsk",
        capacity=None,
    )
    for n, inst in enumerate([post, post, ngo, unit]):
        Registration.objects.create(
            event=past1,
            status="confirmed",
            queue_number=n + 1,
            name="x",
            email=f"p{n}@example.org",
            institution=inst,
        )
    Registration.objects.create(
        event=past2,
        status="confirmed",
        queue_number=1,
        name="x",
        email="p0@example.org",
        institution=post,
        attended_at=timezone.now(),
    )
    Registration.objects.create(
        event=past2,
        status="confirmed",
        queue_number=2,
        name="x",
        email="absent@example.org",
        institution=ngo,
    )
    # A third event in a city already counted: still two distinct locations.
    past3 = EventPageFactory(
        parent=events_index,
        start=in_days(-8),
        end=in_days(-8, 16),
        venue_city="Chełm",
        capacity=None,
    )
    Registration.objects.create(
        event=past3,
        status="confirmed",
        queue_number=1,
        name="x",
        email="p1@example.org",
        institution=post,
    )
    client.force_login(organiser)
    report = client.get(admin_url("report")).context["report"]
    assert report["events_held"] == 3
    assert report["locations"] == 2
    assert report["institutions"] == 3
    assert report["field_offices"] == 1
    # past2 had check-in, so only the one who came counts there.
    assert report["participations"] == 6
    assert report["people"] == 4
    by_kind = {row["label"]: row["count"] for row in report["by_kind"]}
    assert by_kind["Border Guard unit"] == 5
    report = client.get(admin_url("report") + f"?event={past2.pk}").context["report"]
    assert report["participations"] == 1
    start = (timezone.localdate() - datetime.timedelta(days=15)).isoformat()
    report = client.get(admin_url("report") + f"?date_from={start}").context["report"]
    assert report["events_held"] == 2


def test_purge_removes_personal_data_keeps_counts(client, events_index, settings):
    settings.EVENTS_PERSONAL_DATA_RETENTION_DAYS = 30
    old = EventPageFactory(parent=events_index, start=in_days(-40), end=in_days(-40, 16))
    recent = EventPageFactory(parent=events_index, start=in_days(-5), end=in_days(-5, 16))
    institution = InstitutionFactory()
    for event in (old, recent):
        Registration.objects.create(
            event=event,
            status="confirmed",
            queue_number=1,
            name="Private Person",
            email="private@example.org",
            phone="+48 22 000 00 00",
            answers={"k": "v"},
            institution=institution,
            attended_at=event.start,
        )
    gone = Registration.objects.get(event=old)
    token = gone.manage_token
    RegistrationMail.objects.create(registration=gone, kind="confirmation")
    call_command("purge_event_personal_data", verbosity=0)
    gone.refresh_from_db()
    assert gone.purged_at is not None
    assert (gone.name, gone.email, gone.phone, gone.answers) == ("", "", "", {})
    assert gone.institution == institution and gone.attended_at is not None
    assert not RegistrationMail.objects.filter(registration=gone).exists()
    assert client.get(f"/events/registration/{token}/").status_code == 404
    kept = Registration.objects.get(event=recent)
    assert kept.email == "private@example.org"
    # Anonymous counts remain.
    from events.models import EventPage
    from events.reports import attendance_report

    assert attendance_report(EventPage.objects.filter(pk=old.pk))["participations"] == 1


def test_confirmation_email_in_polish(event, locales):
    registration = services.register(event, person(1, language="pl")).registration
    message = mail.outbox[0]
    assert "Rejestracja potwierdzona" in message.subject
    assert "/pl/events/registration/" in message.body
    assert registration.manage_token in message.body
    assert "(czas warszawski)" in message.body
