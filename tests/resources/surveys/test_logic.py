"""Survey logic as respondents meet it, in English, Polish and Ukrainian:
each kind of condition, the skip, required-when-shown, and answers to hidden
questions never stored. Without the script every question is on the page with
a note saying when to answer it; the server applies the logic to what is sent."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, TranslationSource

from resources.models import SurveyResponse
from tests.resources.surveys.factories import (
    AGE,
    CROPS,
    PASSPORT,
    SECTOR,
    WHERE,
    WHICH_NGO,
    WHY_NOT_POLICE,
    WORKS,
    SurveyIndexPageFactory,
    make_logic_survey,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "pl", "uk"]
REQUIRED_ERROR = {
    "en": "This field is required.",
    "pl": "To pole jest wymagane.",
    "uk": "Це поле необхідно заповнити",
}


@pytest.fixture
def survey(home_page):
    return make_logic_survey(SurveyIndexPageFactory(parent=home_page))


def answer(client, survey, language, **answers):
    data = {"lang": language, "consent": "on", **answers}
    response = client.post(survey.get_url(), {k: v for k, v in data.items() if v is not None})
    client.cookies.clear()  # each answer from a new browser
    return response


def stored():
    return SurveyResponse.objects.get().answers


@pytest.mark.parametrize("language", LANGUAGES)
def test_is_shows_the_question_and_makes_it_required(client, survey, language):
    response = answer(client, survey, language, **{WORKS: "yes", SECTOR: "Agriculture"})
    assert response.status_code == 400
    html = response.content.decode()
    assert REQUIRED_ERROR[language] in html, [
        line for line in html.splitlines() if "field-error" in line
    ]
    assert not SurveyResponse.objects.exists()

    response = answer(
        client, survey, language, **{WORKS: "yes", SECTOR: "Agriculture", CROPS: "Apples"}
    )
    assert response.status_code == 200
    assert stored()[CROPS] == "Apples"
    assert SurveyResponse.objects.get().language == language


@pytest.mark.parametrize("language", LANGUAGES)
def test_is_hides_the_question_and_drops_its_answer(client, survey, language):
    response = answer(
        client, survey, language, **{WORKS: "yes", SECTOR: "Construction", CROPS: "Apples"}
    )
    assert response.status_code == 200
    assert CROPS not in stored()
    assert stored()[SECTOR] == "Construction"


@pytest.mark.parametrize("language", LANGUAGES)
def test_is_not(client, survey, language):
    answer(client, survey, language, **{WORKS: "yes", SECTOR: "Care", PASSPORT: "yes"})
    answer(client, survey, language, **{WORKS: "yes", SECTOR: "Construction", PASSPORT: "yes"})
    answers = [r.answers for r in SurveyResponse.objects.order_by("answers__" + SECTOR)]
    by_sector = {a[SECTOR]: a for a in answers}
    assert PASSPORT not in by_sector["Care"]
    assert by_sector["Construction"][PASSPORT] == "yes"


@pytest.mark.parametrize("language", LANGUAGES)
def test_includes_and_does_not_include(client, survey, language):
    common = {WORKS: "yes", SECTOR: "Construction"}
    answer(
        client,
        survey,
        language,
        **common,
        **{WHERE: ["NGO"], WHICH_NGO: "La Strada", WHY_NOT_POLICE: "Fear"},
    )
    first = stored()
    assert first[WHICH_NGO] == "La Strada"
    assert first[WHY_NOT_POLICE] == "Fear"
    SurveyResponse.objects.all().delete()

    answer(
        client,
        survey,
        language,
        **common,
        **{WHERE: ["Police"], WHICH_NGO: "La Strada", WHY_NOT_POLICE: "Fear"},
    )
    second = stored()
    assert second[WHERE] == ["Police"]
    assert WHICH_NGO not in second and WHY_NOT_POLICE not in second


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_hides_the_questions_in_between_even_if_required(client, survey, language):
    response = answer(
        client,
        survey,
        language,
        **{WORKS: "no", SECTOR: "Agriculture", PASSPORT: "yes", WHERE: ["Friends"], AGE: "40"},
    )
    assert response.status_code == 200  # sector and crops are required, but skipped
    assert stored() == {WORKS: "no", WHERE: ["Friends"], AGE: 40}


@pytest.mark.parametrize("language", LANGUAGES)
def test_invalid_answer_to_a_hidden_question_is_ignored(client, survey, language):
    response = answer(client, survey, language, **{WORKS: "no", SECTOR: "Not an option", AGE: "x"})
    # The age is shown (after the skip) and not a number: an error there, none at the sector.
    assert response.status_code == 400
    html = response.content.decode()
    assert f'field--error" data-question="{AGE}"' in html
    assert f'field--error" data-question="{SECTOR}"' not in html
    response = answer(client, survey, language, **{WORKS: "no", SECTOR: "Not an option"})
    assert response.status_code == 200
    assert stored() == {WORKS: "no"}


HINTS = {
    "en": (
        "Answer this only if you answered “Agriculture” to “Sector of work”.",
        "If you answer “No”, go on to “Where would you turn for help?”.",
    ),
    "pl": (
        "Odpowiedz tylko wtedy, gdy na pytanie „Branża” wybrano odpowiedź „Rolnictwo”.",
        "Jeśli odpowiesz „Nie”, przejdź do pytania „Do kogo zwrócisz się o pomoc?”.",
    ),
    "uk": (
        "Відповідайте, лише якщо на питання «Галузь» ви відповіли «Сільське господарство».",
        "Якщо ви відповісте «Ні», перейдіть до питання «Куди ви звернетеся по допомогу?».",
    ),
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_without_script_explains_the_logic_and_the_script_gets_the_same_keys(
    client, survey, language
):
    html = client.get(survey.get_url(), {"lang": language}).content.decode()
    condition_hint, skip_hint = HINTS[language]
    assert condition_hint in html
    assert skip_hint in html
    # The same language-independent keys in every language, for the script.
    assert (
        f'data-question="{CROPS}" data-condition-question="{SECTOR}" data-condition-operator="is" data-condition-value="Agriculture"'
        in html
    )
    assert f'data-skip-when="no" data-skip-to="{WHERE}"' in html
    assert '<script src="/static/resources/survey_logic.js" defer></script>' in html
    assert "<script>" not in html


def test_a_translated_page_applies_the_same_logic(client, survey):
    # The Polish page (wagtail-localize) is a door to the same survey and its logic.
    polish = survey.copy_for_translation(Locale.objects.get(language_code="pl"), copy_parents=True)
    polish.save_revision().publish()
    response = client.post(
        polish.get_url(),
        {"lang": "pl", "consent": "on", WORKS: "yes", SECTOR: "Construction", CROPS: "Apples"},
    )
    assert response.status_code == 200
    assert stored() == {WORKS: "yes", SECTOR: "Construction"}


def test_translators_are_not_offered_the_questions_or_their_logic(survey):
    # A wagtail-localize translation is a door to the source survey: its
    # questions, options and logic (by English keys) stay the source's, and
    # their Polish and Ukrainian wording lives on the questions themselves.
    source, _created = TranslationSource.get_or_create_from_instance(survey)
    segments = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    assert "Work and help" in segments
    assert not segments & {"Which crops do you harvest?", "Sector of work", "Agriculture", "end"}
