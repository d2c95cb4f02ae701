"""Building surveys and answers for the survey tests."""

import datetime

import wagtail_factories
from django.utils import timezone

from resources.models import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse


class SurveyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = SurveyIndexPage

    title = "Surveys"
    slug = "surveys"


QUESTIONS = [
    # type, required, en, pl, uk, options en / pl / uk
    (
        "radio",
        True,
        ("Which country are you from?", "Z jakiego kraju pochodzisz?", "З якої ви країни?"),
        (
            "Ukraine\nBelarus\nAnother country",
            "Ukraina\nBiałoruś\nInny kraj",
            "Україна\nБілорусь\nІнша країна",
        ),
    ),
    (
        "yesno",
        True,
        (
            "Do you know the KCIK hotline?",
            "Czy znasz infolinię KCIK?",
            "Чи знаєте ви гарячу лінію KCIK?",
        ),
        ("", "", ""),
    ),
    (
        "checkboxes",
        False,
        (
            "Where would you turn for help?",
            "Do kogo zwrócisz się o pomoc?",
            "Куди ви звернетеся по допомогу?",
        ),
        (
            "Police\nNGO\nFriends",
            "Policja\nOrganizacja pozarządowa\nZnajomi",
            "Поліція\nГромадська організація\nЗнайомі",
        ),
    ),
    (
        "dropdown",
        False,
        ("Sector of work", "Branża", "Галузь"),
        (
            "Construction\nAgriculture",
            "Budownictwo\nRolnictwo",
            "Будівництво\nСільське господарство",
        ),
    ),
    ("number", False, ("How old are you?", "Ile masz lat?", "Скільки вам років?"), ("", "", "")),
    ("multiline", False, ("Anything else?", "Coś jeszcze?", "Щось іще?"), ("", "", "")),
]
COUNTRY = "which_country_are_you_from"
KCIK = "do_you_know_the_kcik_hotline"
WHERE = "where_would_you_turn_for_help"
SECTOR = "sector_of_work"
AGE = "how_old_are_you"
COMMENT = "anything_else"


def make_survey(parent, slug="knowledge", **fields):
    now = timezone.now()
    defaults = {
        "title": "Knowledge of help",
        "title_pl": "Wiedza o pomocy",
        "title_uk": "Знання про допомогу",
        "consent_text": "Answers are anonymous.",
        "consent_text_pl": "Odpowiedzi są anonimowe.",
        "consent_text_uk": "Відповіді анонімні.",
        "thank_you_text": "Thanks a lot.",
        "thank_you_text_uk": "Щиро дякуємо.",
        "opens_at": now - datetime.timedelta(days=10),
        "closes_at": now + datetime.timedelta(days=10),
    }
    defaults.update(fields)
    survey = SurveyPage(slug=slug, **defaults)
    survey.form_fields = [
        SurveyQuestion(
            field_type=field_type,
            required=required,
            label=labels[0],
            label_pl=labels[1],
            label_uk=labels[2],
            choices=options[0],
            choices_pl=options[1],
            choices_uk=options[2],
        )
        for field_type, required, labels, options in QUESTIONS
    ]
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk)


def valid_answers(language="en", **overrides):
    data = {
        "lang": language,
        COUNTRY: "Ukraine",
        KCIK: "yes",
        WHERE: ["Police", "Friends"],
        SECTOR: "Construction",
        AGE: "34",
        COMMENT: "Leaflets at the border.",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def add_answers(survey, count, day=None, language_cycle=("en", "pl", "uk")):
    """count answers, with a known spread: every third country is Belarus, every
    second respondent does not know the hotline."""
    day = day or timezone.localdate()
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                survey=survey,
                language=language_cycle[i % len(language_cycle)],
                submitted_on=day - datetime.timedelta(days=i % 7),
                answers={
                    COUNTRY: "Belarus" if i % 3 == 0 else "Ukraine",
                    KCIK: "no" if i % 2 else "yes",
                    WHERE: ["Police", "NGO"] if i % 2 else ["Friends"],
                    AGE: 20 + i % 30,
                    COMMENT: f"Comment {i}" if i % 5 == 0 else "",
                },
            )
            for i in range(count)
        ]
    )


# A survey with logic: every kind of condition and a skip.
# key, type, required, labels en/pl/uk, options en/pl/uk, logic
LOGIC_QUESTIONS = [
    (
        "yesno",
        True,
        ("Do you work in Poland?", "Czy pracujesz w Polsce?", "Чи працюєте ви в Польщі?"),
        ("", "", ""),
        {"skip_when": "no", "skip_to": "Where would you turn for help?"},
    ),
    (
        "radio",
        True,
        ("Sector of work", "Branża", "Галузь"),
        (
            "Construction\nAgriculture\nCare",
            "Budownictwo\nRolnictwo\nOpieka",
            "Будівництво\nСільське господарство\nДогляд",
        ),
        {},
    ),
    (
        "singleline",
        True,
        ("Which crops do you harvest?", "Jakie uprawy zbierasz?", "Які культури ви збираєте?"),
        ("", "", ""),
        {
            "condition_question": "Sector of work",
            "condition_operator": "is",
            "condition_value": "Agriculture",
        },
    ),
    (
        "yesno",
        False,
        (
            "Did your employer keep your passport?",
            "Czy pracodawca zatrzymał Twój paszport?",
            "Чи забрав роботодавець ваш паспорт?",
        ),
        ("", "", ""),
        {
            "condition_question": "sector_of_work",
            "condition_operator": "is_not",
            "condition_value": "Care",
        },
    ),
    (
        "checkboxes",
        False,
        (
            "Where would you turn for help?",
            "Do kogo zwrócisz się o pomoc?",
            "Куди ви звернетеся по допомогу?",
        ),
        (
            "Police\nNGO\nFriends",
            "Policja\nOrganizacja pozarządowa\nZnajomi",
            "Поліція\nГромадська організація\nЗнайомі",
        ),
        {},
    ),
    (
        "singleline",
        False,
        ("Which NGO?", "Która organizacja?", "Яка організація?"),
        ("", "", ""),
        {
            "condition_question": "Where would you turn for help?",
            "condition_operator": "includes",
            "condition_value": "NGO",
        },
    ),
    (
        "multiline",
        False,
        ("Why not the police?", "Dlaczego nie policja?", "Чому не поліція?"),
        ("", "", ""),
        {
            "condition_question": "Where would you turn for help?",
            "condition_operator": "excludes",
            "condition_value": "Police",
        },
    ),
    (
        "number",
        False,
        ("How old are you?", "Ile masz lat?", "Скільки вам років?"),
        ("", "", ""),
        {},
    ),
]
WORKS = "do_you_work_in_poland"
CROPS = "which_crops_do_you_harvest"
PASSPORT = "did_your_employer_keep_your_passport"
WHICH_NGO = "which_ngo"
WHY_NOT_POLICE = "why_not_the_police"


def make_logic_survey(parent, slug="work-and-help", **fields):
    now = timezone.now()
    defaults = {
        "title": "Work and help",
        "title_pl": "Praca i pomoc",
        "title_uk": "Робота і допомога",
        "consent_text": "Answers are anonymous.",
        "consent_text_pl": "Odpowiedzi są anonimowe.",
        "consent_text_uk": "Відповіді анонімні.",
        "opens_at": now - datetime.timedelta(days=10),
        "closes_at": now + datetime.timedelta(days=10),
    }
    defaults.update(fields)
    survey = SurveyPage(slug=slug, **defaults)
    survey.form_fields = [
        SurveyQuestion(
            field_type=field_type,
            required=required,
            label=labels[0],
            label_pl=labels[1],
            label_uk=labels[2],
            choices=options[0],
            choices_pl=options[1],
            choices_uk=options[2],
            **logic,
        )
        for field_type, required, labels, options, logic in LOGIC_QUESTIONS
    ]
    parent.add_child(instance=survey)
    survey.save_revision().publish()
    return SurveyPage.objects.get(pk=survey.pk)
