import pytest
from bs4 import BeautifulSoup

from tests.factories import StandardPageFactory


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.find("nav", class_="language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


@pytest.fixture
def translated_page(home_page, locales):
    polish_home = home_page.copy_for_translation(locales["pl"])
    polish_home.save_revision().publish()
    page = StandardPageFactory(parent=home_page, slug="about", title="About")
    polish = page.copy_for_translation(locales["pl"])
    polish.title = "O portalu"
    polish.slug = "o-portalu"
    polish.save_revision().publish()
    return page


@pytest.mark.django_db
def test_switcher_keeps_you_on_the_translation(client, translated_page):
    response = client.get("/about/")
    assert switcher_links(response) == {"en": "/about/", "pl": "/pl/o-portalu/"}
    response = client.get("/pl/o-portalu/")
    assert response.status_code == 200
    assert '<html lang="pl">' in response.content.decode()
    assert switcher_links(response) == {"en": "/about/", "pl": "/pl/o-portalu/"}


@pytest.mark.django_db
def test_switcher_says_when_there_is_no_translation(client, translated_page, home_page):
    """Not the Polish home page without a word: a notice that offers the page
    (tests/portal/test_language_switch.py follows the link)."""
    untranslated = StandardPageFactory(parent=home_page, slug="only-english")
    response = client.get(untranslated.url)
    assert switcher_links(response)["pl"] == f"/pl/not-translated/{untranslated.pk}/"


@pytest.mark.django_db
def test_switcher_on_a_view_keeps_the_route(client, home_page):
    response = client.get("/search/?q=x")
    assert switcher_links(response)["pl"].startswith("/pl/search/")
    response = client.get("/pl/search/")
    assert "Szukaj" in response.content.decode()
