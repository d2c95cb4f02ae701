"""Importing attendees from CSV: a dry run first, then all or nothing."""

import base64

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.choices import RegistrationStatus
from events.models import Registration
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person
from tests.events.factories import InstitutionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


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
    # The result says what became of each line.
    assert response.status_code == 200
    assert "What became of each line" in response.content.decode()
    assert "2 attendees imported." in response.content.decode()
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


def test_import_reads_tabs_a_byte_order_mark_and_drops_control_characters(client, event, organiser):
    client.force_login(organiser)
    csv_text = "\ufeffName\tE-mail\n\nEve\x1b[31m\teve@example.org\n"
    response = client.post(admin_url("import", event.pk), {"file": upload(csv_text)})
    (row,) = response.context["preview"].rows
    assert (row.line, row.data["name"], row.errors) == (3, "Eve[31m", [])
    client.post(
        admin_url("import", event.pk),
        {"confirm": "1", "payload": response.context["payload"], "send_confirmation": "0"},
    )
    assert Registration.objects.get().name == "Eve[31m"


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
