"""Training scenarios' and surveys' part of a user's personal data."""

import pytest

from portal.personal_data import erase
from resources.models import ScenarioAttempt, SurveyResponse
from resources.personal_data import describe
from tests.factories import UserFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario
from tests.resources.surveys.factories import COUNTRY, SurveyIndexPageFactory, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page), record_respondent=True)


def test_scenario_attempts_become_anonymous(scenario):
    leaver = UserFactory()
    ScenarioAttempt.objects.create(scenario=scenario, user=leaver, ending="end", score=4)
    ScenarioAttempt.objects.create(scenario=scenario, user=UserFactory(), score=1)
    assert [a["score"] for a in describe(leaver)[2]["scenario_attempts"]] == [4]

    erase(leaver)

    # Analytics keep both attempts; the leaver's is no one's.
    assert ScenarioAttempt.objects.filter(scenario=scenario).count() == 2
    assert ScenarioAttempt.objects.get(score=4).user is None


def test_survey_answers_lose_the_respondent_and_stay_in_the_results(survey):
    leaver = UserFactory()
    SurveyResponse.objects.create(
        survey=survey, language="pl", answers={COUNTRY: "Belarus"}, respondent=leaver
    )
    SurveyResponse.objects.create(survey=survey, language="en", answers={COUNTRY: "Ukraine"})
    (answer,) = describe(leaver)[2]["survey_answers"]
    assert answer["answers"] == {"Which country are you from?": "Belarus"}

    erase(leaver)

    assert SurveyResponse.objects.filter(survey=survey).count() == 2
    kept = SurveyResponse.objects.get(answers={COUNTRY: "Belarus"})
    assert kept.respondent is None


def test_someone_without_attempts_or_answers_exports_empty_lists(db):
    _key, _title, data = describe(UserFactory())
    assert data == {"scenario_attempts": [], "survey_answers": []}
