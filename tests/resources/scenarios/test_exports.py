"""Scenario downloads for organisers and moderators: attempts, the summary per
institution and month, the xAPI statements as JSON lines; filters, safe
spreadsheet cells, and who may download."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
import time_machine
from django.test import Client

from directory.models import Membership
from resources.models import ScenarioStatement
from tests.factories import UserFactory
from tests.resources.factories import InstitutionFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario
from tests.two_factor import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 20, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


def member_of(institution, **fields):
    user = UserFactory(**fields)
    Membership.objects.create(user=user, institution=institution, status="approved")
    return user


def play(page, user, choices, when, back_after_first=False):
    client = Client()
    if user:
        client.force_login(user)
    with time_machine.travel(when, tick=False):
        client.post(page.url + "start/")
        step = "arrival"
        for index, (choice, target) in enumerate(choices):
            client.post(f"{page.url}step/{step}/", {"choice": choice})
            if back_after_first and index == 0:
                client.post(page.url + "back/")
                client.post(f"{page.url}step/{step}/", {"choice": choice})
            step = target
    return client


@pytest.fixture
def played(scenario):
    """Two institutions in March and April, an anonymous player, an unfinished attempt."""
    guard = InstitutionFactory(name="Border Guard Training Centre")
    formula = InstitutionFactory(name='=HYPERLINK("http://evil.example","x")')
    zofia = member_of(
        guard, first_name="Zofia", last_name="Nowakowska", email="zofia@sg.example.org"
    )
    jan = member_of(guard, first_name="Jan", last_name="Kowalczyk")
    other = member_of(formula)
    good = [("c-ask", "private-talk"), ("c-interpreter", "good-end")]
    poor = [("c-shout", "driver-answers"), ("c-let-go", "poor-end")]
    play(scenario, zofia, good, MARCH, back_after_first=True)
    play(scenario, jan, poor, MARCH + datetime.timedelta(days=1))
    play(scenario, jan, [("c-ask", "private-talk")], APRIL)  # unfinished
    play(scenario, other, good, APRIL)
    play(scenario, None, poor, APRIL + datetime.timedelta(days=2))
    return {"guard": guard, "formula": formula, "zofia": zofia, "jan": jan}


def download(client, page, **params):
    url = f"/admin/scenarios/analytics/{page.pk}/" if page else "/admin/scenarios/analytics/"
    return client.get(url, params)


def csv_rows(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_attempts_csv_has_paths_scores_and_completion_per_institution(
    client, organiser, scenario, played
):
    client.force_login(organiser)
    response = download(client, scenario, export="attempts-csv")
    assert response.status_code == 200
    assert "scenario-attempts-first-contact-" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header == [
        "Scenario", "Language", "Institution", "Started", "Finished", "Completed", "Ending",
        "Score", "Choices", "Re-choices", "Path", "Path (choice keys)",
    ]  # fmt: skip
    assert len(rows) == 5
    first = dict(zip(header, rows[0], strict=True))
    assert first["Institution"] == "Border Guard Training Centre"
    assert first["Started"].startswith("2026-03-10T")
    assert (first["Completed"], first["Ending"], first["Score"]) == ("yes", "Referred to help", "5")
    assert (first["Choices"], first["Re-choices"]) == ("3", "1")  # went back once
    assert (
        first["Path"]
        == "A bus arrives › Ask calmly in private | A quiet room › Call an interpreter"
    )
    assert first["Path (choice keys)"] == "c-ask c-interpreter"
    unfinished = dict(zip(header, rows[2], strict=True))
    assert (unfinished["Completed"], unfinished["Finished"], unfinished["Score"]) == ("no", "", "")
    # Formula-looking institution names are neutralised.
    assert dict(zip(header, rows[3], strict=True))["Institution"].startswith("'=HYPERLINK")
    anonymous = dict(zip(header, rows[4], strict=True))
    assert anonymous["Institution"] == "" and anonymous["Score"] == "-5"
    text = json.dumps(rows)
    for person in (played["zofia"], played["jan"]):
        assert person.email not in text and person.last_name not in text


def test_a_period_and_an_institution_narrow_the_attempts(client, moderator, scenario, played):
    client.force_login(moderator)
    rows = csv_rows(
        download(
            client, scenario, export="attempts-csv", date_from="2026-04-01", date_to="2026-04-30"
        )
    )[1:]
    assert len(rows) == 3 and all(row[3].startswith("2026-04") for row in rows)
    rows = csv_rows(download(client, scenario, export="attempts-csv", date_to="2026-03-10"))[1:]
    assert len(rows) == 1  # the end day counts whole
    rows = csv_rows(
        download(client, scenario, export="attempts-csv", institution=played["guard"].pk)
    )[1:]
    assert len(rows) == 3 and {row[2] for row in rows} == {"Border Guard Training Centre"}


def test_summary_per_institution_and_month(client, organiser, scenario, played):
    client.force_login(organiser)
    header, *rows = csv_rows(download(client, scenario, export="institutions-csv"))
    assert header == [
        "Month", "Institution", "Attempts", "Completed", "Completion (%)",
        "Average score of completed attempts", "Re-choices",
    ]  # fmt: skip
    assert rows == [
        ["2026-03", "Border Guard Training Centre", "2", "2", "100", "0.0", "1"],
        ["2026-04", '\'=HYPERLINK("http://evil.example","x")', "1", "1", "100", "5.0", "0"],
        ["2026-04", "Border Guard Training Centre", "1", "0", "0", "", "0"],
        [
            "2026-04",
            "No institution (anonymous players and non-members)",
            "1",
            "1",
            "100",
            "-5.0",
            "0",
        ],
    ]


def test_xlsx_downloads_open_with_safe_cells(client, organiser, scenario, played):
    client.force_login(organiser)
    for kind, title in (("attempts", "Attempts"), ("institutions", "Per institution")):
        response = download(client, scenario, export=f"{kind}-xlsx")
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')
        workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        sheet = workbook[title]
        values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
        assert "Border Guard Training Centre" in values
        assert not any(isinstance(v, str) and v.startswith("=") for v in values)
        assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)


def test_statements_as_json_lines(client, organiser, scenario, played, home_page):
    second = make_scenario(scenario.get_parent(), title="Second", slug="second")
    play(second, None, [("c-ask", "private-talk")], APRIL)
    client.force_login(organiser)
    response = download(client, scenario, export="statements-jsonl")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert "xapi-statements-first-contact-" in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode().splitlines()
    statements = [json.loads(line) for line in lines]
    expected = ScenarioStatement.objects.filter(scenario_key=scenario.translation_key)
    assert [s["id"] for s in statements] == [
        str(pk) for pk in expected.values_list("pk", flat=True)
    ]
    assert {s["verb"]["display"]["en"] for s in statements} == {"launched", "answered", "completed"}
    april = download(client, scenario, export="statements-jsonl", date_from="2026-04-01")
    assert all(
        json.loads(line)["timestamp"].startswith("2026-04")
        for line in b"".join(april.streaming_content).decode().splitlines()
    )
    # The list of all scenarios exports every scenario's statements.
    everything = download(client, None, export="statements-jsonl")
    assert (
        len(b"".join(everything.streaming_content).decode().splitlines())
        == ScenarioStatement.objects.count()
    )
    assert ScenarioStatement.objects.count() > len(lines)


def test_the_analytics_screen_offers_the_downloads(client, organiser, scenario):
    client.force_login(organiser)
    html = client.get(f"/admin/scenarios/analytics/{scenario.pk}/").content.decode()
    for value in (
        "attempts-csv",
        "attempts-xlsx",
        "institutions-csv",
        "institutions-xlsx",
        "statements-jsonl",
    ):
        assert f'name="export" value="{value}"' in html
    assert '<label class="w-field__label" for="id_date_from">From</label>' in html
    index = client.get("/admin/scenarios/analytics/").content.decode()
    assert 'value="statements-jsonl"' in index and 'value="attempts-csv"' not in index


@pytest.mark.parametrize(
    "params, message",
    [
        (
            {"date_from": "2026-05-01", "date_to": "2026-04-01"},
            "The end of the period is before its start.",
        ),
        ({"date_from": "1 May"}, "Enter a valid date."),
        ({"institution": "999999"}, "Select a valid choice."),
    ],
)
def test_a_bad_filter_is_explained_not_a_500(client, organiser, scenario, played, params, message):
    client.force_login(organiser)
    response = download(client, scenario, export="attempts-csv", **params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "The download could not be made" in html and message in html
    assert "Choices at each step" in html  # the analytics are still there


def test_an_unknown_download_is_explained(client, organiser, scenario):
    client.force_login(organiser)
    response = download(client, scenario, export="everything.sql")
    assert response.status_code == 400
    assert "Choose one of the download buttons." in response.content.decode()
    response = download(client, None, export="attempts-csv")  # only statements there
    assert response.status_code == 400


@pytest.mark.parametrize("role", ["editor", "member"])
def test_others_cannot_download(client, request, role, scenario, played):
    client.force_login(request.getfixturevalue(role))
    for export in ("attempts-csv", "institutions-xlsx", "statements-jsonl"):
        response = download(client, scenario, export=export)
        assert response.status_code in (302, 403)
        assert response.get("Content-Disposition") is None
    assert client.get(
        "/admin/scenarios/analytics/", {"export": "statements-jsonl"}
    ).status_code in (302, 403)


def test_anonymous_visitors_cannot_download(client, scenario, played):
    response = download(client, scenario, export="attempts-csv")
    assert response.status_code == 302 and "login" in response.url


def test_downloads_need_two_factors_when_required(client, organiser, scenario, played, settings):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    # Without the admin's middleware: the view must stand on its own.
    settings.MIDDLEWARE = [
        m for m in settings.MIDDLEWARE if m != "portal.middleware.AdminRequiresTwoFactorMiddleware"
    ]
    client.force_login(organiser)
    response = download(client, scenario, export="attempts-csv")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    assert response.get("Content-Disposition") is None
    sign_in_with_two_factors(client, organiser)
    response = download(client, scenario, export="attempts-csv")
    assert (
        response.status_code == 200
        and "Border Guard Training Centre" in b"".join(response.streaming_content).decode()
    )


def test_the_list_says_where_the_statements_are(client, organiser, scenario, played, settings):
    client.force_login(organiser)
    count = ScenarioStatement.objects.count()
    html = client.get("/admin/scenarios/analytics/").content.decode()
    assert f"No learning record store is configured: {count} statements are kept here." in html
    settings.XAPI_LRS_ENDPOINT = "https://lrs.example.org/xapi/"
    ScenarioStatement.objects.filter(verb="launched").update(status="sent")
    ScenarioStatement.objects.filter(verb="completed").update(status="failed")
    html = client.get("/admin/scenarios/analytics/").content.decode()
    sent = ScenarioStatement.objects.filter(verb="launched").count()
    failed = ScenarioStatement.objects.filter(verb="completed").count()
    assert (
        f"Sent to the learning record store: {sent}. Waiting: {count - sent - failed}. "
        f"Failed, to be sent again: {failed}." in html
    )
