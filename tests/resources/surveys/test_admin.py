"""Editors build a multilingual survey in the Wagtail admin, without code."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from resources.models import SurveyPage
from tests.resources.surveys.factories import SurveyIndexPageFactory, make_survey

pytestmark = pytest.mark.django_db


def survey_form(**question):
    fields = {
        "label": "Do you know the KCIK hotline?",
        "label_pl": "Czy znasz infolinię KCIK?",
        "label_uk": "Чи знаєте ви гарячу лінію KCIK?",
        "help_text": "",
        "help_text_pl": "",
        "help_text_uk": "",
        "required": "on",
        "field_type": "radio",
        "choices": "Yes, I know the number\nNo",
        "choices_pl": "Tak, znam numer\nNie",
        "choices_uk": "Так, знаю номер\nНі",
    }
    fields.update(question)
    return nested_form_data(
        {
            "title": "Hotline awareness",
            "title_pl": "",
            "title_uk": "",
            "slug": "hotline-awareness",
            "offer_polish": "on",
            "offer_ukrainian": "on",
            "retention_days": "730",
            "opens_at": "2026-11-01 10:00",
            "closes_at": "",
            "introduction": "Five minutes, anonymous.",
            "introduction_pl": "",
            "introduction_uk": "",
            "consent_text": "Answers are anonymous.",
            "consent_text_pl": "",
            "consent_text_uk": "",
            "thank_you_text": "",
            "thank_you_text_pl": "",
            "thank_you_text_uk": "",
            "form_fields": inline_formset([fields]),
            "action-publish": "publish",
        }
    )


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=["resources", "surveypage", index.pk])


def test_editor_builds_and_publishes_a_survey(client, home_page, editor):
    index = SurveyIndexPageFactory(parent=home_page)
    client.force_login(editor)
    assert client.get(add_url(index)).status_code == 200
    response = client.post(add_url(index), survey_form())
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    survey = SurveyPage.objects.get(slug="hotline-awareness")
    assert survey.live
    question = survey.form_fields.get()
    assert question.options_in("uk") == [
        ("Yes, I know the number", "Так, знаю номер"),
        ("No", "Ні"),
    ]
    page = client.get(survey.url, {"lang": "pl"}).content.decode()
    assert "Tak, znam numer" in page


def test_translated_options_must_match_the_english_ones(client, home_page, superuser):
    index = SurveyIndexPageFactory(parent=home_page)
    client.force_login(superuser)
    response = client.post(add_url(index), survey_form(choices_pl="Tak"))
    assert response.status_code == 200
    assert "Give exactly as many options as in English (2)" in response.content.decode()
    assert not SurveyPage.objects.exists()


def test_preview_shows_the_form_even_before_the_survey_opens(home_page, rf, superuser):

    survey = make_survey(
        SurveyIndexPageFactory(parent=home_page),
        opens_at=timezone.now() + datetime.timedelta(days=3),
        closes_at=None,
    )
    request = rf.get("/")
    request.user = superuser
    response = survey.make_preview_request(original_request=request, preview_mode="form")
    response.render()
    assert response.status_code == 200
    assert "Which country are you from?" in response.content.decode()


def test_a_translated_survey_tells_editors_where_the_questions_are(
    client, home_page, superuser, locales
):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page))
    translation = survey.copy_for_translation(locales["pl"], copy_parents=True)
    translation.save_revision().publish()
    client.force_login(superuser)

    note = "This page is a translation of a survey."
    source_form = client.get(f"/admin/pages/{survey.pk}/edit/")
    assert source_form.status_code == 200
    assert note not in source_form.content.decode()
    translated_form = client.get(f"/admin/pages/{translation.pk}/edit/")
    assert translated_form.status_code == 200
    assert note in translated_form.content.decode()
