"""The demo is the first thing every user sees: following its links, as a
visitor and as a member, in English and in Polish, never ends on a missing
page or a server error."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# Enough to reach every page type and listing of the demo in both languages
# while keeping the test to about a minute.
MAX_PAGES = 450
SKIPPED_PREFIXES = ("/admin/", "/accounts/logout/", "/static/", "/django-admin/")


class LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        followed = tag == "a" or (tag == "link" and attributes.get("rel") == "alternate")
        if followed and attributes.get("href"):
            self.links.append(attributes["href"])


def crawl(client, start_urls):
    seen = set(start_urls)
    queue = deque(start_urls)
    broken = []
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code == 404 or response.status_code >= 500:
            broken.append((url, response.status_code))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = LinkParser()
        parser.feed(response.content.decode())
        for href in parser.links:
            target, _ = urldefrag(urljoin(url, href))
            parts = urlsplit(target)
            if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path.startswith(SKIPPED_PREFIXES) or path in seen:
                continue
            seen.add(path)
            queue.append(path)
    return visited, broken


@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_every_link_of_the_demo_leads_somewhere(demo, visitor):
    client = Client()
    if visitor == "member":
        response = client.post(
            "/accounts/login/",
            {"login": "member@example.org", "password": "demo-password-2026"},
        )
        assert response.status_code == 302
    visited, broken = crawl(client, ["/", "/pl/"])
    assert visited > 150, "the crawl should reach the whole demo"
    assert broken == []
