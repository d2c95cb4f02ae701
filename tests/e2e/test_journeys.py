"""Whole journeys a newcomer makes with mouse and keyboard (issue #7).

Seeding the demo is the slow part (~15 s), so each test walks one complete
journey instead of checking one small thing."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Institution
from events import services
from events.choices import RegistrationStatus
from events.models import EventPage, Registration
from portal import public_address
from resources.models import StudyVisitIndexPage, StudyVisitPage

pytestmark = pytest.mark.django_db(transaction=True)

WORKSHOP = "workshop-labour-exploitation"


def _link_in(message, pattern):
    match = re.search(pattern, message.body)
    assert match, f"no link matching {pattern!r} in:\n{message.body}"
    return match.group(0)


def _path(url):
    return re.sub(r"^https?://[^/]+", "", url)


def _log_in(page, email, password="demo-password-2026"):  # noqa: S107 - the demo password
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill(password)
    page.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
    page.wait_for_load_state()


def _workshop_with_one_free_seat():
    """The demo workshop is full with a waiting list; keep its confirmed
    attendees, empty the waiting list and add one seat, so the newcomer
    gets a seat and the next person waits."""
    event = EventPage.objects.get(slug=WORKSHOP, locale__language_code="en")
    Registration.objects.filter(event=event, status=RegistrationStatus.WAITING).delete()
    confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    EventPage.objects.filter(pk=event.pk).update(capacity=confirmed.count() + 1)
    event.refresh_from_db()
    return event


def test_register_cancel_and_the_waiting_list_moves_up(page, demo_site):
    event = _workshop_with_one_free_seat()
    mail.outbox.clear()

    page.goto(f"/events/{WORKSHOP}/")
    page.get_by_role("link", name="Register").first.click()
    page.get_by_label("Full name").fill("Jan Nowicki")
    page.get_by_label("Email").fill("jan.nowicki@example.org")
    page.get_by_label("Institution").fill("Chief Labour Inspectorate")
    page.get_by_label("Construction").check()
    page.get_by_label("I agree to the processing of my personal data").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/events/registration/**")
    assert page.locator(".badge").first.inner_text() == "Confirmed"

    # Someone else arrives after the last seat went: they wait.
    waiting = services.register(
        event,
        {"name": "Olga Kowal", "email": "olga.kowal@example.org", "institution_other": "IOM"},
    ).registration
    assert waiting.status == "waiting"

    confirmation = next(m for m in mail.outbox if m.to == ["jan.nowicki@example.org"])
    assert event.title in confirmation.subject or event.title in confirmation.body
    manage_url = _link_in(confirmation, r"https?://\S+/events/registration/[^/\s]+/")
    mail.outbox.clear()

    page.goto(_path(manage_url))
    expect_heading(page, "Your registration")
    assert "Jan Nowicki" in page.locator("main").inner_text()
    page.get_by_role("link", name="Cancel my registration").click()
    expect_heading(page, "Cancel your registration?")
    assert Registration.objects.get(email="jan.nowicki@example.org").status == "confirmed"
    page.get_by_role("button", name="Yes, cancel my registration").click()
    expect(page.locator(".badge").first).to_have_text("Cancelled")

    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert Registration.objects.get(email="jan.nowicki@example.org").status == "cancelled"
    promoted = [m for m in mail.outbox if m.to == ["olga.kowal@example.org"]]
    assert len(promoted) == 1, [m.subject for m in mail.outbox]
    # The promoted person's own link shows her seat.
    page.goto(_path(_link_in(promoted[0], r"https?://\S+/events/registration/[^/\s]+/")))
    assert page.locator(".badge").first.inner_text() == "Confirmed"


def expect_heading(page, name):
    assert page.get_by_role("heading", level=1).inner_text() == name


def test_calendar_links_and_keyboard_only_registration(page, demo_site, axe):
    # Events index: subscribe to the whole feed.
    page.goto("/events/")
    page.get_by_text("Subscribe in your calendar").click()
    webcal = page.get_by_role("link", name="Subscribe (Outlook, Apple Calendar)")
    assert webcal.get_attribute("href").startswith("webcal://")
    feed = page.get_by_role("link", name=re.compile(r"Feed address \(\.ics\)"))
    response = page.request.get(feed.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in response.text()

    # The subscription is the same feed, on the portal's public address
    # (WAGTAILADMIN_BASE_URL), not the host this browser happens to use.
    assert re.sub(r"^webcal://", "", webcal.get_attribute("href")) == re.sub(
        r"^https?://", "", public_address.absolute(feed.get_attribute("href"))
    )

    # Event page: add one event to a calendar.
    webinar = EventPage.objects.get(slug="webinar-online-recruitment", locale__language_code="en")
    page.goto("/events/webinar-online-recruitment/")
    page.get_by_text("Add to calendar").click()
    ics = page.get_by_role("link", name=re.compile(r"Calendar file \(\.ics\)"))
    assert ics.is_visible()
    response = page.request.get(ics.get_attribute("href"))
    assert response.headers["content-type"].startswith("text/calendar")
    unfolded = response.text().replace("\r\n ", "").replace("\\,", ",")
    assert f"SUMMARY:{webinar.title}" in unfolded
    google = page.get_by_role("link", name=re.compile("Google Calendar"))
    assert google.get_attribute("href").startswith("https://calendar.google.com/")

    # Registration with the keyboard alone: Tab to each field, type, Space, Enter.
    page.goto("/events/webinar-online-recruitment/register/")
    # From the top of the page: the skip link first, then on into the form.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    filled = {}
    values = {
        "Full name": "Maria Klawiatura",
        "Email": "maria.klawiatura@example.org",
        # The name exactly as the directory has it: the form links the registration to it.
        "Institution": Institution.objects.get(slug="la-strada").name,
    }
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                const label = el.labels && el.labels[0] ? el.labels[0].innerText.trim() : "";
                return {tag: el.tagName, type: el.type || "", label: label, text: el.innerText || ""};
            }"""
        )
        label = info["label"].rstrip(" *").replace("(required)", "").strip()
        for wanted, value in values.items():
            if label.startswith(wanted) and wanted not in filled:
                page.keyboard.type(value)
                page.keyboard.press("Escape")  # close the institution suggestions, if any
                filled[wanted] = True
        if info["type"] == "checkbox" and "processing of my personal data" in info["label"]:
            page.keyboard.press("Space")
            filled["consent"] = True
        if info["tag"] == "BUTTON" and info["text"].strip() == "Register":
            break
    assert set(filled) == {*values, "consent"}, filled
    assert page.get_by_label("I agree to the processing of my personal data").is_checked()
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/registration/**")
    expect_heading(page, "Your registration")
    assert page.locator(".badge").first.inner_text() == "Confirmed"
    # The online event's join link is on the confirmation; the typed
    # institution was matched to the directory's record.
    assert "meet.example.org" in page.locator("main").inner_text()
    assert axe(page) == []
    registration = Registration.objects.get(email="maria.klawiatura@example.org")
    assert registration.institution.slug == "la-strada"


def test_sign_up_verify_log_in_and_reach_my_account(page, demo_site):
    mail.outbox.clear()
    page.goto("/")
    page.get_by_role("link", name=re.compile(r"^sign up$", re.I)).first.click()
    page.get_by_label("First name").fill("Anna")
    page.get_by_label("Last name").fill("Nowa")
    page.get_by_label("Email").fill("anna.nowa@example.org")
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("a-long-Passphrase-2026")
    page.get_by_label(re.compile(r"Password \(again\)|Confirm password|Repeat password")).fill(
        "a-long-Passphrase-2026"
    )
    page.get_by_role("button", name=re.compile(r"^sign up$", re.I)).click()
    page.wait_for_load_state()
    assert "verif" in page.locator("main").inner_text().lower()

    message = next(m for m in mail.outbox if m.to == ["anna.nowa@example.org"])
    confirm_url = _link_in(message, r"https?://\S+/accounts/confirm-email/\S+/")
    page.goto(_path(confirm_url))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    # Log out and back in, as one would on another day.
    page.context.clear_cookies()
    _log_in(page, "anna.nowa@example.org", "a-long-Passphrase-2026")
    page.get_by_role("link", name="My account").first.click()
    page.wait_for_url("**/account/")
    expect_heading(page, "My account")
    assert "anna.nowa@example.org" in page.locator("main").inner_text()


def test_check_in_an_attendee_on_a_phone(browser, live_server, demo_site):
    event = EventPage.objects.get(slug=WORKSHOP, locale__language_code="en")
    attendee = Registration.objects.filter(event=event, status="confirmed").order_by("pk").first()
    assert attendee.attended_at is None
    # The morning of the workshop: check-in opens only the day before an event.
    now = timezone.now()
    EventPage.objects.filter(pk=event.pk).update(
        start=now - datetime.timedelta(hours=1), end=now + datetime.timedelta(hours=5)
    )

    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        _log_in(page, "organiser@example.org")
        page.goto(f"/events/{event.pk}/check-in/")
        surname = attendee.name.split()[-1]
        page.get_by_label("Find an attendee").fill(surname)
        page.get_by_role("main").get_by_role("button", name="Search").tap()
        page.wait_for_url("**?q=*")
        page.get_by_role("button", name=f"Check in {attendee.name}").tap()
        expect(
            page.get_by_role("button", name=f"Undo check-in of {attendee.name}").first
        ).to_be_visible()
        expect(page.locator(".messages")).to_contain_text("checked in")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        context.close()
    attendee.refresh_from_db()
    assert attendee.attended_at is not None


def _footer_action(page, name):
    """Click an action in the Wagtail editor's footer: the main button, or
    one hidden behind the "More actions" toggle."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    button.click()
    page.wait_for_load_state()


def test_editor_submits_a_study_visit_and_a_moderator_publishes_it(browser, live_server, demo_site):
    index = StudyVisitIndexPage.objects.get(locale__language_code="en")
    title = "Study visit to Romania's National Agency against Trafficking"

    editor_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = editor_context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, "editor@example.org")
        page.goto(f"/admin/pages/{index.pk}/")
        page.get_by_role("link", name=re.compile(r"Add child page")).first.click()
        page.wait_for_load_state()
        if "add_subpage" in page.url:  # more than one page type may be added here
            page.get_by_role("link", name=re.compile(r"^Study visit$", re.I)).click()
        page.wait_for_url("**/add/resources/studyvisitpage/**")
        page.get_by_role("textbox", name=re.compile(r"^Title")).first.fill(title)
        page.get_by_role("textbox", name="Summary").fill(
            "Four officers learnt how Romania refers victims."
        )
        page.get_by_role("combobox", name="Host country").select_option("RO")
        page.get_by_role("textbox", name="First day").fill("2026-03-02")
        page.get_by_role("textbox", name="Last day").fill("2026-03-04")
        page.keyboard.press("Escape")
        _footer_action(page, re.compile(r"^Submit to "))
        assert page.get_by_text("submitted for moderation").first.is_visible() or (
            "submitted" in page.content()
        )
    finally:
        editor_context.close()

    visit = StudyVisitPage.objects.get(title=title)
    assert not visit.live
    assert visit.current_workflow_state is not None

    moderator_context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = moderator_context.new_page()
    page.set_default_timeout(15_000)
    try:
        _log_in(page, "moderator@example.org")
        page.goto(f"/admin/pages/{visit.pk}/edit/")
        _footer_action(page, re.compile(r"^Approve and Publish$", re.I))
    finally:
        moderator_context.close()

    visit.refresh_from_db()
    assert visit.live

    public = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = public.new_page()
    try:
        response = page.goto(_path(visit.full_url))
        assert response.status == 200
        expect_heading(page, title)
        assert "Romania" in page.locator("main").inner_text()
    finally:
        public.close()
