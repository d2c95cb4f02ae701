import re

import pytest
from django.core import mail

from directory.choices import MembershipStatus, Visibility
from directory.models import OutdatedReport
from tests.directory.factories import (
    ContactPersonFactory,
    InstitutionFactory,
    MembershipFactory,
)
from tests.factories import TopicFactory


@pytest.fixture
def hierarchy(home_page):
    topic = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    top = InstitutionFactory(name="Headquarters", slug="hq", short_name="HQ")
    middle = InstitutionFactory(name="Regional Unit", slug="regional", parent=top)
    bottom = InstitutionFactory(
        name="Field Office", slug="field", parent=middle, competences=[topic]
    )
    return top, middle, bottom, topic


def test_detail_shows_parent_children_topics_and_freshness(client, hierarchy):
    top, middle, bottom, _topic = hierarchy
    body = client.get("/directory/regional/").content.decode()
    assert 'href="/directory/hq/"' in body
    assert 'href="/directory/field/"' in body
    assert "1 sub-unit" in body
    assert "Last verified" in body
    field = client.get("/directory/field/").content.decode()
    assert "Labour exploitation" in field
    # Breadcrumbs walk the whole hierarchy.
    assert field.index("/directory/hq/") < field.index("/directory/regional/")


def test_polish_detail(client, hierarchy):
    response = client.get("/pl/directory/field/")
    assert response.status_code == 200
    assert "Ostatnia weryfikacja" in response.content.decode()


def test_report_outdated_information(
    client, hierarchy, approved_member, moderator, settings, django_capture_on_commit_callbacks
):
    settings.DIRECTORY_REPORTS_PER_HOUR = 2
    client.force_login(approved_member)
    page = client.get("/directory/field/").content.decode()
    assert "Report outdated information" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/directory/field/report/", {"message": "Phone changed"})
    assert response.status_code == 302
    assert OutdatedReport.objects.get().message == "Phone changed"
    assert mail.outbox[-1].to == [moderator.email]
    assert client.post("/directory/field/report/", {"message": ""}).status_code == 400
    client.post("/directory/field/report/", {"message": "Second"})
    response = client.post("/directory/field/report/", {"message": "Third"})
    assert response.status_code == 429
    assert "try again later" in response.content.decode()
    assert OutdatedReport.objects.count() == 2


def test_home_section_searches_the_directory(client, hierarchy):
    body = client.get("/").content.decode()
    assert "Find a counterpart" in body
    assert 'action="/directory/"' in body
    assert "3 institutions" in body


def test_home_section_counts_only_visible_focal_points(client, hierarchy):
    _top, _middle, bottom, _topic = hierarchy
    ContactPersonFactory(institution=bottom, is_focal_point=True, visibility=Visibility.MEMBERS)
    assert "0 with a focal point" in client.get("/").content.decode()


def test_home_section_hotline_count_matches_the_hotline_filter(client, hierarchy, approved_member):
    top, middle, _bottom, _topic = hierarchy
    top.hotline, top.hotline_visibility = "+48 800 100 100", Visibility.PUBLIC
    top.save()
    middle.hotline, middle.hotline_visibility = "+48 800 200 200", Visibility.MEMBERS
    middle.save()
    assert "1 24/7 hotline" in client.get("/").content.decode()
    assert client.get("/directory/?hotline=on").context["result_count"] == 1
    client.force_login(approved_member)
    assert "2 24/7 hotlines" in client.get("/").content.decode()
    assert client.get("/directory/?hotline=on").context["result_count"] == 2


def test_topic_page_lists_competent_institutions(client, hierarchy):
    body = client.get("/topics/labour-exploitation/").content.decode()
    assert "Competent institutions" in body
    assert "Field Office" in body
    assert "Headquarters" not in body


def test_account_section_without_membership(client, hierarchy, user):
    client.force_login(user)
    body = client.get("/account/").content.decode()
    assert "My institution" in body
    assert "/directory/membership/" in body


def test_account_section_shows_each_membership_status(client, hierarchy, user):
    top, middle, bottom, _topic = hierarchy
    MembershipFactory(user=user, institution=top, status=MembershipStatus.APPROVED)
    MembershipFactory(user=user, institution=middle, status=MembershipStatus.REQUESTED)
    MembershipFactory(user=user, institution=bottom, status=MembershipStatus.REJECTED)
    client.force_login(user)
    body = client.get("/account/").content.decode()
    assert re.search(r'badge badge--ok">\s*Approved', body)
    assert re.search(r'badge badge--warn">\s*Pending', body)
    assert "Requested requested" not in body
    assert re.search(r'badge badge--danger">\s*Rejected', body)
    assert body.count("asked on ") == 1


def test_country_is_named_in_the_visitors_language(client, home_page):
    InstitutionFactory(name="Sofia Commission", slug="sofia-commission", country="BG")
    assert "Bulgaria" in client.get("/directory/sofia-commission/").content.decode()
    polish = client.get("/pl/directory/sofia-commission/").content.decode()
    assert "Bułgaria" in polish
    listing = client.get("/pl/directory/?country=BG").content.decode()
    assert "Bułgaria" in listing


def test_a_position_reads_in_the_visitors_language(client, hierarchy):
    """A Polish job title on the English page was the complaint; each page
    shows its own language, and English where no Polish was entered."""
    _top, _middle, bottom, _topic = hierarchy
    ContactPersonFactory(
        institution=bottom,
        name="Anna Nowak",
        position="Anti-trafficking coordinator",
        position_pl="Koordynatorka ds. przeciwdziałania handlowi ludźmi",
        visibility=Visibility.PUBLIC,
        is_focal_point=True,
    )
    ContactPersonFactory(
        institution=bottom,
        name="Piotr Lis",
        position="Legal adviser",
        visibility=Visibility.PUBLIC,
    )
    english = client.get("/directory/field/").content.decode()
    assert "Anti-trafficking coordinator" in english
    assert "Koordynatorka" not in english
    polish = client.get("/pl/directory/field/").content.decode()
    assert "Koordynatorka ds. przeciwdziałania handlowi ludźmi" in polish
    assert "Anti-trafficking coordinator" not in polish
    assert "Legal adviser" in polish  # no Polish entered: the English stays
