"""SPSS and Stata files of the answers, read back with pyreadstat: variable
labels and value labels in the language the organiser chose, missing values
for questions not shown; for R, a CSV file with a script that applies the
labels; an empty export says so instead of failing; number questions get a
histogram with a text alternative and a table."""

import csv
import io
import zipfile

import pyreadstat
import pytest
from django.urls import reverse

from resources.models import SurveyResponse
from resources.surveys.charts import histogram_bins
from tests.resources.surveys.factories import (
    AGE,
    COUNTRY,
    KCIK,
    WHERE,
    SurveyIndexPageFactory,
    add_answers,
    make_survey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(home_page):
    return make_survey(SurveyIndexPageFactory(parent=home_page))


def read_back(response, fmt, tmp_path):
    path = tmp_path / f"answers.{fmt}"
    path.write_bytes(
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    reader = pyreadstat.read_sav if fmt == "sav" else pyreadstat.read_dta
    return reader(str(path))


def test_spss_file_has_polish_variable_and_value_labels(client, survey, organiser, tmp_path):
    add_answers(survey, 6)
    SurveyResponse.objects.create(
        survey=survey,
        language="uk",
        answers={COUNTRY: "Ukraine", KCIK: "yes", "anything_else": "Tekst \x1b[31m"},
    )
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_sav", args=[survey.pk]), {"labels": "pl"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="survey-knowledge-answers-pl'
    )
    frame, meta = read_back(response, "sav", tmp_path)
    labels = meta.column_names_to_labels
    assert labels[COUNTRY] == "Z jakiego kraju pochodzisz?"
    assert labels[f"{WHERE}_1"] == "Do kogo zwrócisz się o pomoc?: Policja"
    assert meta.variable_value_labels[COUNTRY] == {
        1.0: "Ukraina",
        2.0: "Białoruś",
        3.0: "Inny kraj",
    }
    assert meta.variable_value_labels[KCIK] == {1.0: "Tak", 2.0: "Nie"}
    assert meta.variable_value_labels["language"][3.0] == "Українська"
    assert len(frame) == 7
    # add_answers: every third respondent is from Belarus (code 2).
    first = frame.iloc[0]
    assert sorted(frame[COUNTRY].dropna().unique()) == [1.0, 2.0]
    assert first[AGE] == first[AGE]  # a number, not missing
    # The last answer did not answer the age, nor the multiple choice: missing, not 0.
    last = frame[frame["language"] == 3.0].iloc[-1]
    assert last[AGE] != last[AGE]  # NaN
    assert last[f"{WHERE}_1"] != last[f"{WHERE}_1"]
    assert "\x1b" not in "".join(frame["anything_else"])


def test_stata_file_in_english(client, survey, organiser, tmp_path):
    add_answers(survey, 4)
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_dta", args=[survey.pk]), {"labels": "en"})
    assert response.status_code == 200
    frame, meta = read_back(response, "dta", tmp_path)
    assert meta.column_names_to_labels[KCIK] == "Do you know the KCIK hotline?"
    assert meta.variable_value_labels[KCIK] == {1: "Yes", 2: "No"}
    assert set(frame[f"{WHERE}_1"].unique()) <= {0.0, 1.0}
    assert len(frame) == 4


@pytest.mark.parametrize("fmt", ["sav", "dta", "r"])
def test_export_of_an_empty_survey_says_there_is_nothing_to_export(client, survey, organiser, fmt):
    client.force_login(organiser)
    response = client.get(reverse(f"surveys_admin:export_{fmt}", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "There are no answers to export" in response.content.decode()


def test_an_unknown_label_language_falls_back_to_english(client, survey, organiser, tmp_path):
    add_answers(survey, 2)
    client.force_login(organiser)
    response = client.get(
        reverse("surveys_admin:export_sav", args=[survey.pk]), {"labels": "xx\x00"}
    )
    assert response.status_code == 200
    _frame, meta = read_back(response, "sav", tmp_path)
    assert meta.column_names_to_labels[COUNTRY] == "Which country are you from?"


def test_members_cannot_export(client, survey, member):
    add_answers(survey, 2)
    client.force_login(member)
    response = client.get(reverse("surveys_admin:export_sav", args=[survey.pk]))
    assert response.status_code in (302, 403)
    assert not response.content.startswith(b"$FL2")


def test_histogram_of_a_number_question_with_a_table(client, survey, organiser):
    add_answers(survey, 30)  # ages 20..49
    client.force_login(organiser)
    html = client.get(reverse("surveys_admin:results", args=[survey.pk])).content.decode()
    assert "Histogram of 30 answers." in html
    assert '<th scope="col">Range</th>' in html
    assert '<th scope="row">20–24</th><td>5</td>' in html


def test_histogram_bins():
    bins = histogram_bins([1, 2, 2, 3, 10])
    assert sum(b.count for b in bins) == 5
    assert bins[0].label.startswith("1")
    floats = histogram_bins([0.5, 1.5, 2.5])
    assert floats[-1].label.endswith("]")
    assert sum(b.count for b in floats) == 3
    assert [b.count for b in histogram_bins([7, 7, 7])] == [3]
    assert histogram_bins([]) == []


def test_r_export_is_a_csv_with_a_script_that_labels_it(client, survey, organiser):
    add_answers(survey, 3)
    SurveyResponse.objects.create(
        survey=survey, language="pl", answers={COUNTRY: "Ukraine", "anything_else": 'Say "hi"\\'}
    )
    client.force_login(organiser)
    response = client.get(reverse("surveys_admin:export_r", args=[survey.pk]), {"labels": "uk"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == ["answers.R", "answers.csv"]
    rows = list(csv.reader(io.StringIO(archive.read("answers.csv").decode("utf-8-sig"))))
    assert rows[0][:3] == ["date", "language", COUNTRY]
    assert len(rows) == 5
    mine = next(row for row in rows if row[rows[0].index("anything_else")] == 'Say "hi"\\')
    assert mine[rows[0].index(AGE)] == ""  # not answered: empty, read as NA
    script = archive.read("answers.R").decode()
    assert 'read.csv("answers.csv", fileEncoding = "UTF-8-BOM", na.strings = ""' in script
    assert (
        f"answers${COUNTRY} <- factor(answers${COUNTRY}, levels = c(1, 2, 3), "
        'labels = c("Україна", "Білорусь", "Інша країна"))'
    ) in script
    assert f'attr(answers${COUNTRY}, "label") <- "З якої ви країни?"' in script
    assert (
        f'attr(answers${WHERE}_1, "label") <- "Куди ви звернетеся по допомогу?: Поліція"' in script
    )
