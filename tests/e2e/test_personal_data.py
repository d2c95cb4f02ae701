"""Deleting one's account with the keyboard only, on a narrow screen (GDPR art. 17)."""

import re

import pytest
from playwright.sync_api import expect

from portal.models import User
from tests.e2e.conftest import format_violations
from tests.e2e.test_journeys import _log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_download_data_then_delete_the_account_with_the_keyboard(page, home_page, axe):
    UserFactory(email="leaver@example.org")
    _log_in(page, "leaver@example.org", DEFAULT_PASSWORD)
    page.goto("/account/")
    download_link = page.get_by_role("link", name="Download my data (JSON)")
    with page.expect_download() as download:
        download_link.click()
    assert re.fullmatch(r"my-data-\d{4}-\d{2}-\d{2}\.json", download.value.suggested_filename)

    page.set_viewport_size({"width": 320, "height": 800})
    page.get_by_role("link", name="Delete my account").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/delete/")
    assert axe(page) == [], format_violations(axe(page))
    assert page.evaluate(OVERFLOW) <= 0

    page.get_by_label("Current password").fill("wrong password")
    page.keyboard.press("Enter")
    expect(page.get_by_text("The password is not correct.")).to_be_visible()
    assert User.objects.filter(email="leaver@example.org").exists()

    page.get_by_label("Current password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Delete my account permanently").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(
        page.get_by_text("Your account and your personal data have been deleted.")
    ).to_be_visible()
    assert not User.objects.filter(email="leaver@example.org").exists()
