"""xAPI statements for scenario play: the exact statements of a scripted
play-through, validated against an xAPI 1.0.3 statement schema; actors that
never carry personal data."""

import datetime
import json
import uuid
from pathlib import Path

import jsonschema
import pytest
import time_machine

from directory.models import Membership
from portal.personal_data import erase
from resources.models import LearnerAccount, ScenarioAttempt, ScenarioChoiceEvent, ScenarioStatement
from resources.personal_data import describe
from resources.scenarios import xapi
from tests.factories import UserFactory
from tests.resources.factories import InstitutionFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.org"
SCHEMA = json.loads((Path(__file__).parent / "xapi_statement.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
NOON = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE + "/"


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


# Statements recorded in the same instant (here: the clock stands still) have
# no order of their own; the verb decides, as "answered" comes before "completed".
ORDER = ("created_at", "verb")


def statements():
    return [row.statement for row in ScenarioStatement.objects.order_by(*ORDER)]


def assert_valid(statement):
    errors = sorted(VALIDATOR.iter_errors(statement), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    score = statement.get("result", {}).get("score", {})
    if "min" in score and "max" in score:
        assert score["min"] <= score.get("raw", score["min"]) <= score["max"]


def play(client, page, clock):
    """Ask, shout, go back, ask calmly, interpreter: one minute per action."""
    url = page.url

    def at(minutes):
        clock.move_to(NOON + datetime.timedelta(minutes=minutes))

    at(0)
    client.post(url + "start/")
    at(1)
    client.post(url + "step/arrival/", {"choice": "c-shout"})
    at(2)
    client.get(url + "step/arrival/feedback/")
    at(3)
    client.post(url + "back/")
    at(4)
    client.post(url + "step/arrival/", {"choice": "c-ask"})
    at(5)
    client.get(url + "step/arrival/feedback/")
    client.get(url + "step/arrival/feedback/")  # a reload records nothing new
    at(6)
    client.post(url + "step/private-talk/", {"choice": "c-interpreter"})
    at(7)
    client.get(url + "step/private-talk/feedback/")
    at(8)
    assert client.get(url + "step/good-end/").status_code == 200


def test_a_scripted_play_through_gives_exactly_these_statements(client, scenario):
    with time_machine.travel(NOON, tick=False) as clock:
        play(client, scenario, clock)
    attempt = ScenarioAttempt.objects.get()
    registration = str(attempt.registration)
    activity = f"{BASE}/xapi/scenarios/{scenario.translation_key}"
    actor = {
        "objectType": "Agent",
        "account": {
            "homePage": BASE,
            "name": f"anonymous-{uuid.uuid5(xapi.ANONYMOUS_NAMESPACE, registration)}",
        },
    }
    parent = {"parent": [{"id": activity, "objectType": "Activity"}]}
    arrival = {
        "objectType": "Activity",
        "id": f"{activity}/steps/arrival",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "name": {"en": "A bus arrives"},
            "interactionType": "choice",
            "choices": [
                {"id": "c-ask", "description": {"en": "Ask calmly in private"}},
                {"id": "c-shout", "description": {"en": "Question them in front of the driver"}},
            ],
        },
    }
    private_talk = {
        "objectType": "Activity",
        "id": f"{activity}/steps/private-talk",
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "name": {"en": "A quiet room"},
            "interactionType": "choice",
            "choices": [
                {"id": "c-interpreter", "description": {"en": "Call an interpreter"}},
                {"id": "c-rush", "description": {"en": "Hurry and let them go"}},
            ],
        },
    }

    def verb(name):
        return {"id": f"http://adlnet.gov/expapi/verbs/{name}", "display": {"en": name}}

    def context(step=None, **extensions):
        data = {"registration": registration, "platform": "Cooperation Portal", "language": "en"}
        if step is None:
            return data
        data["contextActivities"] = parent
        data["extensions"] = {f"{BASE}/xapi/extensions/step": step} | {
            f"{BASE}/xapi/extensions/{key}": value for key, value in extensions.items()
        }
        return data

    def answered(minute, obj, step, choice, rating, score, position, rechoice):
        return {
            "version": "1.0.3",
            "timestamp": f"2026-11-30T12:{minute:02d}:00.000Z",
            "actor": actor,
            "verb": verb("answered"),
            "object": obj,
            "context": context(step, position=position, rechoice=rechoice),
            "result": {
                "response": choice,
                "score": {"raw": score},
                "extensions": {f"{BASE}/xapi/extensions/rating": rating},
            },
        }

    def experienced(minute, step, choice, label, feedback="Because."):
        return {
            "version": "1.0.3",
            "timestamp": f"2026-11-30T12:{minute:02d}:00.000Z",
            "actor": actor,
            "verb": verb("experienced"),
            "object": {
                "objectType": "Activity",
                "id": f"{activity}/steps/{step}/choices/{choice}/feedback",
                "definition": {"name": {"en": label}, "description": {"en": feedback}},
            },
            "context": context(step),
        }

    scenario_object = {
        "objectType": "Activity",
        "id": activity,
        "definition": {
            "type": "http://adlnet.gov/expapi/activities/simulation",
            "name": {"en": "First contact"},
        },
    }
    expected = [
        {
            "version": "1.0.3",
            "timestamp": "2026-11-30T12:00:00.000Z",
            "actor": actor,
            "verb": verb("launched"),
            "object": scenario_object,
            "context": context(),
        },
        answered(1, arrival, "arrival", "c-shout", "poor", -2, 0, False),
        experienced(2, "arrival", "c-shout", "Question them in front of the driver"),
        answered(4, arrival, "arrival", "c-ask", "good", 2, 0, True),
        experienced(5, "arrival", "c-ask", "Ask calmly in private"),
        answered(6, private_talk, "private-talk", "c-interpreter", "good", 3, 1, False),
        {
            "version": "1.0.3",
            "timestamp": "2026-11-30T12:06:00.000Z",
            "actor": actor,
            "verb": verb("completed"),
            "object": scenario_object,
            "context": context(),
            "result": {
                "score": {"raw": 5},
                "success": True,
                "completion": True,
                "duration": "PT360S",
                "extensions": {f"{BASE}/xapi/extensions/ending": "good-end"},
            },
        },
        experienced(7, "private-talk", "c-interpreter", "Call an interpreter"),
    ]
    stored = statements()
    ids = [statement.pop("id") for statement in stored]
    assert stored == expected
    assert len(set(ids)) == len(ids) == 8
    for statement_id, row in zip(ids, ScenarioStatement.objects.order_by(*ORDER), strict=True):
        assert uuid.UUID(statement_id).version == 4 and str(row.pk) == statement_id
    for statement in statements():
        assert_valid(statement)


def test_schema_refuses_what_the_spec_forbids():
    """The schema is not a rubber stamp."""
    good = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": BASE, "name": "x"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
        "object": {"id": f"{BASE}/xapi/scenarios/x"},
    }
    assert_valid(good)
    two_identifiers = dict(
        good, actor={"mbox": "mailto:a@example.org", "account": {"homePage": BASE, "name": "x"}}
    )
    no_verb_id = dict(good, verb={"display": {"en": "answered"}})
    bad_id = dict(good, id="42")
    unknown = dict(good, mood="happy")
    bad_registration = dict(good, context={"registration": "attempt-1"})
    for statement in (two_identifiers, no_verb_id, bad_id, unknown, bad_registration):
        assert list(VALIDATOR.iter_errors(statement)), statement


def test_a_members_statements_name_an_opaque_account_never_the_address(client, scenario):
    member = UserFactory(email="zofia.nowak@strazgraniczna.example.org", first_name="Zofia")
    institution = InstitutionFactory()
    Membership.objects.create(user=member, institution=institution, status="approved")
    client.force_login(member)
    client.post(scenario.url + "start/")
    client.post(scenario.url + "step/arrival/", {"choice": "c-ask"})
    client.post(scenario.url + "step/private-talk/", {"choice": "c-rush"})
    account = LearnerAccount.objects.get(user=member)
    rows = statements()
    assert [row["verb"]["display"]["en"] for row in rows] == [
        "launched",
        "answered",
        "answered",
        "completed",
    ]
    for statement in rows:
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {"homePage": BASE, "name": str(account.name)},
        }
        text = json.dumps(statement)
        assert "zofia" not in text.lower() and "strazgraniczna" not in text
        assert f'"{member.pk}"' not in text
        assert_valid(statement)
    completed = rows[-1]["result"]
    assert completed["score"] == {"raw": 2} and completed["success"] is True
    assert ScenarioAttempt.objects.get().institution == institution
    # The same opaque name in the member's next attempt: the LRS can follow them.
    client.post(scenario.url + "start/")
    assert statements()[-1]["actor"]["account"]["name"] == str(account.name)


def test_an_anonymous_actor_is_new_for_every_attempt_and_holds_nothing_personal(client, scenario):
    client.post(scenario.url + "start/", REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox")
    client.post(scenario.url + "step/arrival/", {"choice": "c-shout"})
    client.post(scenario.url + "step/driver-answers/", {"choice": "c-let-go"})
    client.post(scenario.url + "start/")
    first, second = ScenarioAttempt.objects.order_by("started_at", "pk")
    actors = {}
    for row in ScenarioStatement.objects.all():
        actors.setdefault(row.attempt_id, set()).add(json.dumps(row.statement["actor"]))
        text = json.dumps(row.statement)
        assert "203.0.113.9" not in text and "Firefox" not in text
        assert str(row.attempt.token) not in text  # the session's secret stays in the session
        assert_valid(row.statement)
    assert len(actors[first.pk]) == 1 and len(actors[second.pk]) == 1
    assert actors[first.pk] != actors[second.pk]
    (actor,) = (json.loads(text) for text in actors[first.pk])
    assert set(actor) == {"objectType", "account"}
    assert actor["account"]["name"].startswith("anonymous-")
    completed = ScenarioStatement.objects.get(verb="completed").statement
    assert completed["result"]["success"] is False  # poor choices on the way
    assert completed["result"]["score"]["raw"] == -5


def test_choices_refused_by_the_player_record_no_statement(client, scenario):
    client.post(scenario.url + "start/")
    response = client.post(scenario.url + "step/arrival/", {"choice": "not-a-choice"})
    assert response.status_code == 400
    assert [row.verb for row in ScenarioStatement.objects.all()] == ["launched"]
    assert not ScenarioChoiceEvent.objects.exists()


def test_a_statement_that_cannot_be_recorded_does_not_stop_the_player(
    client, scenario, monkeypatch, caplog
):
    def broken(*args, **kwargs):
        raise RuntimeError("statement builder broke")

    monkeypatch.setattr(xapi, "step_activity", broken)
    client.post(scenario.url + "start/")
    response = client.post(scenario.url + "step/arrival/", {"choice": "c-ask"})
    assert response.status_code == 302
    assert ScenarioChoiceEvent.objects.count() == 1
    assert "Could not record the xAPI statement" in caplog.text


def test_erasing_a_member_cuts_the_link_to_their_statements(client, scenario):
    member = UserFactory()
    client.force_login(member)
    client.post(scenario.url + "start/")
    name = str(LearnerAccount.objects.get(user=member).name)
    assert describe(member)[2]["learning_record_store_account"] == name
    erase(member)
    assert not LearnerAccount.objects.exists()
    # The statements stay (already sent, or still to be sent), under a name
    # that now leads to no one.
    assert ScenarioStatement.objects.get().statement["actor"]["account"]["name"] == name
    assert ScenarioAttempt.objects.get().user is None
