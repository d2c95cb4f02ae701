"""Every resources page within its query budget, for every kind of visitor,
and the same number of queries with the demo and with much more data.

Each page is requested once (the low-level caches fill), then counted on a
second request with the anonymous page cache off. A request's queries are
split in two:

- shared: what every page of the portal asks before and around its own work
  (the Site, the locales, the site settings, the session and the user, the
  permissions, Wagtail's view-restriction check, the user bar, routing from
  the home page, the language links and breadcrumbs of the base template);
- the page's own: everything else (its routing below its index page, its
  listing or content, the member check, what its template reads).

The page's own queries stay within PAGE_BUDGET; the total is the same at
both data sizes, and within TOTAL_BUDGET (the portal's limit).
"""

import datetime
import traceback
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from wagtail.documents import get_document_model

import resources
from directory.models import Institution
from portal.models import Topic
from portal.page_cache import bump
from resources.models import (
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    ScenarioPage,
    ScenarioStep,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
    SurveyPage,
    SurveyQuestion,
)
from tests.resources.bulk import bulk_child_pages
from tests.resources.scenarios.factories import choice

pytestmark = [pytest.mark.django_db, pytest.mark.database]

PAGE_BUDGET = 10
TOTAL_BUDGET = 15
ROLES = {
    "anonymous": None,
    "member": "member@example.org",
    "organiser": "organiser@example.org",
    "editor": "editor@example.org",
}
MATERIAL = "/resources/identification-guidelines/"
VISIT = "/study-visits/bulgaria-national-commission-2025/"
SCENARIO = "/scenarios/first-contact-border/"
SURVEY = "/surveys/migrants-knowledge-of-support/"
URLS = [
    "/resources/",
    "/resources/?topic=identification-of-victims",
    "/resources/?type=report",
    "/resources/?language=pl",
    "/resources/?q=guide",
    "/resources/?q=border&sort=downloads&page=1",
    "/pl/materialy/",
    MATERIAL,
    "/pl/materialy/identification-guidelines/",
    "/study-visits/",
    "/study-visits/?country=BG",
    "/pl/wizyty-studyjne/",
    VISIT,
    "/pl/wizyty-studyjne/bulgaria-national-commission-2025/",
    "/scenarios/",
    SCENARIO,
    "/pl/scenariusze/pierwszy-kontakt-na-granicy/",
    "/surveys/",
    SURVEY,
    "/pl/ankiety/co-wiesz-o-pomocy-dla-ofiar/",
]
SHARED_TABLES = (
    '"wagtailcore_site"',
    '"wagtailcore_locale"',
    '"portal_sitesettings"',
    '"django_session"',
    '"auth_permission"',
    '"wagtailcore_pageviewrestriction"',
    '"wagtailusers_userprofile"',
    '"wagtailcore_workflowstate"',
    '"wagtailcore_grouppagepermission"',
)
RESOURCES_APP = f"{Path(resources.__file__).parent}/"
SHARED_CALLERS = (
    "route_for_request",
    "get_view_restrictions",
    "language_links",
    "breadcrumbs",
    "localized_home_url",
    "wagtailuserbar",
)


def is_shared(sql, stack):
    if any(table in sql for table in SHARED_TABLES):
        return True
    if sql.startswith('SELECT "portal_user".') and '"portal_user"."id" =' in sql:
        return True
    in_resources = any(frame.filename.startswith(RESOURCES_APP) for frame in stack)
    return not in_resources and any(frame.name in SHARED_CALLERS for frame in stack)


class Counting:
    def __init__(self):
        self.counts = Counter()
        self.sql = []

    def __call__(self, execute, sql, params, many, context):
        kind = "shared" if is_shared(sql, traceback.extract_stack()) else "own"
        self.counts[kind] += 1
        self.sql.append((kind, sql))
        return execute(sql, params, many, context)


def client_for(role):
    client = Client()
    email = ROLES[role]
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    return client


def step_url(client):
    response = client.post(SCENARIO + "start/")
    assert response.status_code == 302
    return response["Location"]


def measure():
    """{(role, url): total queries}, checking each page's own budget."""
    totals = {}
    over = []
    for role in ROLES:
        client = client_for(role)
        client.get("/")  # the site settings are created by the first request
        urls = [*URLS, step_url(client), SCENARIO + "?again=1"]
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
            counting = Counting()
            with connection.execute_wrapper(counting):
                response = client.get(url)
            assert response.status_code == 200, (role, url)
            own, shared = counting.counts["own"], counting.counts["shared"]
            totals[(role, "a step of the scenario" if "/step/" in url else url)] = own + shared
            if own > PAGE_BUDGET or own + shared > TOTAL_BUDGET:
                over.append(
                    (
                        role,
                        url,
                        own,
                        shared,
                        [sql[:120] for kind, sql in counting.sql if kind == "own"],
                    )
                )
    for role, url, own, shared, sqls in over:
        print("OVER", role, url, own, shared)
        for sql in sqls:
            print("     ", sql)
    assert not over, over
    return totals


def grow():
    """Forty more of everything the pages list or show, with their relations."""
    Document = get_document_model()
    index = MaterialIndexPage.objects.get(locale__language_code="en")
    visits_index = StudyVisitIndexPage.objects.get(locale__language_code="en")
    institutions = list(Institution.objects.order_by("pk")[:3])
    topics = list(Topic.objects.filter(locale__language_code="en").order_by("pk")[:3])
    documents = list(Document.objects.order_by("pk")[:3])
    material_ids = bulk_child_pages(
        index,
        MaterialPage,
        40,
        lambda i: {
            "introduction": f"A guide about the border {i}",
            "material_type": ["guideline", "report", "leaflet"][i % 3],
            "description": "",
            "audience": "everyone",
            "publisher_id": institutions[i % 3].pk,
            "publication_date": datetime.date(2015 + i % 10, 1 + i % 12, 1),
            "external_url": "",
            "visibility": "members" if i % 4 == 0 else "public",
            "image_id": None,
        },
    )
    MaterialFile.objects.bulk_create(
        MaterialFile(page_id=pk, document=documents[i % 3], language_id=["en", "pl"][i % 2])
        for i, pk in enumerate(material_ids)
    )
    through = MaterialPage.topics.through
    through.objects.bulk_create(
        through(materialpage_id=pk, topic=topics[i % 3]) for i, pk in enumerate(material_ids)
    )
    visit_ids = bulk_child_pages(
        visits_index,
        StudyVisitPage,
        40,
        lambda i: {
            "introduction": f"Visit {i}",
            "host_country": ["BG", "LT", "DE"][i % 3],
            "start_date": datetime.date(2015 + i % 10, 4, 1),
            "end_date": datetime.date(2015 + i % 10, 4, 3),
            "objectives": "",
            "body": "[]",
            "related_event_id": None,
        },
    )
    for relation in (StudyVisitPage.host_institutions, StudyVisitPage.participating_institutions):
        relation.through.objects.bulk_create(
            relation.through(studyvisitpage_id=pk, institution=institutions[i % 3])
            for i, pk in enumerate(visit_ids)
        )
    StudyVisitPage.topics.through.objects.bulk_create(
        StudyVisitPage.topics.through(studyvisitpage_id=pk, topic=topics[i % 3])
        for i, pk in enumerate(visit_ids)
    )
    # The demo's study visit shows forty more materials and hosts; the demo's
    # material is used by forty more visits.
    visit = StudyVisitPage.objects.get(
        url_path__endswith="/bulgaria-national-commission-2025/", locale__language_code="en"
    )
    StudyVisitMaterial.objects.bulk_create(
        StudyVisitMaterial(page=visit, material_id=pk, sort_order=100 + i)
        for i, pk in enumerate(material_ids)
    )
    material = MaterialPage.objects.get(
        slug="identification-guidelines", locale__language_code="en"
    )
    StudyVisitMaterial.objects.bulk_create(
        StudyVisitMaterial(page_id=pk, material=material) for pk in visit_ids
    )
    StudyVisitPage.host_institutions.through.objects.bulk_create(
        StudyVisitPage.host_institutions.through(studyvisitpage_id=visit.pk, institution=i)
        for i in Institution.objects.exclude(hosted_study_visits=visit).order_by("pk")[:40]
    )
    # Forty more steps in the scenario (a detour from its first step), each
    # choice with its guidance material.
    scenario = ScenarioPage.objects.get(slug="first-contact-border")
    first = next(step for step in scenario.ordered_steps() if step.key == scenario.graph().start)
    ScenarioStep.objects.bulk_create(
        ScenarioStep(
            page=scenario,
            key=f"extra-{i}",
            title=f"Extra step {i}",
            sort_order=1000 + i,
            situation="<p>More</p>",
            choices=[
                choice(
                    f"x-{i}",
                    "Go on",
                    f"extra-{i + 1}" if i < 39 else first.key,
                    guidance_page=material_ids[i],
                )
            ],
        )
        for i in range(40)
    )
    first.choices = [*first.choices.raw_data, choice("x-detour", "Take a detour", "extra-0")]
    first.save()
    survey = SurveyPage.objects.get(slug="migrants-knowledge-of-support")
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            page=survey,
            label=f"Extra question {i}",
            field_type="singleline",
            required=False,
            sort_order=1000 + i,
        )
        for i in range(40)
    )
    # Bulk inserts send no signals: say that content changed, as saving does.
    bump()


def test_every_resources_page_within_budget_at_two_sizes(demo, settings):
    settings.PORTAL_PAGE_CACHE = False
    small = measure()
    grow()
    large = measure()
    grown = {key: (small[key], large[key]) for key in small if small[key] != large[key]}
    for key, value in grown.items():
        print("GROWN", key, value)
    assert not grown, grown
