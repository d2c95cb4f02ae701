"""Who reaches survey answers: organisers, moderators and administrators only,
through the results views; no other door (Wagtail's form submissions, search)."""

import pytest
from django.urls import reverse

from tests.resources.surveys.factories import (
    COMMENT,
    SurveyIndexPageFactory,
    add_answers,
    make_survey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page))
    add_answers(survey, 10)
    return survey


def result_urls(survey):
    return [
        reverse("surveys_admin:index"),
        reverse("surveys_admin:results", args=[survey.pk]),
        reverse("surveys_admin:text_answers", args=[survey.pk, COMMENT]),
        reverse("surveys_admin:export_csv", args=[survey.pk]),
        reverse("surveys_admin:export_xlsx", args=[survey.pk]),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, survey):
    for url in result_urls(survey):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", ["user", "member", "editor"])
def test_members_and_editors_are_refused(client, survey, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in result_urls(survey):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Comment 0" not in body
        assert b"Belarus" not in body


@pytest.mark.parametrize("role", ["organiser", "moderator", "superuser"])
def test_organisers_moderators_and_admins_see_results(client, survey, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in result_urls(survey):
        assert client.get(url).status_code == 200, url
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("surveys_admin:index") in menu


def test_menu_item_is_hidden_from_editors(client, survey, editor):
    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("surveys_admin:index") not in home


def test_survey_page_links_to_results_only_for_those_who_may_see_them(
    client, survey, organiser, editor
):
    link = reverse("surveys_admin:results", args=[survey.pk])
    assert link not in client.get(survey.url).content.decode()
    client.force_login(editor)
    assert link not in client.get(survey.url).content.decode()
    client.force_login(organiser)
    assert link in client.get(survey.url).content.decode()


def test_page_editor_shows_a_results_button_to_moderators(client, survey, moderator, editor):
    link = reverse("surveys_admin:results", args=[survey.pk])
    client.force_login(moderator)
    assert link in client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    client.force_login(editor)
    assert (
        link
        not in client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    )


@pytest.mark.parametrize("role", ["editor", "moderator", "superuser"])
def test_wagtail_form_submissions_are_no_second_door(client, survey, role, request):
    client.force_login(request.getfixturevalue(role))
    listing = client.get(reverse("wagtailforms:index"))
    assert survey.title not in listing.content.decode()
    submissions = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert submissions.status_code in (302, 403, 404)
    assert b"Comment 0" not in submissions.content


def test_answers_are_not_found_by_search(client, survey):
    response = client.get(reverse("search"), {"q": "Comment"})
    assert b"Comment 0" not in response.content
