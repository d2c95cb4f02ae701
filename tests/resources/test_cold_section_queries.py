"""What the home page's sections and a study visit's report read from the
database once the cache is emptied (every publication amounts to that)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from directory.wagtail_hooks import _directory_url
from events import sections as event_sections
from portal.blocks import render_stream
from resources.models import MaterialIndexPage, StudyVisitIndexPage, StudyVisitPage
from resources.queries import index_urls
from tests.portal.test_query_budget import grow


def _reading(queries, table):
    return [q["sql"] for q in queries.captured_queries if f'"{table}"' in q["sql"]]


INDEX_TABLES = [
    "directory_directoryindexpage",
    "events_eventindexpage",
    "resources_materialindexpage",
    "resources_studyvisitindexpage",
]


def _finding_index_pages(queries):
    """Queries of index pages, by their own tables or by their page types
    (the addresses' own queries, of sites and their root pages, aside)."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if '"wagtailcore_page"."content_type_id" IN' in q["sql"]
        or any(f'"{table}"' in q["sql"] for table in INDEX_TABLES)
    ]


def test_the_index_pages_of_every_section_are_found_in_one_query(demo, rf):
    request = rf.get("/")
    with translation.override("en"):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            urls = [
                _directory_url(),
                event_sections.index_page().url,
                *index_urls(request, MaterialIndexPage, StudyVisitIndexPage),
            ]
        assert urls == ["/directory/", "/events/", "/resources/", "/study-visits/"]
        assert len(_finding_index_pages(queries)) == 1


def test_the_index_pages_are_those_of_the_active_language(demo, rf):
    with translation.override("pl"):
        cache.clear()
        polish = index_urls(rf.get("/pl/"), MaterialIndexPage, StudyVisitIndexPage)
    with translation.override("en"):
        english = index_urls(rf.get("/"), MaterialIndexPage, StudyVisitIndexPage)
    assert all(url.startswith("/pl/") for url in polish)
    assert english == ["/resources/", "/study-visits/"]


def _visit_with_images():
    for visit in StudyVisitPage.objects.live().order_by("pk"):
        types = {block["type"] for block in visit.body.raw_data}
        if {"image", "gallery"} <= types:
            return visit
    pytest.fail("The demo has no study visit with an image and a gallery")


def test_a_report_reads_all_its_images_and_renditions_in_one_query(demo):
    visit = _visit_with_images()
    expected = visit.body.render_as_block(context={"page": visit})
    # Rendered once above: the renditions exist, as on a running site.
    visit = StudyVisitPage.objects.get(pk=visit.pk)
    with CaptureQueriesContext(connection) as queries:
        html = render_stream(visit.body, {"page": visit})
    images = [
        sql
        for sql in (q["sql"] for q in queries.captured_queries)
        if '"portal_customimage"' in sql or '"portal_rendition"' in sql
    ]
    assert len(images) == 1, images
    assert html == expected


@pytest.mark.parametrize("more", [False, True])
def test_a_study_visit_reads_its_attachments_with_the_materials(demo, settings, more):
    settings.PORTAL_PAGE_CACHE = True
    if more:
        grow()
    visit = StudyVisitPage.objects.live().public().order_by("pk").first()
    assert visit.attached_materials.exists()
    client = Client()
    assert client.get(visit.url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(visit.url)
    assert response.status_code == 200
    attachments = _reading(queries, "resources_studyvisitmaterial")
    assert len(attachments) == 1
    assert '"resources_materialpage"' in attachments[0]
    assert len(queries.captured_queries) <= 18
