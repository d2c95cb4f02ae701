import re

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.database


@pytest.mark.django_db
def test_search_finds_pages(client, home_page):
    StandardPageFactory(parent=home_page, slug="shelters", title="Shelters for victims")
    response = client.get("/search/", {"q": "shelters"})
    assert response.status_code == 200
    assert "Shelters for victims" in response.content.decode()


@pytest.mark.django_db
def test_search_respects_page_privacy(client, home_page, member):
    secret = StandardPageFactory(parent=home_page, slug="internal", title="Internal shelter roster")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    StandardPageFactory(parent=home_page, slug="public", title="Public shelter list")

    html = client.get("/search/", {"q": "shelter"}).content.decode()
    assert "Public shelter list" in html
    assert "Internal shelter roster" not in html

    client.force_login(member)
    html = client.get("/search/", {"q": "shelter"}).content.decode()
    assert "Internal shelter roster" in html


@pytest.mark.django_db
def test_search_is_paginated(client, home_page):
    for number in range(23):
        StandardPageFactory(
            parent=home_page, slug=f"guide-{number}", title=f"Referral guide {number}"
        )
    first = client.get("/search/", {"q": "referral"}).content.decode()
    assert "23 results" in first
    assert len(re.findall(r"<li>\s*<h2>", first)) == 10
    third = client.get("/search/", {"q": "referral", "page": 3}).content.decode()
    assert len(re.findall(r"<li>\s*<h2>", third)) == 3
    # Out of range or nonsense page numbers land on a real page, never a 500.
    assert client.get("/search/", {"q": "referral", "page": 99}).status_code == 200
    assert client.get("/search/", {"q": "referral", "page": "abc"}).status_code == 200


@pytest.mark.django_db
def test_search_refuses_overlong_query(client, home_page):
    response = client.get("/search/", {"q": "x" * 500})
    assert response.status_code == 400
    assert "too long" in response.content.decode()
