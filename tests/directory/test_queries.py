"""The list and detail pages run a number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import cache as directory_cache
from directory import search
from directory.choices import Visibility
from directory.models import ContactPerson, Institution

pytestmark = pytest.mark.database


def build(start, count):
    parent, _created = Institution.objects.get_or_create(
        slug="parent-hq", defaults={"name": "Parent Headquarters", "kind": "police"}
    )
    institutions = Institution.objects.bulk_create(
        [
            Institution(
                name=f"Office {number:05d} Lublin",
                slug=f"office-{number:05d}",
                kind="ngo" if number % 2 else "police",
                region="lubelskie" if number % 3 else "pomorskie",
                city="Lublin",
                parent=parent,
                hotline="+48 800 000 000" if number % 5 == 0 else "",
            )
            for number in range(start, start + count)
        ]
    )
    Institution.languages.through.objects.bulk_create(
        [Institution.languages.through(institution_id=i.pk, language_id="uk") for i in institutions]
    )
    ContactPerson.objects.bulk_create(
        [
            ContactPerson(
                institution=institution,
                name=f"Person {index} Nowak",
                email=f"p{institution.pk}.{index}@example.org",
                is_focal_point=index == 0,
                visibility=Visibility.PUBLIC if index else Visibility.MEMBERS,
            )
            for institution in institutions
            for index in range(3)
        ]
    )
    search.refresh()
    # bulk_create sends no signals: say that the data changed.
    directory_cache.bump()


URLS = [
    "/directory/",
    "/directory/?q=lublin&kind=ngo&language=uk&focal=on&region=lubelskie",
    "/directory/?q=nowak&hotline=on&sort=verified&page=1",
    "/directory/parent-hq/",
    "/directory/office-00003/",
    "/directory/api/hsds/organizations?full=true",
    "/directory/api/hsds/services",
]


def measure(client, url):
    client.get(url)  # warm caches (site root, locales)
    directory_cache.bump()  # …but count the filter-count queries too
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_query_count_does_not_grow(
    client, home_page, approved_member, django_assert_max_num_queries, viewer
):
    if viewer == "member":
        client.force_login(approved_member)
    build(0, 50)
    small = {url: measure(client, url) for url in URLS}
    build(50, 1950)
    assert Institution.objects.count() > 2000
    for url in URLS:
        directory_cache.bump()
        with django_assert_max_num_queries(small[url]):
            client.get(url)
    assert max(small.values()) <= 45
