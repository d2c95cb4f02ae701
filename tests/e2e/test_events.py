"""Events in a real browser: accessibility, phones, and registering."""

import pytest

from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

EVENT_PAGES = [
    "/events/",
    "/events/?when=past",
    "/pl/wydarzenia/",
    "/events/workshop-labour-exploitation/",
    "/events/study-visit-sofia/",
    "/events/webinar-online-recruitment/register/",
    "/events/workshop-labour-exploitation/register/",
]


def test_event_pages_have_no_accessibility_violations(page, demo_site, axe):
    failures = {}
    for path in EVENT_PAGES:
        page.goto(path)
        violations = axe(page)
        if violations:
            failures[path] = format_violations(violations)
    assert failures == {}


def test_event_pages_fit_a_phone(browser, live_server, demo_site):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 320, "height": 800})
    page = context.new_page()
    for path in EVENT_PAGES:
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()


def test_register_for_a_webinar_and_cancel(page, demo_site, axe):
    from events.models import Registration

    page.goto("/events/webinar-online-recruitment/")
    page.get_by_role("link", name="Register").click()
    page.get_by_label("Full name").fill("Ewa Testowa")
    page.get_by_label("Email").fill("ewa.testowa@example.org")
    page.get_by_label("Institution").fill("La Strada Foundation against Trafficking")
    page.get_by_label("I agree to the processing of my personal data").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url("**/events/registration/**")
    assert "Confirmed" in page.content()
    assert "meet.example.org" in page.content()
    assert axe(page) == []
    registration = Registration.objects.get(email="ewa.testowa@example.org")
    assert registration.institution.slug == "la-strada"
    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    registration.refresh_from_db()
    assert registration.status == "cancelled"
