"""The language switcher is honest: on a page without a live Polish version
it says so, and the page it leads to offers the original."""

import re

import pytest

from tests.portal.test_localize import publish_about_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish_home(home_page, locales):
    home = home_page.copy_for_translation(locales["pl"])
    home.save_revision().publish()
    return home


def _polish_link(html):
    return re.search(
        r'<a href="([^"]+)" hreflang="pl"[^>]*>([^<]*(?:<span[^>]*>[^<]*</span>)?)', html
    )


def test_switcher_on_an_untranslated_page_says_so(client, home_page, polish_home):
    about = publish_about_page(home_page)
    html = client.get(about.url).content.decode()
    link = _polish_link(html)
    assert link.group(1) == f"/pl/not-translated/{about.pk}/"
    assert "brak tłumaczenia" in link.group(2)

    notice = client.get(link.group(1))
    assert notice.status_code == 200
    text = notice.content.decode()
    assert '<html lang="pl"' in text
    assert "Ta strona nie jest jeszcze dostępna w Twoim języku" in text
    assert f'href="{about.url}"' in text
    assert '<span lang="en">About the network</span>' in text
    assert 'name="robots" content="noindex"' in text


def test_switcher_on_a_translated_page_leads_to_the_translation(
    client, home_page, polish_home, locales
):
    about = publish_about_page(home_page)
    polish = about.copy_for_translation(locales["pl"])
    polish.save_revision().publish()
    link = _polish_link(client.get(about.url).content.decode())
    assert link.group(1) == polish.url
    assert "brak tłumaczenia" not in link.group(2)
    # Someone holding an old link is sent on to the translation.
    response = client.get(f"/pl/not-translated/{about.pk}/")
    assert response.status_code == 302
    assert response["Location"] == polish.url


def test_a_draft_translation_still_counts_as_missing(client, home_page, polish_home, locales):
    about = publish_about_page(home_page)
    about.copy_for_translation(locales["pl"]).save_revision()  # not published
    link = _polish_link(client.get(about.url).content.decode())
    assert link.group(1) == f"/pl/not-translated/{about.pk}/"


def test_the_notice_reveals_no_unpublished_page(client, home_page, polish_home):
    about = publish_about_page(home_page)
    about.unpublish()
    assert client.get(f"/pl/not-translated/{about.pk}/").status_code == 404
    assert client.get("/pl/not-translated/99999999/").status_code == 404
    assert client.get("/pl/not-translated/abc/").status_code == 404
