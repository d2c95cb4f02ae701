import re

import pytest
from django.template.loader import render_to_string
from django.test import TestCase
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, StandardPage
from tests.factories import StandardPageFactory


class PageCreationRulesTests(WagtailPageTestCase, TestCase):
    def test_home_page_only_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_under_home_and_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(Page, StandardPage)


@pytest.mark.django_db
def test_home_page_shows_hero_and_intro(client, home_page):
    home_page.intro = "<p>For officials and NGO staff.</p>"
    home_page.save_revision().publish()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="hero-title">Working together against human trafficking</h1>' in html
    assert "For officials and NGO staff." in html
    assert html.count("<h1") == 1


@pytest.mark.django_db
def test_standard_page_renders_every_block(client, home_page):
    page = StandardPageFactory(
        parent=home_page,
        slug="guide",
        title="Guide",
        body=[
            {"type": "heading", "value": {"text": "First contact", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Listen before you ask.</p>"},
            {
                "type": "quote",
                "value": {"text": "Trust is built slowly.", "attribution": "An officer"},
            },
            {
                "type": "table",
                "value": {
                    "caption": "Hotlines",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [["Service", "Phone"], ["National hotline", "+48 22 628 01 20"]],
                    },
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "title": "Need help?",
                    "text": "Call the hotline.",
                    "link": {"page": None, "url": "https://example.org/help", "title": ""},
                    "button_text": "Get help",
                },
            },
        ],
    )
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 class="block-heading">First contact</h2>' in html
    assert "Listen before you ask." in html
    assert "Trust is built slowly." in html
    assert "<figcaption>Hotlines</figcaption>" in html
    assert re.search(r"<td[^>]*>\s*National hotline\s*</td>", html)
    assert "first_row_is_table_header" not in html
    assert 'href="https://example.org/help"' in html
    # Breadcrumbs lead back home.
    assert 'aria-label="Breadcrumb"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("children", [1, 25])
def test_home_page_query_count_does_not_grow(
    client, home_page, children, django_assert_max_num_queries
):
    for number in range(children):
        StandardPageFactory(parent=home_page, slug=f"page-{number}", show_in_menus=True)
    client.get("/")  # warm caches (site root paths)
    with django_assert_max_num_queries(20):
        response = client.get("/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_not_found_page_uses_site_layout(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert 'class="site-header"' in html
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_server_error_page_is_self_contained(client, home_page):
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "http" not in html.replace('href="/', "")  # nothing from outside the site
