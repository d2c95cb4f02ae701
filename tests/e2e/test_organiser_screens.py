"""In a real browser, the organiser's screens around an event: Admin → Events,
from a row to the report of its training series (with its PDF), a message
to the waiting list previewed before sending, and an import file made from
the template."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from events.models import EventPage, Registration
from tests.e2e.test_attendance import _log_in

pytestmark = pytest.mark.django_db(transaction=True)

SERIES = "Identifying victims – Border Guard field offices 2026"


def test_from_the_events_list_to_the_series_report(page, demo_site):
    _log_in(page, "organiser@example.org")
    page.goto("/admin/")
    page.get_by_role("link", name="Events", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Events")
    row = page.get_by_role("row").filter(has_text="Training on identifying victims – Lublin")
    expect(row).to_contain_text("checked in")
    row.get_by_role("link", name="Report").click()
    expect(page).to_have_url(re.compile(r"/admin/events/report/\?event=\d+"))
    page.get_by_label("Series").select_option(label=SERIES)
    page.get_by_label("Event").select_option(label="All events")
    page.get_by_role("button", name="Show").click()
    expect(
        page.get_by_role("heading", name=re.compile("For the funder: Identifying"))
    ).to_be_visible()
    people = page.get_by_role("row").filter(has_text="People trained (each counted once)")
    assert int(people.locator("td").inner_text()) > 0
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF to print").click()
    assert download.value.suggested_filename.startswith("funder-report-")


def test_a_message_to_the_waiting_list_is_previewed_then_sent(page, demo_site):
    event = EventPage.objects.get(slug="workshop-labour-exploitation", locale__language_code="en")
    waiting = Registration.objects.filter(event=event, status="waiting").count()
    assert waiting, "the demo workshop has a waiting list"
    _log_in(page, "organiser@example.org")
    page.goto(f"/admin/events/{event.pk}/message/")
    page.get_by_role("radio", name=re.compile("The waiting list")).check()
    page.get_by_label("Subject").fill("A seat may free up")
    page.get_by_label("Message").fill("Please keep the date free.")
    page.get_by_role("button", name="Preview").click()
    # The mail as the first person on the waiting list receives it, in their language.
    expect(page.locator(".message-preview__body")).to_contain_text("Please keep the date free.")
    mail.outbox.clear()
    page.get_by_role("button", name=re.compile(r"^Send to \d+ (person|people)$")).click()
    expect(page.locator(".messages")).to_contain_text("The message is being sent")


def test_the_import_template_names_the_questions(page, demo_site):
    event = EventPage.objects.get(slug="workshop-labour-exploitation", locale__language_code="en")
    _log_in(page, "organiser@example.org")
    page.goto(f"/admin/events/{event.pk}/registrations/import/")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download a template")).click()
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        header = handle.readline()
    assert header.startswith("name,email,institution")
