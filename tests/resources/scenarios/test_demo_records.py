"""The demo's scenario has records worth exporting: attempts by members of
Border Guard units over two months, re-choices, and valid xAPI statements."""

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from resources.models import ScenarioAttempt, ScenarioChoiceEvent, ScenarioPage, ScenarioStatement
from resources.scenarios import lrs
from tests.factories import UserFactory

SCHEMA = json.loads((Path(__file__).parent / "xapi_statement.schema.json").read_text())


@pytest.mark.django_db(transaction=True)
def test_demo_scenario_records_and_exports(demo, client, settings):
    page = ScenarioPage.objects.filter(locale__language_code="en", attempts__isnull=False).first()
    attempts = ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key)
    assert attempts.exclude(institution=None).count() >= attempts.count() // 2
    assert len({a.started_at.date() for a in attempts}) > 10
    assert all(a.finished_at is None or a.finished_at > a.started_at for a in attempts)
    assert ScenarioChoiceEvent.objects.filter(attempt__in=attempts, is_rechoice=True).exists()
    statements = ScenarioStatement.objects.filter(scenario_key=page.translation_key)
    assert statements.filter(verb="completed").count() == attempts.exclude(finished_at=None).count()
    # Synthetic plays are never sent to a learning record store.
    assert set(ScenarioStatement.objects.values_list("status", flat=True)) == {"kept"}
    settings.XAPI_LRS_ENDPOINT = "http://127.0.0.1:9/xapi/"
    assert lrs.deliver_pending() == {"sent": 0, "failed": 0}
    validator = jsonschema.Draft202012Validator(SCHEMA)
    for row in statements:
        assert not list(validator.iter_errors(row.statement)), row.statement

    client.force_login(UserFactory(is_superuser=True))
    response = client.get(f"/admin/scenarios/analytics/{page.pk}/", {"export": "institutions-csv"})
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert any("Border Guard" in row[1] or "Straż Graniczna" in row[1] for row in rows)
    assert sum(int(row[2]) for row in rows) == attempts.count()
