"""Site-wide keyboard behaviour. Accessibility and reflow of every page type
are checked in test_accessibility.py."""

import re

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


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
