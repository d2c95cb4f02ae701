"""Survey logic in the browser: the static script hides the questions that do
not apply as the respondent answers, in Polish, and what is stored matches."""

import pytest

from resources.models import SurveyResponse
from tests.e2e.conftest import format_violations
from tests.resources.surveys.factories import (
    AGE,
    CROPS,
    SECTOR,
    WHERE,
    WHICH_NGO,
    WORKS,
    SurveyIndexPageFactory,
    make_logic_survey,
)

pytestmark = pytest.mark.django_db(transaction=True)


def block(page, key):
    return page.locator(f'[data-question="{key}"]')


def test_questions_appear_and_disappear_as_the_respondent_answers(page, home_page, axe):
    survey = make_logic_survey(SurveyIndexPageFactory(parent=home_page))
    page.goto(survey.url + "?lang=pl")
    # Nothing answered yet: questions with a condition are hidden, their notes too.
    assert block(page, SECTOR).is_visible()
    assert not block(page, CROPS).is_visible()
    assert not block(page, WHICH_NGO).is_visible()
    assert not page.get_by_text("Jeśli odpowiesz „Nie”").is_visible()

    page.get_by_label("Rolnictwo").check()
    assert block(page, CROPS).is_visible()
    page.get_by_label("Budownictwo").check()
    assert not block(page, CROPS).is_visible()

    # "No" to working in Poland skips to the question about help.
    block(page, WORKS).get_by_label("Nie").check()
    assert not block(page, SECTOR).is_visible()
    assert block(page, WHERE).is_visible()
    block(page, WORKS).get_by_label("Tak").check()
    assert block(page, SECTOR).is_visible()

    block(page, WHERE).get_by_label("Organizacja pozarządowa").check()
    assert block(page, WHICH_NGO).is_visible()
    block(page, WHICH_NGO).get_by_role("textbox").fill("La Strada")
    block(page, AGE).get_by_role("spinbutton").fill("29")
    violations = axe(page)
    assert violations == [], format_violations(violations)

    page.locator('input[name="consent"]').check()
    with page.expect_navigation():
        page.get_by_role("button", name="Wyślij odpowiedzi").click()
    stored = SurveyResponse.objects.get()
    assert stored.language == "pl"
    assert stored.answers[SECTOR] == "Construction"
    assert stored.answers[WHICH_NGO] == "La Strada"
    assert CROPS not in stored.answers
