import re

import pytest

from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/pl/",
    "/accounts/login/",
    "/accounts/signup/",
    "/search/?q=portal",
    "/topics/",
]


def test_public_pages_have_no_accessibility_violations(page, demo_site, axe):
    # One test for all pages: seeding the demo is the expensive part.
    problems = {}
    for path in PUBLIC_PAGES:
        page.goto(path)
        violations = axe(page)
        if violations:
            problems[path] = format_violations(violations)
    assert problems == {}


def test_keyboard_skip_link_and_language_switch(page, demo_site):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    page.goto("/about/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Polski").click()
    page.wait_for_url(re.compile(r"/pl/o-portalu/$"))
    assert page.locator("h1").inner_text() == "O portalu"
    page.get_by_role("navigation", name="Język").get_by_role("link", name="English").click()
    page.wait_for_url(re.compile(r"/about/$"))


@pytest.mark.parametrize("width", [320])
def test_no_horizontal_scrolling_on_a_phone(browser, live_server, demo_site, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    for path in ("/", "/about/", "/accounts/login/"):
        page.goto(path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
    context.close()
