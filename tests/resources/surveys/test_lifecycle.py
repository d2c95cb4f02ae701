"""An answer's life: deleted one by one by organisers (logged, with a
confirmation step and two factors), deleted by the daily purge after the
survey's retention period, and no longer given once a survey is closed early."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from resources.models import SurveyPage, SurveyResponse
from resources.surveys.services import ANSWER_DELETED, ANSWERS_PURGED
from tests.resources.surveys.factories import (
    SurveyIndexPageFactory,
    add_answers,
    make_survey,
    valid_answers,
)
from tests.two_factor import sign_in_with_two_factors

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page), retention_days=30)


def answers_url(survey):
    return reverse("surveys_admin:answers", args=[survey.pk])


def test_organiser_deletes_one_answer_after_confirming_and_it_is_logged(
    client, survey, organiser, settings
):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    add_answers(survey, 3)
    answer = SurveyResponse.objects.order_by("pk").first()
    sign_in_with_two_factors(client, organiser)
    listing = client.get(answers_url(survey)).content.decode()
    assert f'href="?delete={answer.pk}"' in listing
    confirmation = client.get(answers_url(survey), {"delete": str(answer.pk)})
    assert confirmation.status_code == 200
    assert "Yes, delete this answer" in confirmation.content.decode()
    assert SurveyResponse.objects.filter(pk=answer.pk).exists()  # asking deletes nothing

    response = client.post(answers_url(survey), {"answer": str(answer.pk)})
    assert response.status_code == 302
    assert not SurveyResponse.objects.filter(pk=answer.pk).exists()
    assert SurveyResponse.objects.count() == 2
    entry = PageLogEntry.objects.get(action=ANSWER_DELETED)
    assert entry.page_id == survey.pk
    assert entry.user == organiser
    assert entry.data["answer"] == str(answer.pk)
    assert entry.timestamp.date() == timezone.localdate()
    assert entry.message == f"Deleted the survey answer {answer.pk} of {answer.submitted_on}"


def test_deleting_needs_two_factors(client, survey, organiser, settings):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    add_answers(survey, 1)
    answer = SurveyResponse.objects.get()
    client.force_login(organiser)  # no authenticator app
    response = client.post(answers_url(survey), {"answer": str(answer.pk)})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    assert SurveyResponse.objects.filter(pk=answer.pk).exists()
    assert not PageLogEntry.objects.filter(action=ANSWER_DELETED).exists()


@pytest.mark.parametrize("role", ["editor", "member"])
def test_deleting_needs_the_role(client, survey, role, request):
    add_answers(survey, 1)
    answer = SurveyResponse.objects.get()
    sign_in_with_two_factors(client, request.getfixturevalue(role))
    response = client.post(answers_url(survey), {"answer": str(answer.pk)})
    assert response.status_code in (302, 403)
    assert SurveyResponse.objects.filter(pk=answer.pk).exists()


@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "\x00"])
def test_deleting_an_unknown_answer_is_a_clear_404(client, survey, organiser, value):
    add_answers(survey, 1)
    client.force_login(organiser)
    assert client.post(answers_url(survey), {"answer": value}).status_code == 404
    assert client.get(answers_url(survey), {"delete": value}).status_code == 404
    assert SurveyResponse.objects.count() == 1


def test_retention_purge_under_a_frozen_clock(survey, home_page):
    keeps_long = make_survey(
        SurveyIndexPageFactory(parent=home_page, slug="more"), slug="long", retention_days=3650
    )
    day = datetime.date(2026, 6, 1)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        for target in (survey, keeps_long):
            SurveyResponse.objects.create(
                survey=target, language="en", submitted_on=day, answers={}
            )
        SurveyResponse.objects.create(
            survey=survey, language="pl", submitted_on=day + datetime.timedelta(days=5), answers={}
        )
    # 30 days after the first answer: everything is kept.
    with time_machine.travel(datetime.datetime(2026, 7, 1, 12, tzinfo=datetime.UTC), tick=False):
        call_command("purge_survey_answers", stdout=None)
    assert SurveyResponse.objects.filter(survey=survey).count() == 2
    # 31 days after it: the first answer goes, the later one and the other survey's stay.
    with time_machine.travel(datetime.datetime(2026, 7, 2, 12, tzinfo=datetime.UTC), tick=False):
        call_command("purge_survey_answers")
    assert list(
        SurveyResponse.objects.filter(survey=survey).values_list("submitted_on", flat=True)
    ) == [day + datetime.timedelta(days=5)]
    assert SurveyResponse.objects.filter(survey=keeps_long).count() == 1
    entry = PageLogEntry.objects.get(action=ANSWERS_PURGED)
    assert entry.page_id == survey.pk and entry.data["count"] == 1 and entry.user is None


def test_survey_page_says_how_long_answers_are_kept(client, survey):
    assert (
        "Answers are deleted 30 days after they are sent."
        in client.get(survey.get_url()).content.decode()
    )
    html = client.get(survey.get_url(), {"lang": "pl"}).content.decode()
    assert "Odpowiedzi są usuwane 30 dni po ich wysłaniu." in html
    html = client.get(survey.get_url(), {"lang": "uk"}).content.decode()
    assert "Відповіді видаляються через 30 днів після надсилання." in html


def test_closing_early_then_reopening(client, survey, organiser):
    client.force_login(organiser)
    close_url = reverse("surveys_admin:close", args=[survey.pk])
    assert "Close this survey now?" in client.get(close_url).content.decode()
    assert client.get(survey.get_url()).context["state"] == "form"  # asking changes nothing
    client.post(close_url)
    survey.refresh_from_db()
    assert survey.closed_early_at is not None
    client.logout()
    page = client.get(survey.get_url())
    assert page.context["state"] == "closed"
    assert "This survey is closed and no longer accepts answers." in page.content.decode()
    assert client.post(survey.get_url(), valid_answers()).status_code == 403
    assert not SurveyResponse.objects.exists()

    # Publishing the page again (from its latest revision) keeps it closed.
    SurveyPage.objects.get(pk=survey.pk).get_latest_revision().publish()
    assert SurveyPage.objects.get(pk=survey.pk).status() == "closed"

    client.force_login(organiser)
    client.post(close_url)
    client.logout()
    assert client.post(survey.get_url(), valid_answers()).status_code == 200


def test_results_page_offers_the_lifecycle_actions_and_says_how_long_answers_are_kept(
    client, survey, moderator
):
    client.force_login(moderator)
    html = client.get(reverse("surveys_admin:results", args=[survey.pk])).content.decode()
    for name in ("answers", "invitations", "close", "export_sav"):
        assert reverse(f"surveys_admin:{name}", args=[survey.pk]) in html
    assert reverse("surveys_admin:export_dta", args=[survey.pk]) in html
    assert "Answers are deleted 30 days after they are sent." in html
