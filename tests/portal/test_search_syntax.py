"""Whatever a visitor types into the site search, the answer is a page of
results (perhaps empty), never a server error: the text is quoted for the
full-text engine, and control characters are dropped."""

import pytest
from django.db import connection
from django.test import Client

from portal import search_query
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    'x"y',
    '""',
    '"unclosed phrase',
    "a\x00b",
    "\x00",
    "$",
    ">",
    "<script>",
    "'",
    "it's",
    "\\",
    "a\\",
    "%",
    "_",
    "*",
    "a*",
    "^",
    "-",
    "NOT",
    "a AND",
    "OR b",
    "a NEAR b",
    "NEAR(a b)",
    "(a",
    "a)",
    "{title}: a",
    "title:shelters",
    "a:b:c",
    ":",
    "+",
    "a + b",
    "!",
    "&",
    "|",
    "a & b | !c",
    "':*",
    "\x1b[31mred",
    "\t\n\r",
    "\u202e",
    "\ufffd",
    "😀",
    "shelters' OR '1'='1",
    'shelters"; DROP TABLE wagtailcore_page; --',
]


@pytest.fixture
def shelter_page(home_page):
    return StandardPageFactory(
        parent=home_page, slug="shelters", title="Shelters for victims in Chełm"
    )


@pytest.fixture
def strict_client():
    """Raises what the view raises, so a failure shows the engine's error."""
    return Client(raise_request_exception=True)


@pytest.mark.parametrize("query", HOSTILE)
@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_hostile_search_text_never_fails(strict_client, shelter_page, locales, prefix, query):
    response = strict_client.get(f"{prefix}/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[-1]


def test_the_reported_inputs(strict_client, shelter_page):
    for url in ["/search/?q=%22", "/search/?q=a%00b", "/pl/search/?q=x%22y", "/search/?q=$"]:
        assert strict_client.get(url).status_code == 200, url
    assert strict_client.get("/search/?q=%3E").status_code == 200


def test_words_around_odd_characters_are_still_found(client, shelter_page):
    for query in ['shelters"', '"shelters"', "shelters\x00", "victims:", '"for victims"']:
        body = client.get("/search/", {"q": query}).content.decode()
        assert "Shelters for victims in Chełm" in body, query


def test_a_quoted_phrase_is_matched_as_a_phrase(client, shelter_page, home_page):
    StandardPageFactory(parent=home_page, slug="other", title="Victims of forced labour shelters")
    body = client.get("/search/", {"q": '"shelters for victims"'}).content.decode()
    assert "Shelters for victims in Chełm" in body
    assert "Victims of forced labour shelters" not in body


def test_control_characters_are_dropped_from_what_is_shown(client, shelter_page):
    response = client.get("/search/", {"q": "shel\x00ters\x1b"})
    assert response.context["search_query"] == "shelters"
    assert "Shelters for victims in Chełm" in response.content.decode()


def test_invalid_utf8_is_not_an_error(client, shelter_page):
    assert client.get("/search/?q=%ff%fe%ed%a0%80").status_code == 200


def test_only_what_cannot_be_processed_is_refused(client, shelter_page):
    response = client.get("/search/", {"q": '"' * 201})
    assert response.status_code == 400
    assert "too long" in response.content.decode()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  a\x00b \t c ", "ab c"), ("\x1b[31m", "[31m"), ("é\u0301", "é\u0301"), ("\ud800x", "x")],
)
def test_clean(text, expected):
    assert search_query.clean(text) == expected


@pytest.mark.postgres
@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_search_text_on_postgresql(strict_client, shelter_page, query):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's full-text syntax")
    assert strict_client.get("/search/", {"q": query}).status_code == 200
