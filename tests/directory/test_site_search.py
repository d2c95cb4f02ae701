"""The site search shows matching institutions above the pages, with the
same privacy rule as the directory's own search."""

import pytest

from tests.directory.factories import InstitutionFactory
from tests.directory.test_privacy import directory_data  # noqa: F401 - a fixture

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def directory_section(response):
    assert response.status_code == 200
    body = response.content.decode()
    if "In the directory" not in body and "W katalogu" not in body:
        return None
    return body[body.index('id="search-directory-heading"') : body.index("</section>")]


def test_an_institution_is_found_by_name_and_city(client, home_page):
    InstitutionFactory(name="Border Guard Post in Chełm", slug="bg-chelm", city="Chełm")
    InstitutionFactory(name="Labour Inspectorate Lublin", slug="oip-lublin", city="Lublin")

    section = directory_section(client.get("/search/", {"q": "chelm"}))
    assert section is not None
    assert 'href="/directory/bg-chelm/"' in section
    assert "Labour Inspectorate" not in section

    # Polish page, Polish heading, same institution.
    section = directory_section(client.get("/pl/search/", {"q": "Chełm"}))
    assert 'href="/pl/directory/bg-chelm/"' in section


def test_nothing_found_anywhere_says_so(client, home_page):
    InstitutionFactory(name="Border Guard Post in Chełm", slug="bg-chelm")
    response = client.get("/search/", {"q": "Gdańsk"})
    assert directory_section(response) is None
    assert "Nothing was found" in response.content.decode()


def test_members_only_people_match_for_members_only(viewers, directory_data):  # noqa: F811
    for viewer in ("anonymous", "unverified"):
        response = viewers[viewer].get("/search/", {"q": "Secretive"})
        assert directory_section(response) is None, viewer
        assert "Privacy Test Office" not in response.content.decode()
    for viewer in ("member", "moderator"):
        section = directory_section(viewers[viewer].get("/search/", {"q": "Secretive"}))
        assert "Privacy Test Office" in section, viewer
    # A public person's name matches for everyone.
    section = directory_section(viewers["anonymous"].get("/search/", {"q": "Paula"}))
    assert "Privacy Test Office" in section


@pytest.mark.parametrize("count", [7, 70])
def test_many_matches_link_to_the_directory_and_cost_the_same(
    client, home_page, count, django_assert_max_num_queries, settings
):
    settings.PORTAL_PAGE_CACHE = False  # the cost of rendering, not of a cache hit
    for number in range(count):
        InstitutionFactory(name=f"Voivodship Office {number:02d}", slug=f"uw-{number}")
    with django_assert_max_num_queries(18):
        response = client.get("/search/", {"q": "voivodship office"})
    section = directory_section(response)
    assert section.count("<li>") == 5
    assert f"All {count} matching institutions in the directory" in section
    assert 'href="/directory/?q=voivodship+office"' in section
    # The directory's pages of results are not repeated on later search pages.
    assert directory_section(client.get("/search/", {"q": "voivodship office", "page": 2})) is None
