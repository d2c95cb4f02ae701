"""Registrations arriving all at once, through the public form, on SQLite as
on PostgreSQL: every visitor gets a seat, a waiting-list place or a clear
refusal; nobody gets a server error and the capacity holds."""

import threading

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from wagtail.models import Locale, Page, Site

from events import services
from events.choices import RegistrationStatus
from events.models import Registration
from tests.events.conftest import valid_form_data
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import HomePageFactory

VISITORS = 20
CAPACITY = 3


@pytest.fixture
def storm_home(migrated_db):
    Locale.objects.get_or_create(language_code="en")
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="home-storm")
    Site.objects.filter(is_default_site=True).update(root_page=home)
    return home


def storm(url, visitors=VISITORS):
    """POST the registration form from `visitors` threads at the same moment;
    returns each one's status code (or the exception it raised)."""
    barrier = threading.Barrier(visitors)
    outcomes = [None] * visitors

    def visit(n):
        try:
            client = Client(raise_request_exception=True)
            data = valid_form_data(name=f"Person {n}", email=f"storm{n}@example.org")
            barrier.wait(timeout=60)
            outcomes[n] = client.post(url, data).status_code
        except Exception as error:  # noqa: BLE001 - reported by the test
            outcomes[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _failures(outcomes):
    return [o for o in outcomes if not isinstance(o, int) or o >= 500]


@pytest.mark.postgres
@pytest.mark.parametrize("waiting_list", [True, False])
def test_a_registration_storm_gets_places_or_refusals_never_errors(storm_home, waiting_list):
    index = EventIndexPageFactory(parent=storm_home)
    event = EventPageFactory(parent=index, capacity=CAPACITY, waiting_list_enabled=waiting_list)

    outcomes = storm(event.url + "register/")

    assert _failures(outcomes) == []
    registrations = Registration.objects.filter(event=event)
    confirmed = registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    waiting = registrations.filter(status=RegistrationStatus.WAITING).count()
    assert confirmed == CAPACITY
    if waiting_list:
        # Everybody got in, each with their own place in the queue.
        assert outcomes.count(302) == VISITORS
        assert waiting == VISITORS - CAPACITY
        numbers = sorted(registrations.values_list("queue_number", flat=True))
        assert numbers == list(range(1, VISITORS + 1))
    else:
        assert waiting == 0
        assert outcomes.count(302) == CAPACITY
        assert outcomes.count(400) == VISITORS - CAPACITY


@pytest.mark.django_db
def test_sqlite_queues_writers_instead_of_failing():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 10_000
    assert connection.transaction_mode == "IMMEDIATE"


def test_a_write_that_waits_too_long_is_refused_with_try_again(client, event, monkeypatch):
    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "register", locked)
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "please try again" in response.content.decode()


def test_other_database_errors_are_not_disguised(event, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: events_registration")

    monkeypatch.setattr(services, "register", broken)
    client = Client(raise_request_exception=False)
    assert client.post(event.url + "register/", valid_form_data()).status_code == 500
