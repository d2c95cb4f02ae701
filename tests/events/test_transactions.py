"""Behaviour that needs real commits: concurrency on PostgreSQL, mail only
after commit, and mail that survives a mail server outage."""

import threading

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from wagtail.models import Locale, Page

from events import services
from events.choices import MailStatus, RegistrationStatus
from events.models import Registration, RegistrationMail
from tests.events.conftest import person
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import HomePageFactory

pytestmark = pytest.mark.database


@pytest.fixture
def tx_event(migrated_db):
    # migrated_db puts rows back with their ids; PostgreSQL's sequences must
    # then be moved past them before anything new is inserted.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-tx")
    index = EventIndexPageFactory(parent=home)
    return EventPageFactory(parent=index, capacity=10)


@pytest.mark.postgres
def test_fifty_simultaneous_registrations_never_exceed_capacity(tx_event):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    event = tx_event
    barrier = threading.Barrier(50)
    errors = []

    def attempt(n):
        try:
            barrier.wait(timeout=30)
            services.register(event, person(n))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert registrations.filter(status=RegistrationStatus.WAITING).count() == 40
    numbers = list(registrations.values_list("queue_number", flat=True))
    assert sorted(numbers) == list(range(1, 51))
    # The waiting list is in arrival order: every confirmed one arrived first.
    confirmed_max = max(
        registrations.filter(status="confirmed").values_list("queue_number", flat=True)
    )
    waiting_min = min(registrations.filter(status="waiting").values_list("queue_number", flat=True))
    assert confirmed_max < waiting_min


def test_mail_goes_only_after_commit_and_never_for_a_rolled_back_registration(tx_event):
    mail.outbox.clear()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.register(tx_event, person(1))
        assert mail.outbox == []
        raise RuntimeError("something later fails")
    assert Registration.objects.count() == 0
    assert mail.outbox == []
    with transaction.atomic():
        services.register(tx_event, person(2))
        assert mail.outbox == []
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_server_down_keeps_registration_and_mail_goes_later(tx_event, settings):
    settings.EMAIL_BACKEND = "tests.events.test_transactions.BrokenBackend"
    result = services.register(tx_event, person(1))
    registration = Registration.objects.get(pk=result.registration.pk)
    assert registration.status == RegistrationStatus.CONFIRMED
    queued = RegistrationMail.objects.get(registration=registration)
    assert queued.status == MailStatus.FAILED
    assert "mail server down" in queued.last_error

    # Still down: the command tries again and keeps it.
    call_command("send_pending_mail", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == MailStatus.FAILED and queued.attempts == 2

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    call_command("send_pending_mail", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == MailStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["person1@example.org"]
    # Sent once only.
    call_command("send_pending_mail", verbosity=0)
    assert len(mail.outbox) == 1
