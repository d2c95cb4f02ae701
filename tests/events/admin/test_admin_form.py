"""The organiser types times in the event's own zone, whatever the admin's zone."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from events.models import EventPage

pytestmark = pytest.mark.django_db

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def test_edit_form_shows_the_events_wall_clock(client, event, superuser):
    event.timezone = "Europe/Sofia"
    event.start = datetime.datetime(2031, 5, 12, 10, 0, tzinfo=SOFIA)
    event.end = datetime.datetime(2031, 5, 12, 17, 0, tzinfo=SOFIA)
    event.save()
    form_class = EventPage.get_edit_handler().get_form_class()
    with timezone.override("Europe/Warsaw"):
        form = form_class(instance=event, for_user=superuser)
        shown = form["start"].value()  # naive, in the admin's current zone
    # 10:00 in Sofia is 09:00 in Warsaw; the organiser must see 10:00.
    assert shown.strftime("%H:%M") == "10:00"


def test_publishing_from_the_admin_stores_the_right_instant(client, event, superuser):
    client.force_login(superuser)
    data = nested_form_data(
        {
            "title": "Study visit to Sofia",
            "slug": event.slug,
            "kind": "study_visit",
            "introduction": "",
            "timezone": "Europe/Sofia",
            "start": "2031-05-12 10:00",
            "end": "2031-05-12 17:00",
            "status": "scheduled",
            "venue_name": "National Commission",
            "venue_city": "Sofia",
            "venue_country": "BG",
            "body": streamfield([]),
            "materials": streamfield([]),
            "sessions": inline_formset([]),
            "questions": inline_formset([]),
            "registration_enabled": "on",
            "audience": "public",
            "capacity": "15",
            "waiting_list_enabled": "on",
            "action-publish": "publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)
    assert response.status_code == 302, (
        response.context["form"].errors if response.context else response
    )
    event.refresh_from_db()
    assert event.timezone == "Europe/Sofia"
    assert event.start == datetime.datetime(2031, 5, 12, 7, 0, tzinfo=datetime.UTC)
    assert event.local_start.strftime("%H:%M") == "10:00"
    # Saving again without changes does not drift.
    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(instance=event, for_user=superuser)
    assert form["start"].value().strftime("%Y-%m-%d %H:%M") == "2031-05-12 10:00"
