from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_health_answers_200_when_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    # Tests run on local memory, which is always there.
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_health_answers_503_when_database_is_down(client):
    with mock.patch("portal.views.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
