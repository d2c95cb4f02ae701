"""Both indexes (and the feed and home page) run a number of queries that does
not grow with the data: measured at 20 and 2,000 items."""

import datetime

import pytest

from portal.page_cache import bump
from resources.models import MaterialFile, MaterialPage, StudyVisitPage
from tests.factories import TopicFactory
from tests.resources.bulk import bulk_child_pages
from tests.resources.factories import DocumentFactory, InstitutionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def populate(materials_index, visits_index, locales):
    topic = TopicFactory(slug="labour-exploitation")
    institution = InstitutionFactory(slug="gip")
    documents = [DocumentFactory() for _ in range(3)]

    def populate(count):
        materials_index.refresh_from_db()
        visits_index.refresh_from_db()
        material_ids = bulk_child_pages(
            materials_index,
            MaterialPage,
            count,
            lambda i: {
                "introduction": f"Summary {i}",
                "material_type": ["guideline", "report", "leaflet"][i % 3],
                "description": "",
                "audience": "everyone",
                "publisher_id": institution.pk,
                "publication_date": datetime.date(2020 + i % 6, 1 + i % 12, 1),
                "external_url": "",
                "visibility": "members" if i % 4 == 0 else "public",
            },
        )
        MaterialFile.objects.bulk_create(
            MaterialFile(
                page_id=pk, document=documents[i % 3], language_id=["en", "pl"][i % 2], sort_order=0
            )
            for i, pk in enumerate(material_ids)
        )
        MaterialPage.topics.through.objects.bulk_create(
            MaterialPage.topics.through(materialpage_id=pk, topic=topic) for pk in material_ids
        )
        visit_ids = bulk_child_pages(
            visits_index,
            StudyVisitPage,
            count,
            lambda i: {
                "introduction": f"Visit {i}",
                "host_country": ["BG", "LT", "DE"][i % 3],
                "start_date": datetime.date(2020 + i % 6, 4, 1),
                "end_date": datetime.date(2020 + i % 6, 4, 3),
                "objectives": "",
                "body": "[]",
                "related_event_id": None,
            },
        )
        StudyVisitPage.host_institutions.through.objects.bulk_create(
            StudyVisitPage.host_institutions.through(studyvisitpage_id=pk, institution=institution)
            for pk in visit_ids
        )
        StudyVisitPage.topics.through.objects.bulk_create(
            StudyVisitPage.topics.through(studyvisitpage_id=pk, topic=topic) for pk in visit_ids
        )
        # Bulk inserts send no signals: say that content changed, as saving does.
        bump()

    return populate


URLS = [
    "/resources/",
    "/resources/?type=report&topic=labour-exploitation&language=pl&institution=gip&year=2023&q=Summary&sort=downloads",
    "/study-visits/",
    "/study-visits/?country=BG&year=2020&topic=labour-exploitation",
    "/resources/feed.atom",
    "/",
    "/topics/labour-exploitation/",
]
MAX_QUERIES = 35


def measure(client, django_assert_max_num_queries):
    counts = {}
    # The first request of a test creates the site settings: a content change
    # that makes what the requests before it kept in the cache unreachable.
    client.get("/")
    for url in URLS:
        client.get(url)  # warm per-process caches (site root paths, content types)
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


@pytest.mark.parametrize("as_member", [False, True])
def test_query_count_does_not_grow(
    client, populate, django_assert_max_num_queries, approved_member, as_member, settings
):
    # The cost of rendering at two sizes, not of a page-cache hit.
    settings.PORTAL_PAGE_CACHE = False
    if as_member:
        client.force_login(approved_member)
    populate(20)
    small = measure(client, django_assert_max_num_queries)
    populate(1980)
    large = measure(client, django_assert_max_num_queries)
    assert large == small
    html = client.get("/resources/").content.decode()
    assert "Page 1 of 75" in html or "Page 1 of 100" in html
