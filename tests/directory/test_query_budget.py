"""The directory's pages within the query budget: at most 15 SQL queries for
an anonymous visitor (the page cache off: a first render), a member, an
organiser and an editor, and the same number with many more institutions,
people and links."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from directory import cache as directory_cache
from directory import search
from directory.choices import Visibility
from directory.models import ContactPerson, DirectoryIndexPage, Institution
from portal.models import Language
from tests.factories import TopicFactory

pytestmark = pytest.mark.database

BUDGET = 15
# Of those, what the directory itself may spend; the rest is every page's
# shared work (session, user, site, settings, permissions, locales).
PAGE_BUDGET = 10
SHARED_TABLES = (
    "django_session",
    "portal_user",
    "wagtailcore_site",
    "portal_sitesettings",
    "auth_permission",
    "wagtailusers_userprofile",
    "wagtailcore_locale",
)
TOPIC = "labour-exploitation"

URLS = [
    "/directory/",
    "/directory/?q=lublin",
    "/directory/?q=centre&kind=ngo&sort=verified",
    "/directory/?region=lubelskie&focal=on",
    f"/directory/?language=uk&topic={TOPIC}",
    "/directory/?q=nowak&hotline=on",
    "/directory/?page=2",
    "/pl/directory/?q=lublin",
    "/directory/unit-00001/",
    "/directory/parent-hq/",
    "/pl/directory/unit-00002/",
    "/help/",
    "/pl/help/",
    "/help/uk/",
]


def grow(start, count, topic):
    """`count` more institutions under one parent, each with a language, a
    competence, three people (a members-only focal point, two public ones
    with languages), some with a hotline or a help desk."""
    parent, _created = Institution.objects.get_or_create(
        slug="parent-hq", defaults={"name": "Parent Headquarters", "kind": "police"}
    )
    institutions = Institution.objects.bulk_create(
        [
            Institution(
                name=f"Unit {number:05d} Lublin Centre",
                slug=f"unit-{number:05d}",
                kind="ngo" if number % 2 else "police",
                region="lubelskie" if number % 3 else "pomorskie",
                city="Lublin",
                parent=parent,
                phone=f"+48 81 000 {number:05d}",
                phone_visibility=Visibility.MEMBERS if number % 4 else Visibility.PUBLIC,
                help_days="weekdays" if number % 7 == 0 else "",
                hotline="+48 800 000 000" if number % 5 == 0 else "",
            )
            for number in range(start, start + count)
        ]
    )
    Institution.languages.through.objects.bulk_create(
        [Institution.languages.through(institution_id=i.pk, language_id="uk") for i in institutions]
    )
    Institution.competences.through.objects.bulk_create(
        [
            Institution.competences.through(institution_id=i.pk, topic_id=topic.pk)
            for i in institutions
        ]
    )
    people = ContactPerson.objects.bulk_create(
        [
            ContactPerson(
                institution=institution,
                name=f"Person {index} Nowak",
                email=f"p{institution.pk}.{index}@example.org",
                is_focal_point=index < 2,
                visibility=Visibility.PUBLIC if index else Visibility.MEMBERS,
            )
            for institution in institutions
            for index in range(3)
        ]
    )
    ContactPerson.languages.through.objects.bulk_create(
        [ContactPerson.languages.through(contactperson_id=p.pk, language_id="pl") for p in people]
    )
    ContactPerson.topics.through.objects.bulk_create(
        [ContactPerson.topics.through(contactperson_id=p.pk, topic_id=topic.pk) for p in people]
    )
    search.refresh()
    # bulk_create sends no signals: say that the data changed.
    directory_cache.bump()


@pytest.fixture
def clients(home_page, approved_member, organiser, editor):
    clients = {"anonymous": Client()}
    for role, user in (("member", approved_member), ("organiser", organiser), ("editor", editor)):
        client = Client()
        client.force_login(user)
        clients[role] = client
    return clients


def shared(sql):
    table = sql.split(" FROM ", 1)[-1].split()[0].strip('"')
    return table in SHARED_TABLES


def count(client, url):
    """Queries of a request repeated (low-level caches warm, as on a running
    server; the anonymous page cache is off): (all, the directory's own)."""
    for _warm in range(2):
        # Twice: the first request of a fresh database creates settings rows.
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    sqls = [query["sql"] for query in queries.captured_queries]
    return len(sqls), len([sql for sql in sqls if not shared(sql)])


@pytest.fixture
def directory_data(home_page):
    for code in ("uk", "pl"):
        Language.objects.get_or_create(code=code)
    home_page.add_child(
        instance=DirectoryIndexPage(title="Directory", slug="directory", introduction="Find.")
    )
    topic = TopicFactory(slug=TOPIC, name="Labour exploitation", locale=home_page.locale)
    grow(0, 30, topic)
    return topic


@pytest.mark.parametrize("role", ["anonymous", "member", "organiser", "editor"])
def test_directory_pages_within_budget_whatever_the_data_size(
    settings, clients, directory_data, role
):
    settings.PORTAL_PAGE_CACHE = False
    client = clients[role]
    person = ContactPerson.objects.filter(visibility=Visibility.PUBLIC).order_by("pk").first()
    urls = [*URLS, f"/directory/contacts/{person.pk}/", f"/pl/directory/contacts/{person.pk}/"]
    small = {url: count(client, url) for url in urls}
    budget = BUDGET
    over = {url: n for url, n in small.items() if n[0] > budget or n[1] > PAGE_BUDGET}
    assert not over, f"{role}: over {budget} queries or {PAGE_BUDGET} of its own: {over}"

    grow(30, 40, directory_data)
    assert Institution.objects.count() > 70
    large = {url: count(client, url) for url in urls}
    assert large == small, role
