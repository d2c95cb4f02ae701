"""Answering a survey: languages, anonymity, repeat protection, dates, consent and bad input."""

import datetime

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from wagtail.models import Locale

from resources.models import SurveyResponse
from resources.surveys.services import COOKIE_SALT
from tests.resources.surveys.factories import (
    AGE,
    COUNTRY,
    KCIK,
    WHERE,
    SurveyIndexPageFactory,
    make_survey,
    valid_answers,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page))


def url(survey):
    return survey.get_url()


def test_survey_opens_in_english_with_links_to_each_language(client, survey):
    response = client.get(url(survey))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<div class="survey__body" lang="en">' in html
    for code, name in (("en", "English"), ("pl", "Polski"), ("uk", "Українська")):
        assert f'href="{url(survey)}?lang={code}" lang="{code}" hreflang="{code}"' in html
        assert name in html
    assert "Which country are you from?" in html
    assert "Send my answers" in html


def test_ukrainian_form_shows_questions_options_and_interface_in_ukrainian(client, survey):
    html = client.get(url(survey), {"lang": "uk"}).content.decode()
    assert '<div class="survey__body" lang="uk">' in html
    assert "Знання про допомогу" in html
    assert "З якої ви країни?" in html
    # Labels are Ukrainian, the values sent are the stable English keys.
    assert 'value="Ukraine"' in html and "Україна" in html
    assert "Так" in html and "Ні" in html  # yes / no
    assert "Надіслати відповіді" in html  # the submit button
    assert "Згода" in html and "Відповіді анонімні." in html
    assert "Send my answers" not in html


def test_polish_form_is_polish(client, survey):
    html = client.get(url(survey), {"lang": "pl"}).content.decode()
    assert '<div class="survey__body" lang="pl">' in html
    assert "Z jakiego kraju pochodzisz?" in html
    assert "Wyślij odpowiedzi" in html


def test_ukrainian_catalogue_is_used_although_ukrainian_is_not_a_site_language(settings):
    assert "uk" not in dict(settings.LANGUAGES)
    with translation.override("uk"):
        assert translation.gettext("Send my answers") == "Надіслати відповіді"
        # Django's own messages come in Ukrainian too.
        assert translation.gettext("This field is required.") != "This field is required."


def test_answer_is_stored_with_keys_and_language_and_nothing_identifying(client, survey, member):
    client.force_login(member)
    response = client.post(
        url(survey),
        valid_answers("uk"),
        HTTP_USER_AGENT="Secret Browser 1.0",
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert response.status_code == 200
    assert "Щиро дякуємо." in response.content.decode()
    answer = SurveyResponse.objects.get()
    assert answer.language == "uk"
    assert answer.answers == {
        COUNTRY: "Ukraine",
        KCIK: "yes",
        WHERE: ["Police", "Friends"],
        "sector_of_work": "Construction",
        AGE: 34,
        "anything_else": "Leaflets at the border.",
    }
    assert answer.respondent is None
    assert answer.submitted_on == timezone.localdate()
    # The table has no column that could hold a time, an address or an identity.
    columns = {field.attname for field in SurveyResponse._meta.concrete_fields}
    assert columns == {"id", "survey_id", "language", "submitted_on", "answers", "respondent_id"}
    row = SurveyResponse.objects.values().get()
    stored = repr(row)
    for secret in ("203.0.113.9", "198.51.100.7", "Secret Browser", member.email, "csrf"):
        assert secret not in stored
    assert isinstance(row["submitted_on"], datetime.date)
    assert not isinstance(row["submitted_on"], datetime.datetime)


def test_member_survey_records_the_account_only_when_asked(client, home_page, member):
    index = SurveyIndexPageFactory(parent=home_page)
    survey = make_survey(index, record_respondent=True)
    page = client.get(url(survey), {"lang": "uk"})
    assert page.status_code == 200
    assert 'href="/accounts/login/?next=' in page.content.decode()
    assert "Увійдіть, щоб відповісти." in page.content.decode()
    refused = client.post(url(survey), valid_answers())
    assert refused.status_code == 403
    client.force_login(member)
    assert client.post(url(survey), valid_answers()).status_code == 200
    assert SurveyResponse.objects.get().respondent == member
    # The account is remembered even without the cookie.
    client.cookies.clear()
    client.force_login(member)
    assert client.post(url(survey), valid_answers()).status_code == 409
    assert SurveyResponse.objects.count() == 1


def test_second_answer_from_the_same_browser_is_refused(client, survey):
    first = client.post(url(survey), valid_answers())
    cookie = first.cookies[f"survey-{survey.pk}"]
    assert cookie["httponly"]
    assert signing.loads(cookie.value, salt=COOKIE_SALT)["survey"] == survey.pk
    page = client.get(url(survey), {"lang": "uk"})
    assert "Ви вже відповіли на це опитування." in page.content.decode()
    second = client.post(url(survey), valid_answers())
    assert second.status_code == 409
    assert "You have already answered this survey." in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_forged_or_foreign_cookie_counts_for_nothing(client, home_page):
    index = SurveyIndexPageFactory(parent=home_page)
    survey = make_survey(index)
    other = make_survey(index, slug="other")
    client.cookies[f"survey-{survey.pk}"] = "forged:value:signature"
    assert client.post(url(survey), valid_answers()).status_code == 200
    # A genuine cookie of one survey, copied under another survey's name.
    genuine = client.cookies[f"survey-{survey.pk}"].value
    client.cookies[f"survey-{other.pk}"] = genuine
    assert client.post(url(other), valid_answers()).status_code == 200
    assert SurveyResponse.objects.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (1, 5, "This survey is not open yet."),
        (-10, -1, "This survey is closed and no longer accepts answers."),
    ],
)
def test_survey_outside_its_dates_shows_why_and_refuses_answers(
    client, home_page, opens, closes, message
):
    now = timezone.now()
    survey = make_survey(
        SurveyIndexPageFactory(parent=home_page),
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    page = client.get(url(survey))
    assert page.status_code == 200
    assert message in page.content.decode()
    assert '<form method="post"' not in page.content.decode()
    refused = client.post(url(survey), valid_answers())
    assert refused.status_code == 403
    assert message in refused.content.decode()
    assert not SurveyResponse.objects.exists()


def test_closed_message_in_ukrainian(client, home_page):
    now = timezone.now()
    survey = make_survey(
        SurveyIndexPageFactory(parent=home_page),
        opens_at=now - datetime.timedelta(days=9),
        closes_at=now - datetime.timedelta(days=1),
    )
    html = client.get(url(survey), {"lang": "uk"}).content.decode()
    assert "Опитування завершено" in html


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": None}, "consent"),
        ({COUNTRY: "Atlantis"}, COUNTRY),  # tampered option
        ({WHERE: ["Police", "Secret service"]}, WHERE),
        ({KCIK: "maybe"}, KCIK),
        ({AGE: "thirty"}, AGE),  # not a number
        ({COUNTRY: None}, COUNTRY),  # required question left out
    ],
)
def test_bad_answers_are_refused_with_a_message_and_nothing_saved(client, survey, changes, field):
    response = client.post(url(survey), valid_answers(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some answers need your attention." in html
    assert 'class="field-error"' in html
    assert not SurveyResponse.objects.exists()
    assert f"survey-{survey.pk}" not in response.cookies


def test_errors_are_in_the_respondents_language(client, survey):
    response = client.post(url(survey), valid_answers("uk", consent=None, **{AGE: "тридцять"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Деякі відповіді потребують уваги." in html
    assert "This field is required." not in html
    assert "Enter a number." not in html


def test_language_not_offered_is_refused(client, home_page):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page), offer_ukrainian=False)
    html = client.get(url(survey)).content.decode()
    assert "?lang=uk" not in html
    for code in ("uk", "de", "<script>"):
        response = client.get(url(survey), {"lang": code})
        assert response.status_code == 400
        assert "not available in the language you asked for" in response.content.decode()
    posted = client.post(url(survey), valid_answers("uk"))
    assert posted.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_other_methods_are_not_allowed(client, survey):
    assert client.put(url(survey)).status_code == 405


def test_polish_translation_submits_to_the_source_survey(client, survey):
    translation = survey.copy_for_translation(
        Locale.objects.get(language_code="pl"), copy_parents=True
    )
    translation.title = "Wiedza o pomocy"
    translation.save_revision().publish()
    translation.refresh_from_db()
    assert translation.specific.survey.pk == survey.pk
    page = client.get(translation.url)
    html = page.content.decode()
    assert page.status_code == 200
    # The Polish page opens in Polish and shows the source survey's questions.
    assert '<div class="survey__body" lang="pl">' in html
    assert client.post(translation.url, valid_answers("pl")).status_code == 200
    assert SurveyResponse.objects.get().survey_id == survey.pk
    # One browser, one answer: the cookie is per survey, not per page.
    assert client.post(url(survey), valid_answers("en")).status_code == 409


def test_editor_must_give_as_many_translated_options_as_english_ones(survey):
    question = survey.form_fields.get(clean_name=COUNTRY)
    question.choices_uk = "Україна\nБілорусь"
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "choices_uk" in error.value.message_dict


def test_the_index_lists_open_upcoming_and_closed_surveys(client, home_page):
    now = timezone.now()
    index = SurveyIndexPageFactory(parent=home_page)
    make_survey(index, slug="now", title="Open now")
    make_survey(
        index,
        slug="soon",
        title="Opening next week",
        opens_at=now + datetime.timedelta(days=7),
        closes_at=None,
    )
    make_survey(
        index,
        slug="past",
        title="Closed last month",
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
    )
    html = client.get(index.url).content.decode()
    open_part, _, rest = html.partition("Opening soon")
    soon_part, _, closed_part = rest.partition("Closed surveys")
    assert "Open now" in open_part
    assert "Opening next week" in soon_part and "opens " in soon_part
    assert "Closed last month" in closed_part


@pytest.mark.parametrize("count", [2, 8])
def test_the_index_costs_the_same_whatever_the_number_of_surveys(
    client, home_page, locales, count, django_assert_max_num_queries
):
    index = SurveyIndexPageFactory(parent=home_page)
    for number in range(count):
        survey = make_survey(index, slug=f"survey-{number}")
        survey.copy_for_translation(locales["pl"], copy_parents=True).save_revision().publish()
    polish_index = index.get_translation(locales["pl"])
    with django_assert_max_num_queries(19):
        assert client.get(index.url).status_code == 200
    # Translations find their source surveys in one query for all of them.
    with django_assert_max_num_queries(21):
        response = client.get(polish_index.url)
    assert response.content.decode().count('class="card"') == count
