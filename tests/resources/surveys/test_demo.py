"""The demo survey: three languages, a few hundred synthetic answers, loaded once."""

import pytest
from wagtail.models import Locale

from demo.loader import Loader
from resources.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.django_db

SYNTHETIC_ANSWERS = Loader().read("surveys.yaml")["surveys"][0]["synthetic_answers"]


def seed(context):
    Loader().load_surveys(context["home"])


def test_demo_survey_is_complete_and_idempotent(client, home_page):
    seed({"home": home_page})
    seed({"home": home_page})
    survey = SurveyPage.objects.get(slug="migrants-knowledge-of-support")
    assert survey.status() == "open"
    assert SurveyResponse.objects.filter(survey=survey).count() == SYNTHETIC_ANSWERS
    questions = list(survey.form_fields.all())
    assert 8 <= len(questions) <= 12
    for question in questions:
        assert question.label_pl and question.label_uk
        if question.field_type in ("radio", "checkboxes", "dropdown"):
            assert len(question.options_in("pl")) == len(question.option_keys())
            assert question.options_in("uk") != question.options_in("en")
    languages = set(SurveyResponse.objects.values_list("language", flat=True))
    assert languages == {"en", "pl", "uk"}
    days = SurveyResponse.objects.values_list("submitted_on", flat=True).distinct()
    assert len(days) > 20
    # Every stored option is one of the question's keys.
    keys = {q.clean_name: set(q.option_keys()) for q in questions if q.is_choice}
    for answers in SurveyResponse.objects.values_list("answers", flat=True):
        for name, allowed in keys.items():
            value = answers.get(name)
            values = value if isinstance(value, list) else [value] if value else []
            assert set(values) <= allowed, (name, values)
    # Visitors find it: the surveys index is in the navigation and lists it.
    index = client.get("/surveys/").content.decode()
    assert 'href="/surveys/"' in index
    assert survey.title in index
    polish = survey.get_translation(Locale.objects.get(language_code="pl"))
    html = client.get(polish.url).content.decode()
    assert '<div class="survey__body" lang="pl">' in html
    assert "Czy znasz infolinię Krajowego Centrum" in html


def test_demo_survey_has_logic_and_a_retention_period_its_answers_follow(client, home_page):
    seed({"home": home_page})
    survey = SurveyPage.objects.get(slug="migrants-knowledge-of-support")
    questions = list(survey.form_fields.all())
    pip = next(q for q in questions if q.has_condition)
    sector = next(q for q in questions if q.label == pip.condition_question)
    assert survey.retention_days == 730
    answers = list(SurveyResponse.objects.filter(survey=survey).values_list("answers", flat=True))
    not_working = [a for a in answers if a.get(sector.clean_name) == pip.condition_value]
    assert not_working
    assert all(pip.clean_name not in a for a in not_working)
    assert all(pip.clean_name in a for a in answers if a not in not_working)
    html = client.get(survey.url, {"lang": "uk"}).content.decode()
    assert "Відповіді видаляються через 730 днів після надсилання." in html
