"""Certificates of attendance: only for those present (on the event's share of
days), downloadable by the attendee, verifiable by anyone with the code."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from events import attendance, services
from events.certificates.services import certificate_for, issue_certificates
from events.models import Certificate
from events.models.certificates import CERTIFICATE_CODE_LENGTH
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person
from tests.events.factories import EventPageFactory, in_days

pytestmark = pytest.mark.django_db

PAGE = re.compile(rb"/Type\s*/Page\b(?!s)")


@pytest.fixture
def training(events_index):
    """Three days, already over."""
    return EventPageFactory(
        parent=events_index,
        title="Identifying victims – Chełm",
        start=in_days(-12, 9),
        end=in_days(-10, 16),
        capacity=None,
    )


def register_present(event, n, present_days, **extra):
    with time_machine.travel(event.start - datetime.timedelta(days=3)):
        registration = services.register(event, person(n, **extra)).registration
    days = attendance.event_days(event)
    attendance.save_register(
        event,
        {
            (registration.pk, day): "present" if i < present_days else "absent"
            for i, day in enumerate(days)
        },
    )
    registration.refresh_from_db()
    return registration


def test_certificates_only_for_attendees_present_every_day(training):
    full = register_present(training, 1, 3)
    partial = register_present(training, 2, 2)
    absent = register_present(training, 3, 0)
    assert certificate_for(full) is not None
    assert certificate_for(partial) is None
    assert certificate_for(absent) is None
    assert [c.registration for c in issue_certificates(training)] == [full]


def test_a_lower_share_of_days_is_enough_when_the_organiser_says_so(training):
    options = attendance.options_for(training)
    options.certificate_min_share = 60
    options.save()
    partial = register_present(training, 2, 2)
    one_day = register_present(training, 3, 1)
    assert certificate_for(partial) is not None
    assert certificate_for(one_day) is None


def test_no_certificates_when_the_event_offers_none(training):
    options = attendance.options_for(training)
    options.certificates_enabled = False
    options.save()
    assert certificate_for(register_present(training, 1, 3)) is None


def test_codes_are_long_random_and_unique(training):
    codes = {certificate_for(register_present(training, n, 3)).code for n in range(5)}
    assert len(codes) == 5
    assert all(len(code) == CERTIFICATE_CODE_LENGTH and code.isalnum() for code in codes)


def test_attendee_downloads_their_certificate_with_polish_letters(client, training):
    registration = register_present(training, 1, 3, name="Łukasz Żółćkiewicz")
    response = client.get(reverse("events:certificate", args=[registration.manage_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = response.content
    assert content.startswith(b"%PDF")
    assert b"DejaVu" in content  # a Unicode font is embedded
    assert len(PAGE.findall(content)) == 1


def test_attendee_not_present_gets_a_clear_404(client, training):
    registration = register_present(training, 1, 0)
    response = client.get(reverse("events:certificate", args=[registration.manage_token]))
    assert response.status_code == 404
    assert (
        "available once the organisers have recorded your attendance" in response.content.decode()
    )
    assert not Certificate.objects.exists()


def test_verification_page_shows_minimal_data(client, training):
    registration = register_present(training, 1, 3, name="Anna Wiśniewska")
    certificate = certificate_for(registration)
    response = client.get(reverse("events:certificates:detail", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna Wiśniewska" in html and "Identifying victims" in html
    assert registration.email not in html
    # Typed as printed (grouped, lower case) on the form, the code leads there.
    typed = certificate.display_code.lower()
    response = client.get(reverse("events:certificates:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/certificates/{certificate.code}/")


@pytest.mark.parametrize("code", ["ABCDEFGHJKMNPQRS", "x", "%3Cscript%3E", "A" * 300])
def test_an_unknown_certificate_code_is_a_clear_404(client, training, code):
    register_present(training, 1, 3)
    response = client.get(f"/certificates/{code}/")
    assert response.status_code == 404
    assert "No certificate of attendance has this code" in response.content.decode()


def test_the_verify_form_says_when_a_code_is_unknown(client):
    assert client.get(reverse("events:certificates:verify")).status_code == 200
    response = client.get(reverse("events:certificates:verify"), {"code": "NOPE-NOPE"})
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
    response = client.get(reverse("events:certificates:verify"), {"code": ""})
    assert response.status_code in (200, 400)


def test_organiser_downloads_all_certificates_badges_and_sign_in_sheet(client, training, organiser):
    for n in range(3):
        register_present(training, n, 3)
    register_present(training, 9, 1)
    client.force_login(organiser)
    page = client.get(admin_url("certificates", training.pk))
    assert page.status_code == 200
    assert "3 of 4 confirmed attendees have earned a certificate" in page.content.decode()
    bulk = client.get(admin_url("certificates_pdf", training.pk))
    assert bulk["Content-Type"] == "application/pdf"
    assert len(PAGE.findall(bulk.content)) == 3
    assert Certificate.objects.count() == 3
    badges = client.get(admin_url("badges_pdf", training.pk))
    assert len(PAGE.findall(badges.content)) == 1  # four badges fit on one A4 sheet
    sheet = client.get(admin_url("sign_in_pdf", training.pk))
    assert sheet.content.startswith(b"%PDF")
    second_day = attendance.event_days(training)[1].isoformat()
    assert f"?day={second_day}" in page.content.decode()
    day_sheet = client.get(admin_url("sign_in_pdf", training.pk) + f"?day={second_day}")
    assert day_sheet.content.startswith(b"%PDF")
    assert client.get(admin_url("sign_in_pdf", training.pk) + "?day=<x>").status_code == 200


def test_printables_are_for_the_events_organisers_only(client, training, member):
    register_present(training, 1, 3)
    client.force_login(member)
    for name in ("certificates", "certificates_pdf", "badges_pdf", "sign_in_pdf"):
        response = client.get(admin_url(name, training.pk))
        assert response.status_code in (302, 403), name
        assert not response.get("Content-Type", "").startswith("application/pdf")


def test_my_account_links_the_certificate(client, training, member):
    registration = register_present(training, 1, 3)
    registration.user = member
    registration.save()
    client.force_login(member)
    html = client.get(reverse("my_account")).content.decode()
    assert reverse("events:certificate", args=[registration.manage_token]) in html


def test_a_certificate_is_withdrawn_when_the_register_is_corrected(client, training):
    registration = register_present(training, 1, 3)
    certificate = certificate_for(registration)
    day = attendance.event_days(training)[1]
    attendance.save_register(training, {(registration.pk, day): "absent"})
    assert not Certificate.objects.filter(pk=certificate.pk).exists()
    assert client.get(f"/certificates/{certificate.code}/").status_code == 404
