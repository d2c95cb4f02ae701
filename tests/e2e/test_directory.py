import re

import pytest
import vobject
from playwright.sync_api import expect

from directory.models import ContactPerson, Membership
from tests.e2e.conftest import format_violations
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DIRECTORY_PAGES = [
    "/directory/",
    "/directory/?q=lublin&kind=labour_inspectorate",
    "/directory/labour-inspectorate-lublin/",
    "/directory/border-guard-nadbuzanski/",
    "/pl/katalog/",
]


def test_directory_pages_are_accessible_and_fit_a_phone(browser, live_server, demo_site, axe):
    public_person = ContactPerson.objects.filter(visibility="public", is_active=True).first()
    pages = [*DIRECTORY_PAGES, public_person.get_absolute_url()]
    for width in (1280, 320):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        for path in pages:
            page.goto(path)
            if width == 1280:
                violations = axe(page)
                assert violations == [], f"{path}\n{format_violations(violations)}"
            else:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        context.close()


def test_filtering_gives_a_shareable_url(page, demo_site):
    page.goto("/directory/")
    page.get_by_label("Search", exact=True).fill("lublin")
    page.get_by_label("Kind").select_option("labour_inspectorate")
    page.get_by_role("button", name="Show results").click()
    # Fields left at "any" are not sent: the URL stays short enough to share.
    page.wait_for_url("**/directory/?q=lublin&kind=labour_inspectorate")
    assert page.get_by_role("heading", level=2, name="1 institution").is_visible()
    page.get_by_role("link", name="District Labour Inspectorate in Lublin").click()
    page.wait_for_url("**/directory/labour-inspectorate-lublin/")
    assert page.locator("h1").inner_text().startswith("District Labour Inspectorate in Lublin")


def log_in(page, email, password="demo-password-2026"):  # noqa: S107 (public demo account)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/account/")


def test_member_finds_a_counterpart_and_saves_their_vcard(page, demo_site):
    """ "The anti-trafficking focal point of the labour inspectorate in Lublin
    who speaks Ukrainian", found with the filters, saved to the address book."""
    log_in(page, "member@example.org")
    page.goto("/directory/")
    page.get_by_label("Search", exact=True).fill("lublin")
    page.get_by_label("Kind").select_option("labour_inspectorate")
    page.get_by_role("combobox", name="Language").select_option("uk")
    page.get_by_label("Focal points only").check()
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url("**/directory/?**focal=**")
    page.get_by_role("link", name="District Labour Inspectorate in Lublin").click()
    # A click only starts the navigation: wait for the institution's page to
    # load before counting what it shows (on a busy CI machine it had not).
    page.wait_for_url("**/directory/labour-inspectorate-lublin/")
    card_links = page.locator('a[type="text/vcard"][href*="/contacts/"]')
    expect(card_links.first).to_be_visible()
    response = page.request.get(card_links.first.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"].startswith("text/vcard")
    card = vobject.readOne(response.text())
    assert card.fn.value
    assert card.email.value.endswith("example.org")


def test_new_user_requests_membership_of_an_institution(page, demo_site):
    user = UserFactory(email="new.officer@example.org")
    log_in(page, user.email, DEFAULT_PASSWORD)
    page.goto("/directory/membership/")
    page.get_by_label("Find your institution").fill("Medyka")
    page.get_by_role("button", name="Search", exact=True).last.click()
    page.get_by_role("link", name=re.compile("Medyka")).first.click()
    page.get_by_role("button", name="Send request").click()
    membership = Membership.objects.get(user=user)
    assert membership.status == "requested"
    page.goto("/account/")
    assert "Medyka" in page.locator("main").inner_text()
