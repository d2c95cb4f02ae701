"""Delivery of statements to a learning record store: a real HTTP server in
the test records what it receives. An outage loses nothing, a recovery sends
nothing twice, a bad answer is logged and never reaches the player."""

import base64
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlparse

import pytest
from django.core.management import call_command
from django.db import connection, connections

from resources.models import ScenarioStatement
from resources.scenarios import lrs
from resources.scenarios.statement_models import StatementStatus
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario

KEY, SECRET = "portal-key", "portal-secret"


class RecordingLRS:
    """Answers `/xapi/statements` like an LRS; `failures` requests first get
    `failure_status`; statements in a `refuse` set are refused with 400."""

    def __init__(self):
        self.requests = []  # (method, path, headers, body)
        self.stored = {}  # id -> statement
        self.store_counts = {}  # id -> how many times it was stored
        self.failures = 0
        self.failure_status = 500
        self.refuse = set()
        self.delay = 0
        self.lock = threading.Lock()

    def handle(self, handler):
        length = int(handler.headers.get("Content-Length", 0))
        body = json.loads(handler.rfile.read(length) or "null")
        time.sleep(self.delay)
        with self.lock:
            self.requests.append((handler.command, handler.path, handler.headers, body))
            url = urlparse(handler.path)
            expected_auth = "Basic " + base64.b64encode(f"{KEY}:{SECRET}".encode()).decode()
            if url.path == "/moved/statements":
                return 301, {"location": "/xapi/statements"}
            if url.path != "/xapi/statements":
                return 404, {"error": "no such resource"}
            if handler.headers.get("Authorization") != expected_auth:
                return 401, {"error": "unauthorised"}
            if handler.headers.get("X-Experience-API-Version") != "1.0.3":
                return 400, {"error": "version header missing"}
            if self.failures:
                self.failures -= 1
                return self.failure_status, {"error": "the LRS is having a bad day"}
            statements = body if isinstance(body, list) else [body]
            if handler.command == "PUT":
                statement_id = parse_qs(url.query)["statementId"][0]
                assert statements[0]["id"] == statement_id
            if any(s["id"] in self.refuse for s in statements):
                return 400, {"error": "statement refused"}
            for statement in statements:
                if statement["id"] in self.stored and self.stored[statement["id"]] != statement:
                    return 409, {"error": "conflict"}
            for statement in statements:
                self.stored[statement["id"]] = statement
                self.store_counts[statement["id"]] = self.store_counts.get(statement["id"], 0) + 1
            if handler.command == "PUT":
                return 204, None
            return 200, [s["id"] for s in statements]

    def posted_ids(self):
        return [
            s["id"]
            for method, _path, _headers, body in self.requests
            if method == "POST"
            for s in body
        ]


@pytest.fixture
def test_lrs(settings):
    state = RecordingLRS()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            status, payload = state.handle(self)
            data = b"" if payload is None else json.dumps(payload).encode()
            self.send_response(status)
            if status == 301:
                self.send_header("Location", payload["location"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_PUT = do_GET = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.XAPI_LRS_ENDPOINT = f"http://127.0.0.1:{server.server_port}/xapi/"
    settings.XAPI_LRS_KEY, settings.XAPI_LRS_SECRET = KEY, SECRET
    settings.XAPI_LRS_TIMEOUT = 5
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


def play(client, page):
    assert client.post(page.url + "start/").status_code == 302
    assert client.post(page.url + "step/arrival/", {"choice": "c-ask"}).status_code == 302
    assert client.get(page.url + "step/arrival/feedback/").status_code == 200
    assert (
        client.post(page.url + "step/private-talk/", {"choice": "c-interpreter"}).status_code == 302
    )
    assert client.get(page.url + "step/good-end/").status_code == 200


def send_pending():
    out = StringIO()
    call_command("send_pending_statements", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_outage_loses_nothing_and_the_recovery_sends_nothing_twice(
    client, scenario, test_lrs, django_capture_on_commit_callbacks, caplog
):
    test_lrs.failures = 100  # down for the whole play
    with django_capture_on_commit_callbacks(execute=True):
        play(client, scenario)
    ids = {str(pk) for pk in ScenarioStatement.objects.values_list("pk", flat=True)}
    assert len(ids) == 5  # launched, answered, experienced, answered, completed
    assert test_lrs.stored == {}
    assert set(ScenarioStatement.objects.values_list("status", flat=True)) == {
        StatementStatus.FAILED
    }
    assert "HTTP 500" in ScenarioStatement.objects.first().last_error
    assert "refused or missed" in caplog.text

    # Still down when cron runs: nothing is lost, nothing marked delivered.
    assert "Sent 0, failed 5" in send_pending()
    assert not ScenarioStatement.objects.filter(status=StatementStatus.SENT).exists()

    test_lrs.failures = 0  # back up
    requests_before = len(test_lrs.requests)
    assert "Sent 5, failed 0; 0 waiting" in send_pending()
    assert set(test_lrs.stored) == ids
    assert all(count == 1 for count in test_lrs.store_counts.values())
    # The recovery sent each statement once, in one batch, exactly as stored.
    recovery = test_lrs.requests[requests_before:]
    assert len(recovery) == 1 and sorted(s["id"] for s in recovery[0][3]) == sorted(ids)
    for row in ScenarioStatement.objects.all():
        assert test_lrs.stored[str(row.pk)] == row.statement
        assert row.status == StatementStatus.SENT and row.sent_at and row.tries == 3

    # Later runs and a repeated task send nothing again.
    requests_before = len(test_lrs.requests)
    assert "Sent 0, failed 0" in send_pending()
    assert lrs.deliver_batch(list(ids)) == {"sent": 0, "failed": 0}
    assert len(test_lrs.requests) == requests_before
    assert sorted(test_lrs.posted_ids()).count(next(iter(ids))) == 3  # 2 failures + 1 success


@pytest.mark.django_db
def test_statements_go_out_as_the_player_plays_when_the_lrs_is_up(
    client, scenario, test_lrs, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        play(client, scenario)
    assert len(test_lrs.stored) == 5
    assert set(ScenarioStatement.objects.values_list("status", flat=True)) == {StatementStatus.SENT}
    method, path, headers, body = test_lrs.requests[0]
    assert (method, path) == ("POST", "/xapi/statements")
    assert headers["X-Experience-API-Version"] == "1.0.3"
    assert headers["Content-Type"] == "application/json"
    assert body[0]["verb"]["id"] == "http://adlnet.gov/expapi/verbs/launched"


@pytest.mark.django_db
def test_a_statement_the_lrs_already_holds_counts_as_delivered(client, scenario, test_lrs):
    play(client, scenario)  # on-commit callbacks not run: all pending
    first = ScenarioStatement.objects.first()
    test_lrs.stored[str(first.pk)] = dict(first.statement, timestamp="2020-01-01T00:00:00Z")
    assert "Sent 5, failed 0" in send_pending()
    # The batch met a 409 and went again one by one, with PUT and the id.
    puts = [r for r in test_lrs.requests if r[0] == "PUT"]
    assert len(puts) == 5 and all("statementId=" in r[1] for r in puts)
    assert not ScenarioStatement.objects.exclude(status=StatementStatus.SENT).exists()


@pytest.mark.django_db
def test_one_refused_statement_does_not_hold_back_the_others(client, scenario, test_lrs, caplog):
    play(client, scenario)
    refused = ScenarioStatement.objects.get(verb="experienced")
    test_lrs.refuse = {str(refused.pk)}
    assert "Sent 4, failed 1" in send_pending()
    refused.refresh_from_db()
    assert refused.status == StatementStatus.FAILED
    assert "HTTP 400" in refused.last_error and "statement refused" in refused.last_error
    assert "refused or missed 1 statement" in caplog.text
    assert len(test_lrs.stored) == 4


@pytest.mark.django_db
def test_wrong_credentials_are_recorded_and_retried(client, scenario, test_lrs, settings):
    play(client, scenario)
    settings.XAPI_LRS_SECRET = "wrong"
    assert "failed 5" in send_pending()
    assert "HTTP 401" in ScenarioStatement.objects.first().last_error
    settings.XAPI_LRS_SECRET = SECRET
    assert "Sent 5" in send_pending()


@pytest.mark.django_db
def test_a_redirect_is_not_taken_for_a_delivery(client, scenario, test_lrs, settings):
    """urllib would repeat a redirected POST as a GET; its 200 is no delivery."""
    play(client, scenario)
    settings.XAPI_LRS_ENDPOINT = settings.XAPI_LRS_ENDPOINT.replace("/xapi/", "/moved/")
    assert "Sent 0, failed 5" in send_pending()
    assert "HTTP 301" in ScenarioStatement.objects.first().last_error
    assert [method for method, *_rest in test_lrs.requests] == ["POST"]


@pytest.mark.django_db
def test_a_statement_tried_too_often_is_left_alone(client, scenario, test_lrs):
    play(client, scenario)
    ScenarioStatement.objects.update(tries=50, status=StatementStatus.FAILED)
    assert "Sent 0, failed 0; 5 waiting" in send_pending()
    assert test_lrs.requests == []


@pytest.mark.django_db
def test_without_an_lrs_statements_are_kept(
    client, scenario, settings, django_capture_on_commit_callbacks
):
    settings.XAPI_LRS_ENDPOINT = ""
    with django_capture_on_commit_callbacks(execute=True):
        play(client, scenario)
    assert (
        "No learning record store configured (XAPI_LRS_ENDPOINT); 5 statement(s) kept."
        in send_pending()
    )
    assert set(ScenarioStatement.objects.values_list("status", flat=True)) == {
        StatementStatus.PENDING
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("failure", ["500", "unreachable", "not-an-address", "wrong-path"])
def test_a_bad_lrs_is_logged_and_never_a_500_for_the_player(
    migrated_db, client, home_page, test_lrs, settings, caplog, failure
):
    """On-commit callbacks run inside the request here (transactional test),
    as in production: the player still gets their pages."""
    scenario = make_scenario(ScenarioIndexPageFactory(parent=home_page))
    if failure == "500":
        test_lrs.failures = 100
    elif failure == "unreachable":
        settings.XAPI_LRS_ENDPOINT = "http://127.0.0.1:9/xapi/"  # discard port: refused
    elif failure == "not-an-address":
        settings.XAPI_LRS_ENDPOINT = "lrs.example.org without a scheme"
    else:
        settings.XAPI_LRS_ENDPOINT = settings.XAPI_LRS_ENDPOINT.replace("/xapi/", "/elsewhere/")
    play(client, scenario)
    assert ScenarioStatement.objects.count() == 5
    assert set(ScenarioStatement.objects.values_list("status", flat=True)) == {
        StatementStatus.FAILED
    }
    assert "refused or missed" in caplog.text


@pytest.mark.postgres
@pytest.mark.database
@pytest.mark.django_db(transaction=True)
def test_parallel_senders_never_send_a_statement_twice(migrated_db, test_lrs):
    """A task worker and cron (here: four senders at once) lock the rows they
    send; the others skip them. Needs PostgreSQL's row locks."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    ScenarioStatement.objects.bulk_create(
        ScenarioStatement(
            id=statement_id,
            moment=f"m{n}",
            verb="launched",
            scenario_key=uuid.uuid4(),
            statement={"id": str(statement_id), "n": n},
        )
        for n, statement_id in enumerate(uuid.uuid4() for _ in range(160))
    )
    test_lrs.delay = 0.2
    barrier = threading.Barrier(4)
    results, errors = [], []

    def sender():
        try:
            barrier.wait(timeout=30)
            results.append(lrs.deliver_pending())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(result["sent"] for result in results) == 160
    assert len(test_lrs.stored) == 160
    assert set(test_lrs.store_counts.values()) == {1}
    assert len(test_lrs.posted_ids()) == 160  # no statement was even posted twice
    assert not ScenarioStatement.objects.exclude(status=StatementStatus.SENT).exists()
