"""Survey results for organisers: counts and shares, cross-tabulation, written
answers, charts, exports and bounded queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from resources.models import SurveyResponse
from resources.surveys import results
from resources.surveys.charts import bar_chart
from tests import downloads
from tests.resources.surveys.factories import (
    COMMENT,
    COUNTRY,
    KCIK,
    WHERE,
    SurveyIndexPageFactory,
    add_answers,
    make_survey,
    valid_answers,
)

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page))


def summary_of(survey, name, **filters):
    questions = list(survey.form_fields.all())
    summary = results.summarise(questions, results.responses_for(survey, **filters))
    return summary, next(q for q in summary["questions"] if q.question.clean_name == name)


def test_answers_in_three_languages_add_up_under_the_same_options(client, survey):
    for language in ("en", "pl", "uk"):
        client.cookies.clear()
        assert client.post(survey.get_url(), valid_answers(language)).status_code == 200
    summary, country = summary_of(survey, COUNTRY)
    assert summary["total"] == 3
    assert summary["languages"] == {"en": 1, "pl": 1, "uk": 1}
    assert [(row.key, row.count) for row in country.rows] == [
        ("Ukraine", 3),
        ("Belarus", 0),
        ("Another country", 0),
    ]


def test_counts_and_shares_per_question(survey):
    add_answers(survey, 30)
    summary, country = summary_of(survey, COUNTRY)
    assert summary["total"] == 30
    assert country.n == 30
    rows = {row.key: (row.count, round(row.share, 3)) for row in country.rows}
    assert rows == {"Ukraine": (20, 0.667), "Belarus": (10, 0.333), "Another country": (0, 0.0)}
    _summary, where = summary_of(survey, WHERE)
    # Multiple choice: shares of the respondents, so they add up to more than 1.
    rows = {row.key: row.count for row in where.rows}
    assert rows == {"Police": 15, "NGO": 15, "Friends": 15}
    assert sum(row.share for row in where.rows) == pytest.approx(1.5)
    _summary, kcik = summary_of(survey, KCIK)
    assert [(row.key, row.count) for row in kcik.rows] == [("yes", 15), ("no", 15)]


def test_filters_by_language_and_dates(survey):

    add_answers(survey, 30)
    summary, _q = summary_of(survey, COUNTRY, language="uk")
    assert summary["total"] == 10
    today = timezone.localdate()
    summary, _q = summary_of(survey, COUNTRY, date_from=today - datetime.timedelta(days=1))
    assert summary["total"] == sum(1 for i in range(30) if i % 7 <= 1)
    summary, _q = summary_of(survey, COUNTRY, date_to=today - datetime.timedelta(days=6))
    assert summary["total"] == sum(1 for i in range(30) if i % 7 == 6)


def test_crosstab_counts_and_row_shares(survey):
    add_answers(survey, 30)
    by_name = {q.clean_name: q for q in survey.form_fields.all()}
    table = results.crosstab(by_name[COUNTRY], by_name[KCIK], results.responses_for(survey))
    assert table.n == 30
    assert [key for key, _label in table.columns] == ["yes", "no"]
    rows = {key: (total, cells) for key, _label, total, cells in table.rows}
    # Belarus: i % 3 == 0 -> i = 0, 3, ..., 27: five even (yes) and five odd (no).
    assert rows["Belarus"] == (10, [(5, 0.5), (5, 0.5)])
    assert rows["Ukraine"] == (20, [(10, 0.5), (10, 0.5)])
    assert rows["Another country"] == (0, [(0, 0.0), (0, 0.0)])


def test_results_page_shows_counts_chart_and_crosstab(client, survey, organiser):
    add_answers(survey, 30)
    client.force_login(organiser)
    url = reverse("surveys_admin:results", args=[survey.pk])
    html = client.get(url, {"rows": COUNTRY, "columns": KCIK}).content.decode()
    assert "30 answers" in html
    assert "Which country are you from?" in html
    assert "n = 30 respondents answered" in html
    assert '<th scope="row">Belarus</th><td>10</td><td>33&nbsp;%</td>' in html
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img"' in html
    assert "Respondents who answered both questions: 30" in html
    assert '<th scope="row">Median</th>' in html  # the number question
    assert "<td>5 (50&nbsp;%)</td>" in html
    assert reverse("surveys_admin:export_csv", args=[survey.pk]) in html


def test_results_page_in_polish_shows_polish_option_labels(client, survey, organiser):
    add_answers(survey, 3)

    profile = UserProfile.get_for_user(organiser)
    profile.preferred_language = "pl"
    profile.save()
    client.force_login(organiser)
    html = client.get(
        reverse("surveys_admin:results", args=[survey.pk]), HTTP_ACCEPT_LANGUAGE="pl"
    ).content.decode()
    assert "Białoruś" in html
    # The questions too, in the chart, the heading and the cross-tab choices.
    assert "Z jakiego kraju pochodzisz?" in html
    assert "Which country are you from?" not in html


def test_svg_chart_is_accessible_and_holds_every_value(survey):
    add_answers(survey, 30)
    _summary, country = summary_of(survey, COUNTRY)
    svg = str(bar_chart("chart-1", "Country <of> origin", country.rows, country.n))
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-1-title chart-1-desc"' in svg
    assert '<title id="chart-1-title">Country &lt;of&gt; origin</title>' in svg
    assert "Answers from 30 respondents. Ukraine: 20 (67\u00a0%); Belarus: 10 (33\u00a0%)" in svg
    assert ">Ukraine</text>" in svg and ">20 (67\u00a0%)</text>" in svg
    assert svg.count("<rect") == 3
    assert "<script" not in svg and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_written_answers_are_listed_and_paginated(client, survey, organiser):
    add_answers(survey, 200)  # 40 comments, i % 5 == 0
    client.force_login(organiser)
    url = reverse("surveys_admin:text_answers", args=[survey.pk, COMMENT])
    first = client.get(url).content.decode()
    assert first.count("Comment ") == 25
    assert "Page 1 of 2" in first
    second = client.get(url, {"p": 2}).content.decode()
    assert second.count("Comment ") == 15
    # Choice questions have no written answers; unknown questions do not exist.
    assert (
        client.get(reverse("surveys_admin:text_answers", args=[survey.pk, COUNTRY])).status_code
        == 404
    )
    assert (
        client.get(reverse("surveys_admin:text_answers", args=[survey.pk, "nope"])).status_code
        == 404
    )


def test_csv_export_lists_every_answer_with_stable_keys(client, survey, organiser):
    for language in ("uk", "pl"):
        client.cookies.clear()
        client.post(survey.get_url(), valid_answers(language, **{COMMENT: "=HYPERLINK(1)"}))
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:3] == ["Date", "Language", "Which country are you from?"]
    assert len(rows) == 3
    assert sorted(row[1] for row in rows[1:]) == ["pl", "uk"]
    assert rows[1][2] == "Ukraine"
    assert rows[1][4] == "Police; Friends"
    assert rows[1][-1] == "'=HYPERLINK(1)"  # no formula in a spreadsheet


def test_exports_survive_anonymous_answers_with_control_characters(client, survey, organiser):
    client.post(survey.get_url(), valid_answers("uk", **{COMMENT: "Eve\x1b[31m =1+1"}))
    client.cookies.clear()
    client.post(survey.get_url(), valid_answers("pl", **{COMMENT: "-1+1\x1b"}))
    client.force_login(organiser)
    today = timezone.localdate().isoformat()
    answers = {"Eve[31m =1+1", "'-1+1"}

    response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert downloads.filename(response) == f"survey-{survey.slug}-answers-{today}.csv"
    assert {row[-1] for row in downloads.csv_rows(response)[1:]} == answers

    response = client.get(reverse("surveys_admin:export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    assert downloads.filename(response) == f"survey-{survey.slug}-answers-{today}.xlsx"
    sheet = downloads.xlsx_sheet(response)
    assert downloads.formula_cells(sheet) == []
    assert {row[-1] for row in downloads.sheet_rows(sheet)[1:]} == answers


def test_csv_export_follows_the_filters(client, survey, organiser):
    add_answers(survey, 30)
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]), {"language": "pl"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 11
    assert {row[1] for row in rows[1:]} == {"pl"}


def test_xlsx_export_opens_in_a_spreadsheet(client, survey, organiser):
    add_answers(survey, 12)
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_xlsx", args=[survey.pk]))
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Date", "Language", "Which country are you from?")
    assert len(rows) == 13
    assert {row[2] for row in rows[1:]} == {"Ukraine", "Belarus"}
    assert "Respondent" not in rows[0]


def test_results_of_a_translated_page_are_the_source_surveys(client, survey, organiser):
    translation = survey.copy_for_translation(
        Locale.objects.get(language_code="pl"), copy_parents=True
    )
    translation.save_revision().publish()
    client.post(translation.url, valid_answers("pl"))
    client.cookies.clear()
    client.post(survey.url, valid_answers("uk"))
    client.force_login(organiser)
    html = client.get(reverse("surveys_admin:results", args=[translation.pk])).content.decode()
    assert "2 answers" in html
    index = client.get(reverse("surveys_admin:index")).content.decode()
    assert index.count(reverse("surveys_admin:results", args=[survey.pk])) == 1
    assert reverse("surveys_admin:results", args=[translation.pk]) not in index


@pytest.mark.parametrize("size", [50, 2000])
def test_results_and_exports_use_bounded_queries(
    client, survey, organiser, size, django_assert_max_num_queries
):
    add_answers(survey, size)
    assert SurveyResponse.objects.count() == size
    client.force_login(organiser)
    client.get(reverse("surveys_admin:index"))  # warm the session and permission caches
    pages = [
        (reverse("surveys_admin:results", args=[survey.pk]), {"rows": COUNTRY, "columns": KCIK}),
        (reverse("surveys_admin:text_answers", args=[survey.pk, COMMENT]), {}),
        (reverse("surveys_admin:index"), {}),
    ]
    for url, params in pages:
        with django_assert_max_num_queries(20):
            assert client.get(url, params).status_code == 200
    with django_assert_max_num_queries(20):
        response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]))
        assert len(b"".join(response.streaming_content).splitlines()) == size + 1
    with django_assert_max_num_queries(20):
        assert client.get(reverse("surveys_admin:export_xlsx", args=[survey.pk])).status_code == 200


def test_tampered_result_parameters_are_ignored_not_errors(client, survey, organiser):
    add_answers(survey, 6)
    client.force_login(organiser)
    params = {
        "language": "xx",
        "date_from": "not-a-date",
        "rows": "nope",
        "columns": "anything_else",  # a written question cannot be cross-tabulated
    }
    response = client.get(reverse("surveys_admin:results", args=[survey.pk]), params)
    assert response.status_code == 200
    assert "6 answers" in response.content.decode()
    assert "Respondents who answered both" not in response.content.decode()
    export = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]), params)
    assert len(b"".join(export.streaming_content).splitlines()) == 7
    assert client.get(reverse("surveys_admin:results", args=[999999])).status_code == 404


def test_member_survey_export_names_the_respondent(client, home_page, organiser, member):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page), record_respondent=True)
    client.force_login(member)
    assert client.post(survey.url, valid_answers()).status_code == 200
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_csv", args=[survey.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Date", "Language", "Respondent", "Which country are you from?"]
    assert rows[1][2] == member.email


def test_results_of_a_survey_without_answers(client, survey, organiser):
    client.force_login(organiser)
    response = client.get(
        reverse("surveys_admin:results", args=[survey.pk]), {"rows": COUNTRY, "columns": KCIK}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "0 answers" in html
    assert "survey-chart" not in html
    assert "Respondents who answered both questions: 0" in html
