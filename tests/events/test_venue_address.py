"""Venue addresses field by field: the data migration that splits today's
free text into street, postcode and city (events 0008), and the admin."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.events.factories import EventPageFactory

migration = importlib.import_module("events.migrations.0008_event_venue_split_postcode")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "city", "expected"),
    [
        (
            "ul. Stefana Batorego 5, 02-591 Warszawa",
            "",
            ("ul. Stefana Batorego 5", "02-591", "Warszawa"),
        ),
        (
            "al. 3 Maja 12 lok. 510, 00-391 Warszawa",
            "Warszawa",
            ("al. 3 Maja 12 lok. 510", "00-391", "Warszawa"),
        ),
        ("ul. Długa 1 22-100 Chełm", "", ("ul. Długa 1", "22-100", "Chełm")),
        ("80-563 Gdańsk", "", ("", "80-563", "Gdańsk")),
        # A city already given is kept.
        (
            "ul. Bema 100, 15-370 Białystok",
            "Białystok-Dojlidy",
            ("ul. Bema 100", "15-370", "Białystok-Dojlidy"),
        ),
        ("ul. Spokojna 4", "Lublin", None),
        ("bul. Dondukov 52", "Sofia", None),
        ("", "", None),
    ],
)
def test_split_address(address, city, expected):
    assert migration.split_address(address, city) == expected


def test_forwards_splits_pages_and_their_revisions(events_index):
    mixed = EventPageFactory(
        parent=events_index,
        venue_address="ul. Barska 28/30, 02-315 Warszawa",
        venue_city="",
        venue_name="Chief Labour Inspectorate",
    )
    revision = mixed.save_revision()
    plain = EventPageFactory(parent=events_index, venue_address="ul. Spokojna 4")
    migration.forwards(apps, None)
    mixed.refresh_from_db()
    assert (mixed.venue_address, mixed.venue_postcode, mixed.venue_city) == (
        "ul. Barska 28/30",
        "02-315",
        "Warszawa",
    )
    revision.refresh_from_db()
    assert revision.content["venue_address"] == "ul. Barska 28/30"
    assert revision.content["venue_postcode"] == "02-315"
    # Publishing the draft made before the split keeps the split.
    revision.publish()
    mixed.refresh_from_db()
    assert mixed.venue_postcode == "02-315"
    plain.refresh_from_db()
    assert (plain.venue_address, plain.venue_postcode) == ("ul. Spokojna 4", "")


def admin_edit(client, event, **venue):
    data = nested_form_data(
        {
            "title": "Workshop",
            "slug": event.slug,
            "kind": "workshop",
            "introduction": "",
            "timezone": "Europe/Warsaw",
            "start": "2031-05-12 10:00",
            "end": "2031-05-12 17:00",
            "status": "scheduled",
            "venue_name": "Chief Labour Inspectorate",
            "venue_address": "ul. Barska 28/30",
            "venue_city": "Warszawa",
            "venue_region": "mazowieckie",
            "venue_country": "PL",
            "body": streamfield([]),
            "materials": streamfield([]),
            "sessions": inline_formset([]),
            "questions": inline_formset([]),
            "registration_enabled": "on",
            "audience": "public",
            "capacity": "15",
            "waiting_list_enabled": "on",
            "action-publish": "publish",
            **venue,
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)


def test_admin_takes_the_address_field_by_field(client, events_index, superuser):
    event = EventPageFactory(parent=events_index)
    client.force_login(superuser)
    response = admin_edit(client, event, venue_postcode="02-315")
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.venue_address, event.venue_postcode, event.venue_city) == (
        "ul. Barska 28/30",
        "02-315",
        "Warszawa",
    )


def test_admin_refuses_a_malformed_polish_postcode(client, events_index, superuser):
    event = EventPageFactory(parent=events_index)
    client.force_login(superuser)
    response = admin_edit(client, event, venue_postcode="02315")
    assert response.status_code == 200
    assert "A Polish postcode is written NN-NNN, e.g. 02-591." in response.content.decode()
    event.refresh_from_db()
    assert event.venue_postcode == "" and event.venue_address == ""
    # Abroad, postcodes have other shapes.
    response = admin_edit(client, event, venue_postcode="1000", venue_country="BG")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_new_postcode_is_news_for_attendees_but_an_old_snapshot_is_not(events_index):
    from django.core import mail  # noqa: PLC0415 - only this test reads the outbox

    from events import services  # noqa: PLC0415
    from events.models import EventPage  # noqa: PLC0415
    from tests.events.conftest import person  # noqa: PLC0415

    event = EventPageFactory(
        parent=events_index, venue_address="ul. Trubakowska 2", venue_postcode="22-100"
    )
    event.save_revision().publish()
    services.register(event, person(1))
    event = EventPage.objects.get(pk=event.pk)
    # A snapshot from before postcodes were recorded: publishing again is no news.
    snapshot = dict(event.published_snapshot)
    snapshot.pop("venue_postcode", None)
    EventPage.objects.filter(pk=event.pk).update(published_snapshot=snapshot)
    mail.outbox.clear()
    event = EventPage.objects.get(pk=event.pk)
    event.save_revision().publish()
    assert mail.outbox == []
    sequence = EventPage.objects.get(pk=event.pk).sequence

    event = EventPage.objects.get(pk=event.pk)
    event.venue_postcode = "22-101"
    event.save_revision().publish()
    assert EventPage.objects.get(pk=event.pk).sequence == sequence + 1
    assert len(mail.outbox) == 1
    assert "22-101 Chełm" in mail.outbox[0].body
