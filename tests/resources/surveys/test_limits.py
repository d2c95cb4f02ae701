"""Repeat protection that a fresh cookie does not get past, without giving up
anonymity: a daily limit per client (kept only as a salted hash) and
single-use invitation links."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from resources.models import SurveyInvitation, SurveyResponse
from resources.surveys import limits
from tests.resources.surveys.factories import SurveyIndexPageFactory, make_survey, valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page))


@pytest.fixture
def limit_of_three(settings):
    settings.SURVEY_ANSWER_RATE_LIMITS = {"per_client_per_day": 3}


def send(client, survey, address="203.0.113.7", **data):
    client.cookies.clear()  # a fresh cookie every time
    return client.post(survey.get_url(), valid_answers(**data), REMOTE_ADDR=address)


def test_fresh_cookies_do_not_get_past_the_daily_limit(client, survey, limit_of_three):
    assert [send(client, survey).status_code for _i in range(3)] == [200, 200, 200]
    refused = send(client, survey)
    assert refused.status_code == 429
    assert (
        "Too many answers to this survey have been sent from your network today."
        in refused.content.decode()
    )
    assert SurveyResponse.objects.count() == 3
    # Another client, and the same client in Polish, get a clear page in their language.
    assert send(client, survey, address="198.51.100.9").status_code == 200
    polish = send(client, survey, language="pl")
    assert polish.status_code == 429
    assert "Z Twojej sieci wysłano dziś zbyt wiele odpowiedzi" in polish.content.decode()


def test_invalid_answers_do_not_use_up_the_limit(client, survey, limit_of_three):
    for _i in range(5):
        assert send(client, survey, consent=None).status_code == 400
    assert send(client, survey).status_code == 200


def test_the_address_is_not_kept(client, survey, limit_of_three):
    send(client, survey)
    keys = list(cache._cache.keys())
    assert keys
    assert not any("203.0.113.7" in str(key) for key in keys)
    # The hash changes with the day's salt.
    request = type("Request", (), {"META": {"REMOTE_ADDR": "203.0.113.7"}})()
    assert limits.client_hash(request, datetime.date(2026, 1, 1)) != limits.client_hash(
        request, datetime.date(2026, 1, 2)
    )


@pytest.fixture
def invitation_survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page), invitation_only=True)


def test_organiser_creates_and_downloads_invitation_links(client, invitation_survey, organiser):
    client.force_login(organiser)
    url = reverse("surveys_admin:invitations", args=[invitation_survey.pk])
    assert client.post(url, {"count": "0"}).status_code == 400
    assert client.post(url, {"count": "abc"}).status_code == 400
    assert not SurveyInvitation.objects.exists()
    assert client.post(url, {"count": "5"}).status_code == 302
    assert SurveyInvitation.objects.filter(survey=invitation_survey).count() == 5
    response = client.get(reverse("surveys_admin:invitations_csv", args=[invitation_survey.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 6
    assert rows[1][0].startswith("http://") and "?invitation=" in rows[1][0]


def test_an_invitation_link_answers_once(client, invitation_survey):
    token = SurveyInvitation.objects.create(survey=invitation_survey).token
    url = invitation_survey.get_url()
    form = client.get(url, {"invitation": token})
    assert form.context["state"] == "form"
    assert f'name="invitation" value="{token}"' in form.content.decode()
    assert client.post(url, valid_answers(invitation=token)).status_code == 200
    assert SurveyResponse.objects.count() == 1
    assert SurveyInvitation.objects.get(token=token).used

    client.cookies.clear()
    again = client.post(url, valid_answers(invitation=token, language="uk"))
    assert again.status_code == 403
    assert "Це посилання-запрошення вже використано" in again.content.decode()
    client.cookies.clear()
    page = client.get(url, {"invitation": token})
    assert (
        "This invitation link has already been used to answer the survey." in page.content.decode()
    )
    assert SurveyResponse.objects.count() == 1
    # The answer keeps nothing of the invitation.
    assert token not in str(SurveyResponse.objects.get().answers)


@pytest.mark.parametrize("token", [None, "", "guessed-token-123", "x" * 500, "abc\x00def"])
def test_invitation_only_survey_refuses_without_a_valid_link(client, invitation_survey, token):
    SurveyInvitation.objects.create(survey=invitation_survey)
    response = client.post(invitation_survey.get_url(), valid_answers(invitation=token))
    assert response.status_code == 403
    assert "This survey is by invitation only." in response.content.decode()
    assert not SurveyResponse.objects.exists()


def test_a_link_of_another_survey_does_not_open_this_one(client, invitation_survey, home_page):
    other = make_survey(invitation_survey.get_parent().specific, slug="other", invitation_only=True)
    token = SurveyInvitation.objects.create(survey=other).token
    assert (
        client.post(invitation_survey.get_url(), valid_answers(invitation=token)).status_code == 403
    )


def test_invitation_links_are_not_held_back_by_the_client_limit(
    client, invitation_survey, limit_of_three
):
    # One office, one address, one link per person.
    tokens = [SurveyInvitation.objects.create(survey=invitation_survey).token for _i in range(5)]
    for token in tokens:
        assert send(client, invitation_survey, invitation=token).status_code == 200
    assert SurveyResponse.objects.count() == 5
