"""The editor checks the survey logic when a survey is saved: each problem is
shown at its question, with a clear message, and nothing is saved."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from resources.models import SurveyPage, SurveyQuestion
from resources.surveys.logic import logic_errors, visible_questions
from tests.resources.surveys.factories import SurveyIndexPageFactory, make_logic_survey

pytestmark = pytest.mark.django_db


def question(label, field_type="radio", choices="", **logic):
    fields = {
        "label": label,
        "label_pl": "",
        "label_uk": "",
        "help_text": "",
        "help_text_pl": "",
        "help_text_uk": "",
        "required": "",
        "field_type": field_type,
        "choices": choices,
        "choices_pl": "",
        "choices_uk": "",
        "condition_question": "",
        "condition_operator": "",
        "condition_value": "",
        "skip_when": "",
        "skip_to": "",
    }
    fields.update(logic)
    return fields


def survey_data(questions):
    return nested_form_data(
        {
            "title": "Work survey",
            "title_pl": "",
            "title_uk": "",
            "slug": "work-survey",
            "offer_polish": "on",
            "offer_ukrainian": "on",
            "opens_at": "2026-11-01 10:00",
            "closes_at": "",
            "retention_days": "365",
            "introduction": "",
            "introduction_pl": "",
            "introduction_uk": "",
            "consent_text": "Answers are anonymous.",
            "consent_text_pl": "",
            "consent_text_uk": "",
            "thank_you_text": "",
            "thank_you_text_pl": "",
            "thank_you_text_uk": "",
            "form_fields": inline_formset(questions),
            "action-publish": "publish",
        }
    )


SECTOR = question("Sector of work", choices="Construction\nAgriculture")
WHERE = question("Where would you turn?", "checkboxes", "Police\nNGO")


@pytest.fixture
def post(client, home_page, superuser):
    index = SurveyIndexPageFactory(parent=home_page)
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:add", args=["resources", "surveypage", index.pk])

    def post(questions):
        return client.post(url, survey_data(questions))

    return post


def errors_of(response):
    formset = response.context["form"].formsets["form_fields"]
    return [form.errors for form in formset.forms]


@pytest.mark.parametrize(
    ("questions", "position", "field", "message"),
    [
        (
            [
                question(
                    "Crops",
                    "singleline",
                    condition_question="Crops",
                    condition_operator="is",
                    condition_value="x",
                )
            ],
            0,
            "condition_question",
            "A question cannot depend on itself.",
        ),
        (
            [
                question(
                    "Crops",
                    "singleline",
                    condition_question="Sector of work",
                    condition_operator="is",
                    condition_value="Agriculture",
                ),
                SECTOR,
            ],
            0,
            "condition_question",
            "A question can depend only on an earlier question; “Sector of work” comes later.",
        ),
        (
            [
                SECTOR,
                question(
                    "Crops",
                    "singleline",
                    condition_question="Sector of work",
                    condition_operator="is",
                    condition_value="Farming",
                ),
            ],
            1,
            "condition_value",
            "“Farming” is not an option of that question. Options: Construction, Agriculture.",
        ),
        (
            [
                SECTOR,
                question(
                    "Crops",
                    "singleline",
                    condition_question="Sector",
                    condition_operator="is",
                    condition_value="Agriculture",
                ),
            ],
            1,
            "condition_question",
            "There is no question “Sector” in this survey.",
        ),
        (
            [
                WHERE,
                question(
                    "Which NGO?",
                    "singleline",
                    condition_question="Where would you turn?",
                    condition_operator="is",
                    condition_value="NGO",
                ),
            ],
            1,
            "condition_operator",
            "For a multiple-choice question use “includes” or “does not include”.",
        ),
        (
            [
                question("Age", "number"),
                question(
                    "Crops",
                    "singleline",
                    condition_question="Age",
                    condition_operator="is",
                    condition_value="3",
                ),
            ],
            1,
            "condition_question",
            "Conditions need a question with options; “Age” has none.",
        ),
        (
            [SECTOR, question("Crops", "singleline", skip_when="x", skip_to="end")],
            1,
            "skip_when",
            "Only questions with options can skip.",
        ),
        (
            [
                question("Age", "number"),
                question(
                    "Sector of work",
                    choices="Construction\nAgriculture",
                    skip_when="Construction",
                    skip_to="Age",
                ),
            ],
            1,
            "skip_to",
            "A skip can only go forward, to a question after this one.",
        ),
        (
            [
                question(
                    "Sector of work",
                    choices="Construction\nAgriculture",
                    skip_when="Agriculture",
                    skip_to="end",
                ),
                question(
                    "Crops",
                    "singleline",
                    condition_question="Sector of work",
                    condition_operator="is",
                    condition_value="Agriculture",
                ),
            ],
            1,
            "condition_question",
            "No respondent can reach this question: the conditions and skips before it always hide it.",
        ),
    ],
    ids=[
        "itself",
        "forward",
        "unknown-option",
        "unknown-question",
        "operator",
        "no-options",
        "skip-from-text",
        "skip-back",
        "unreachable",
    ],
)
def test_logic_problems_are_shown_at_the_question_and_nothing_is_saved(
    post, questions, position, field, message
):
    response = post(questions)
    assert response.status_code == 200
    assert (
        "The survey logic has problems; they are marked at the questions below."
        in response.content.decode()
    )
    assert errors_of(response)[position][field] == [message]
    assert message in response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert not SurveyPage.objects.filter(slug="work-survey").exists()
    assert not SurveyQuestion.objects.exists()


def test_sound_logic_is_saved_with_language_independent_keys(post):
    response = post(
        [
            question("Do you work in Poland?", "yesno", skip_when="no", skip_to="end"),
            SECTOR,
            question(
                "Crops",
                "singleline",
                condition_question="Sector of work",
                condition_operator="is",
                condition_value="Agriculture",
            ),
            WHERE,
            question(
                "Which NGO?",
                "singleline",
                condition_question="where_would_you_turn",
                condition_operator="includes",
                condition_value="NGO",
            ),
        ]
    )
    assert response.status_code == 302
    survey = SurveyPage.objects.get(slug="work-survey")
    crops = survey.form_fields.get(label="Crops")
    assert (crops.condition_question, crops.condition_value) == ("Sector of work", "Agriculture")


def test_unreachable_check_plays_every_combination():
    questions = [
        SurveyQuestion(label="A", clean_name="a", field_type="radio", choices="x\ny"),
        SurveyQuestion(
            label="B",
            clean_name="b",
            field_type="radio",
            choices="p\nq",
            condition_question="a",
            condition_operator="is",
            condition_value="x",
            skip_when="p",
            skip_to="D",
        ),
        SurveyQuestion(
            label="C",
            clean_name="c",
            field_type="singleline",
            condition_question="a",
            condition_operator="is_not",
            condition_value="y",
        ),
        SurveyQuestion(label="D", clean_name="d", field_type="number"),
    ]
    assert logic_errors(questions) == {}  # C: a = x and b = q
    assert visible_questions(questions, {"a": "x", "b": "p"}) == ["a", "b", "d"]
    assert visible_questions(questions, {"a": "x", "b": "q"}) == ["a", "b", "c", "d"]
    assert visible_questions(questions, {"a": "y", "b": "q"}) == ["a", "d"]
    questions[1].skip_when = "q"
    questions[1].skip_to = "end"
    questions[2].condition_value = "x"
    questions[2].condition_operator = "is_not"
    # C now needs a = y, but then B (and so its skip) is hidden: still reachable.
    assert logic_errors(questions) == {}
    questions[2].condition_question = "b"
    questions[2].condition_operator = "is"
    questions[2].condition_value = "q"
    # C needs b = q, and b = q skips to the end.
    assert 2 in logic_errors(questions)


def test_the_editor_shows_the_logic_of_a_saved_survey_and_finds_it_sound(
    client, home_page, superuser
):
    survey = make_logic_survey(SurveyIndexPageFactory(parent=home_page))
    assert logic_errors(list(survey.form_fields.all())) == {}
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
    assert "Show only when the answer to" in html
    assert 'value="Where would you turn for help?"' in html  # the skip's target
