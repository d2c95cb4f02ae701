"""In a real browser: a member verifies their certificate from My account, a
stranger checks a code, an organiser corrects the register; the pages pass
axe, and on a phone nothing floats over the first "Check in" button."""

import datetime
import re

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from events.models import Attendance, Certificate, EventPage, Registration
from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

TRAINING = "training-lublin"


def _log_in(page, email, password="demo-password-2026"):  # noqa: S107 - the demo password
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill(password)
    page.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
    page.wait_for_load_state()


def test_certificate_from_my_account_and_its_public_check(page, demo_site, axe):
    _log_in(page, "member@example.org")
    page.goto("/account/")
    link = page.get_by_role("link", name="Certificate of attendance (PDF)").first
    href = link.get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200 and response.body().startswith(b"%PDF")
    mine = Certificate.objects.get(registration__email="member@example.org")

    page.goto("/certificates/verify/")
    assert format_violations(axe(page)) == ""
    page.get_by_label("Verification code").fill(mine.display_code.lower())
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_role("status")).to_contain_text("issued by the portal and is valid")
    assert "Training on identifying victims – Lublin" in page.locator("main").inner_text()
    assert format_violations(axe(page)) == ""

    response = page.goto("/certificates/AAAA-BBBB-CCCC-DDDD/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate not found")
    assert format_violations(axe(page)) == ""


def test_organiser_corrects_the_register(page, demo_site):
    event = EventPage.objects.get(slug=TRAINING, locale__language_code="en")
    absent = (
        Registration.objects.filter(event=event, status="confirmed", attended_at__isnull=True)
        .order_by("name")
        .first()
    )
    day = Attendance.objects.filter(registration=absent).order_by("day").first().day
    _log_in(page, "organiser@example.org")
    page.goto(f"/admin/events/{event.pk}/attendance/")
    with translation.override("en"):
        label = f"{absent.name}, {formats.date_format(day, 'DATE_FORMAT')}"
    page.get_by_label(label).select_option("present")
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".messages")).to_contain_text("Attendance saved for 1 attendees")
    absent.refresh_from_db()
    assert absent.attended_at is not None


def test_first_check_in_button_is_not_covered_on_a_phone(browser, live_server, demo_site):
    event = EventPage.objects.get(slug="workshop-labour-exploitation", locale__language_code="en")
    now = timezone.now()
    EventPage.objects.filter(pk=event.pk).update(
        start=now + datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=6)
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 640}, is_mobile=True
    )
    page = context.new_page()
    try:
        _log_in(page, "organiser@example.org")
        page.goto(f"/events/{event.pk}/check-in/")
        button = page.get_by_role("button", name=re.compile(r"^Check in ")).first
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('button') !== null", list(centre)
        )
        assert on_top, "something covers the first Check in button"
        assert page.locator("wagtail-userbar, .w-userbar").count() == 0
    finally:
        context.close()
