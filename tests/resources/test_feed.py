import datetime
import xml.etree.ElementTree as ET

import pytest
from wagtail.models import PageViewRestriction

from tests.resources.factories import MaterialPageFactory, StudyVisitPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_new_public_materials_and_visits(client, materials_index, visits_index):
    MaterialPageFactory(parent=materials_index, title="Public guideline", slug="guide")
    MaterialPageFactory(parent=materials_index, title="Secret manual", visibility="members")
    StudyVisitPageFactory(parent=visits_index, title="Visit to Sofia", slug="sofia")
    response = client.get("/resources/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 (our own response)
    entries = {
        entry.find(f"{ATOM}title").text: entry.find(f"{ATOM}link").get("href")
        for entry in feed.findall(f"{ATOM}entry")
    }
    assert set(entries) == {"Public guideline", "Visit to Sofia"}
    assert entries["Public guideline"].endswith("/resources/guide/")
    assert entries["Visit to Sofia"].endswith("/study-visits/sofia/")


def test_feed_excludes_drafts_and_restricted_pages(client, materials_index):
    MaterialPageFactory(parent=materials_index, title="Draft", live=False)
    hidden = MaterialPageFactory(parent=materials_index, title="Password protected")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="x")
    body = client.get("/resources/feed.atom").content.decode()
    assert "Draft" not in body
    assert "Password protected" not in body


def test_indexes_advertise_the_feed(client, materials_index, visits_index):
    for url in ("/resources/", "/study-visits/"):
        html = client.get(url).content.decode()
        assert (
            '<link rel="alternate" type="application/atom+xml" href="/resources/feed.atom"' in html
        )


def test_feed_newest_first(client, materials_index):
    old = MaterialPageFactory(parent=materials_index, title="Older")
    old.first_published_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    old.save()
    MaterialPageFactory(parent=materials_index, title="Newer").save_revision().publish()
    feed = ET.fromstring(client.get("/resources/feed.atom").content)  # noqa: S314 (our own response)
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == ["Newer", "Older"]
