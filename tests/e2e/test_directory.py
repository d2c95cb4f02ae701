import pytest

from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

DIRECTORY_PAGES = [
    "/directory/",
    "/directory/?q=lublin&kind=labour_inspectorate",
    "/directory/labour-inspectorate-lublin/",
    "/directory/border-guard-nadbuzanski/",
    "/pl/katalog/",
]


def test_directory_pages_are_accessible_and_fit_a_phone(browser, live_server, demo_site, axe):
    from directory.models import ContactPerson

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
    assert page.locator("h1").inner_text().startswith("District Labour Inspectorate in Lublin")
