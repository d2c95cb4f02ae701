"""What the materials and study-visit pages keep in the cache (the filters'
choices, the counts, a study visit's own facts) is fresh after every change
that shows, at once, and never crosses from members to other visitors."""

import datetime

import pytest

from resources.models import StudyVisitAuthor
from tests.factories import TopicFactory
from tests.resources.factories import (
    InstitutionFactory,
    MaterialPageFactory,
    StudyVisitPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # The pages' own caches, not the anonymous page cache in front of them.
    settings.PORTAL_PAGE_CACHE = False


def choices(response, name):
    return [value for value, _label in response.context["filter"].filters[name].extra["choices"]]


def labels(response, name):
    return [label for _value, label in response.context["filter"].filters[name].extra["choices"]]


def count(response):
    return response.context["page_obj"].paginator.count


@pytest.fixture
def library(materials_index):
    topic = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    gip = InstitutionFactory(slug="gip", name="Labour Inspectorate")
    guide = MaterialPageFactory(
        parent=materials_index,
        title="Guide on forced labour",
        publisher=gip,
        publication_date=datetime.date(2024, 5, 1),
    )
    guide.topics.set([topic])
    guide.save_revision().publish()
    return {"topic": topic, "gip": gip, "guide": guide}


def test_a_published_material_shows_at_once_in_counts_and_choices(client, materials_index, library):
    first = client.get(materials_index.url)
    assert count(first) == 1
    assert choices(first, "year") == ["2024"]
    assert (
        client.get(materials_index.url, {"type": "report"}).context["page_obj"].paginator.count == 0
    )

    strada = InstitutionFactory(slug="la-strada", name="La Strada")
    MaterialPageFactory(
        parent=materials_index,
        title="Annual report",
        material_type="report",
        publisher=strada,
        publication_date=datetime.date(2025, 6, 1),
    )

    second = client.get(materials_index.url)
    assert count(second) == 2
    assert choices(second, "year") == ["2025", "2024"]
    assert set(choices(second, "institution")) == {"gip", "la-strada"}
    assert count(client.get(materials_index.url, {"type": "report"})) == 1


def test_an_unpublished_material_leaves_counts_and_choices_at_once(
    client, materials_index, library
):
    assert count(client.get(materials_index.url)) == 1
    library["guide"].unpublish()
    response = client.get(materials_index.url)
    assert count(response) == 0
    assert choices(response, "year") == []
    assert choices(response, "topic") == []


def test_renamed_topic_and_institution_show_in_the_filters_at_once(
    client, materials_index, library
):
    client.get(materials_index.url)
    library["topic"].name = "Forced labour"
    library["topic"].save()
    library["gip"].name = "State Labour Inspectorate"
    library["gip"].save()
    response = client.get(materials_index.url)
    assert labels(response, "topic") == ["Forced labour"]
    assert labels(response, "institution") == ["State Labour Inspectorate"]


def test_members_only_materials_never_reach_other_visitors_through_the_cache(
    client, materials_index, library, approved_member
):
    secret_publisher = InstitutionFactory(slug="secret-unit", name="Secret unit")
    MaterialPageFactory(
        parent=materials_index,
        title="Restricted manual",
        visibility="members",
        publisher=secret_publisher,
        publication_date=datetime.date(2019, 1, 1),
    )
    # A member fills the cache first...
    client.force_login(approved_member)
    member_view = client.get(materials_index.url)
    assert count(member_view) == 2
    assert "secret-unit" in choices(member_view, "institution")
    assert "2019" in choices(member_view, "year")
    assert member_view.context["members_more"] == 0
    # ...and an anonymous visitor is not served from it.
    client.logout()
    anonymous = client.get(materials_index.url)
    assert count(anonymous) == 1
    assert "secret-unit" not in choices(anonymous, "institution")
    assert "2019" not in choices(anonymous, "year")
    assert anonymous.context["members_more"] == 1
    html = anonymous.content.decode()
    assert "Restricted manual" not in html and "Secret unit" not in html
    # The other way round too.
    client.force_login(approved_member)
    assert count(client.get(materials_index.url)) == 2


def test_members_more_follows_a_new_members_only_material_at_once(client, materials_index, library):
    assert client.get(materials_index.url).context["members_more"] == 0
    MaterialPageFactory(parent=materials_index, visibility="members")
    assert client.get(materials_index.url).context["members_more"] == 1


def test_study_visit_listing_counts_and_choices_follow_changes(client, visits_index):
    StudyVisitPageFactory(parent=visits_index, host_country="BG")
    response = client.get(visits_index.url)
    assert count(response) == 1
    assert choices(response, "country") == ["BG"]
    StudyVisitPageFactory(parent=visits_index, host_country="LT")
    response = client.get(visits_index.url)
    assert count(response) == 2
    assert choices(response, "country") == ["BG", "LT"]


def test_study_visit_page_shows_changed_hosts_authors_and_topics_at_once(client, visits_index):
    host = InstitutionFactory(slug="bulgarian-commission", name="National Commission")
    visit = StudyVisitPageFactory(parent=visits_index)
    visit.host_institutions.set([host])
    visit.save_revision().publish()
    html = client.get(visit.url).content.decode()
    assert "National Commission" in html

    host.name = "National Anti-Trafficking Commission"
    host.save()
    StudyVisitAuthor.objects.create(page=visit, name="Anna Nowak", role="Officer")
    visit.refresh_from_db()
    visit.topics.set([TopicFactory(slug="legal-aid", name="Legal aid")])
    visit.save_revision().publish()

    html = client.get(visit.url).content.decode()
    assert "National Anti-Trafficking Commission" in html
    assert "Anna Nowak" in html
    assert "Legal aid" in html


def test_study_visit_preview_shows_unsaved_relations_not_the_cache(client, visits_index, editor):
    visit = StudyVisitPageFactory(parent=visits_index)
    client.get(visit.url)  # cached: no authors
    visit.authors.add(StudyVisitAuthor(name="Unsaved author"))
    from django.test import RequestFactory  # noqa: PLC0415

    request = RequestFactory().get(visit.url)
    request.user = editor
    request.is_preview = True
    from resources.queries import study_visit_detail_context  # noqa: PLC0415

    context = study_visit_detail_context(request, visit)
    assert [author.name for author in context["authors"]] == ["Unsaved author"]


def test_index_address_follows_a_moved_index_at_once(rf, materials_index):
    from resources.models import MaterialIndexPage  # noqa: PLC0415
    from resources.queries import index_url  # noqa: PLC0415

    request = rf.get("/")
    assert index_url(request, MaterialIndexPage) == "/resources/"
    materials_index.slug = "library"
    materials_index.save_revision().publish()
    assert index_url(request, MaterialIndexPage) == "/library/"


def test_material_page_shows_a_renamed_or_added_topic_at_once(client, materials_index, library):
    guide = library["guide"]
    assert "Labour exploitation" in client.get(guide.url).content.decode()
    library["topic"].name = "Forced labour"
    library["topic"].save()
    guide.topics.add(TopicFactory(slug="child-victims", name="Child victims"))
    guide.save_revision().publish()
    html = client.get(guide.url).content.decode()
    assert "Forced labour" in html
    assert "Child victims" in html
