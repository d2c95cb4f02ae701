"""Seats left, as anonymous visitors see them through the page cache: every
change of seats makes the event page, the listings and the home page fresh
at once, and time-dependent text expires when its moment comes."""

import json
import re
import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Page

from events import services
from events.choices import RegistrationStatus
from portal.models import SiteSettings
from portal.page_cache import generations, middleware
from tests.events.conftest import person, valid_form_data
from tests.events.factories import EventPageFactory, RegistrationFactory, in_days
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_settings(home_page):
    SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def small_event(events_index):
    return EventPageFactory(
        parent=events_index,
        title="Workshop in Lublin",
        slug="workshop-lublin",
        capacity=3,
        waiting_list_enabled=True,
    )


def seats_shown(client, url="/events/workshop-lublin/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    text = re.search(r"(\d+) of 3 seats? left", html)
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )
    return int(text.group(1)), data["remainingAttendeeCapacity"], response


def assert_cached(client, url):
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_registration_cancellation_and_promotion_change_seats_at_once(client, small_event):
    assert seats_shown(client)[:2] == (3, 3)
    assert_cached(client, "/events/workshop-lublin/")

    first = services.register(small_event, person(1)).registration
    assert seats_shown(client)[:2] == (2, 2)
    services.register(small_event, person(2))
    services.register(small_event, person(3))
    left, remaining, response = seats_shown(client)
    assert (left, remaining) == (0, 0)
    assert "seats" in response["X-Cache-Tags"].split(",")

    waiting = services.register(small_event, person(4)).registration
    assert waiting.status == RegistrationStatus.WAITING
    assert_cached(client, "/events/workshop-lublin/")
    # Cancelling gives the seat to the waiting list: still none left.
    services.cancel(first)
    assert seats_shown(client)[:2] == (0, 0)
    services.cancel(waiting)
    services.cancel(services.register(small_event, person(5)).registration)
    assert_cached(client, "/events/workshop-lublin/")
    services.cancel(
        small_event.registrations_queryset().get(email="person2@example.org"),
        by_organiser=True,
    )
    assert seats_shown(client)[:2] == (2, 2)
    # The organiser gives the seat back by hand.
    services.promote(small_event.registrations_queryset().get(email="person2@example.org"))
    assert seats_shown(client)[:2] == (1, 1)
    services.move_to_waiting_list(
        small_event.registrations_queryset().get(email="person2@example.org")
    )
    assert seats_shown(client)[:2] == (2, 2)


def test_listings_and_home_page_show_fresh_seats(client, small_event, home_page):
    for url in ("/events/", "/"):
        assert_cached(client, url)
    services.register(small_event, person(1))
    for url in ("/events/", "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        if "Workshop in Lublin" in response.content.decode():
            assert "2 seats left" in response.content.decode()


def test_seats_stay_exact_through_a_registration_storm(client, events_index):
    event = EventPageFactory(parent=events_index, slug="storm", capacity=25)
    url = "/events/storm/"
    for n in range(30):
        services.register(event, person(n))
        html = client.get(url).content.decode()
        left = max(25 - (n + 1), 0)
        assert f'"remainingAttendeeCapacity": {left}' in html
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_registration_through_the_form_refreshes_the_page(client, small_event):
    assert_cached(client, "/events/workshop-lublin/")
    response = client.post("/events/workshop-lublin/register/", valid_form_data())
    assert response.status_code in (200, 302)
    anonymous = type(client)()
    assert seats_shown(anonymous)[:2] == (2, 2)


def test_organiser_raising_the_capacity_is_seen_at_once(client, small_event):
    assert_cached(client, "/events/workshop-lublin/")
    page = Page.objects.get(pk=small_event.pk).specific
    page.capacity = 5
    page.save_revision().publish()
    html = client.get("/events/workshop-lublin/").content.decode()
    assert '"maximumAttendeeCapacity": 5' in html
    assert '"remainingAttendeeCapacity": 5' in html


def test_anonymised_registrations_refresh_the_pages(client, small_event):
    RegistrationFactory(event=small_event)
    assert_cached(client, "/events/workshop-lublin/")
    before = generations.current()[generations.SEATS]
    services.anonymise_registrations(small_event.registrations_queryset())
    assert generations.current()[generations.SEATS] != before
    assert client.get("/events/workshop-lublin/")["X-Page-Cache"] == "miss"


def test_check_in_is_a_change_of_seats(client, small_event):
    registration = services.register(small_event, person(1)).registration
    assert_cached(client, "/events/workshop-lublin/")
    # Check-in opens the day before the event: check in as at the start.
    services.check_in(registration, now=small_event.start)
    assert client.get("/events/workshop-lublin/")["X-Page-Cache"] == "miss"


def test_pages_without_seats_stay_cached_when_seats_change(client, small_event, home_page):
    StandardPageFactory(parent=home_page, title="About", slug="about")
    assert_cached(client, "/about/")
    services.register(small_event, person(1))
    assert client.get("/about/")["X-Page-Cache"] == "hit"


def test_page_expires_when_registration_closes(client, events_index, monkeypatch):
    closes = timezone.now() + timedelta(seconds=90)
    EventPageFactory(
        parent=events_index, slug="closing-soon", capacity=10, registration_closes_at=closes
    )
    response = client.get("/events/closing-soon/")
    assert response.status_code == 200
    max_age = int(response["Cache-Control"].rsplit("s-maxage=", 1)[1])
    assert 0 < max_age <= 90
    assert client.get("/events/closing-soon/")["X-Page-Cache"] == "hit"
    # Once registration has closed, the page is rendered again.
    later = time.time() + 91
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    assert client.get("/events/closing-soon/").get("X-Page-Cache") != "hit"


def test_event_start_caps_the_lifetime_of_listings(client, events_index):
    EventPageFactory(
        parent=events_index,
        slug="starting",
        start=timezone.now() + timedelta(seconds=120),
        end=timezone.now() + timedelta(hours=3),
    )
    response = client.get("/events/")
    max_age = int(response["Cache-Control"].rsplit("s-maxage=", 1)[1])
    assert 0 < max_age <= 120


def test_registration_form_is_rendered_once_with_each_visitors_own_token(client, small_event):
    """A page with a form: its rendering is kept with a placeholder for the
    CSRF token; every visitor gets their own token and cookie, and a
    private response that no shared cache keeps."""
    url = "/events/workshop-lublin/register/"
    first = client.get(url)
    visitor = Client(enforce_csrf_checks=True)
    second = visitor.get(url)
    assert second["X-Page-Cache"] == "hit"
    assert second["Cache-Control"] == "private, no-store"
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', r.content.decode()).group(1)
        for r in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert "portal-page-cache-csrf-token-placeholder" not in second.content.decode()
    assert second.cookies["csrftoken"].value
    # The visitor's token passes the CSRF check: the registration is made.
    response = visitor.post(url, valid_form_data(csrfmiddlewaretoken=tokens[1]))
    assert response.status_code in (200, 302)
    assert small_event.registrations_queryset().filter(email="jan.kowalski@example.org").exists()
    # The kept form follows the seats: once full, it offers the waiting list.
    assert "The event is full" not in Client().get(url).content.decode()
    services.register(small_event, person(1))
    services.register(small_event, person(2))
    assert "The event is full" in Client().get(url).content.decode()


# --- seats per event: one event's registrations leave the others' pages alone ---------


@pytest.fixture
def other_event(events_index):
    return EventPageFactory(
        parent=events_index, title="Conference in Gdańsk", slug="conference-gdansk", capacity=50
    )


def remaining(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    )["remainingAttendeeCapacity"]


def assert_hit_without_queries(client, url, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_registering_for_one_event_leaves_another_events_page_cached(
    client, small_event, other_event, django_assert_num_queries
):
    other = "/events/conference-gdansk/"
    assert_cached(client, "/events/workshop-lublin/")
    assert_cached(client, other)

    response = Client().post("/events/workshop-lublin/register/", valid_form_data())
    assert response.status_code == 302

    # The other event's page: still the cached one, not a single query.
    response = assert_hit_without_queries(client, other, django_assert_num_queries)
    assert remaining(response.content.decode()) == 50
    # This event's page: fresh, with the exact number.
    left, json_left, response = seats_shown(client)
    assert (left, json_left) == (2, 2)
    assert response["X-Page-Cache"] == "miss"
    tags = response["X-Cache-Tags"].split(",")
    assert f"seats-{small_event.translation_key.hex}" in tags
    assert f"seats-{other_event.translation_key.hex}" not in tags


def test_after_a_storm_other_events_stay_cached_and_this_one_is_exact(
    client, events_index, other_event, django_assert_num_queries
):
    event = EventPageFactory(parent=events_index, slug="storm", capacity=25)
    other = "/events/conference-gdansk/"
    assert_cached(client, other)
    form = Client()
    for n in range(30):
        if n % 2:
            services.register(event, person(n))
        else:
            data = valid_form_data(name=f"Person {n}", email=f"person{n}@example.org")
            assert form.post("/events/storm/register/", data).status_code == 302
    assert event.registrations_queryset().count() == 30
    assert_hit_without_queries(client, other, django_assert_num_queries)
    html = client.get("/events/storm/").content.decode()
    assert remaining(html) == 0
    assert "0 of 25 seats left" in html
    # Cancelling gives the seat to the first on the waiting list: still none.
    services.cancel(event.registrations_queryset().get(email="person3@example.org"))
    assert remaining(client.get("/events/storm/").content.decode()) == 0
    for registration in event.registrations_queryset().filter(status="waiting"):
        services.cancel(registration)
    services.cancel(event.registrations_queryset().get(email="person5@example.org"))
    assert remaining(client.get("/events/storm/").content.decode()) == 1
    assert_hit_without_queries(client, other, django_assert_num_queries)


def test_the_translation_of_the_event_is_refreshed_too(client, small_event, other_event, locales):
    polish = small_event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.title = "Warsztaty w Lublinie"
    polish.save_revision().publish()
    polish_url = polish.url
    other_polish = other_event.copy_for_translation(locales["pl"], copy_parents=True)
    other_polish.save_revision().publish()
    for url in (polish_url, other_polish.url, "/events/workshop-lublin/"):
        assert_cached(client, url)

    services.register(small_event, person(1))

    response = client.get(polish_url)
    assert response["X-Page-Cache"] == "miss"
    assert remaining(response.content.decode()) == 2
    assert remaining(client.get("/events/workshop-lublin/").content.decode()) == 2
    assert client.get(other_polish.url)["X-Page-Cache"] == "hit"


def test_listings_and_home_page_follow_the_seats_of_the_events_they_show(
    client, small_event, home_page, events_index
):
    hidden = EventPageFactory(
        parent=events_index, slug="later", start=in_days(400), end=in_days(401), capacity=9
    )
    for url in ("/events/", "/"):
        assert_cached(client, url)
    # An event that the home page does not show (it shows the next three).
    for days in (1, 2, 3):
        EventPageFactory(
            parent=events_index, slug=f"soon-{days}", start=in_days(days), end=in_days(days, 16)
        )
    assert_cached(client, "/")
    services.register(hidden, person(1))
    assert client.get("/")["X-Page-Cache"] == "hit"
    services.register(small_event, person(2))
    html = client.get("/events/").content.decode()
    assert "2 seats left" in html and "8 seats left" in html


def test_the_cached_form_follows_only_whether_a_seat_is_left(client, small_event):
    url = "/events/workshop-lublin/register/"
    client.get(url)
    services.register(small_event, person(1))
    services.register(small_event, person(2))
    # Seats were taken but one is left: the kept form is still right.
    response = Client().get(url)
    assert response["X-Page-Cache"] == "hit"
    assert "The event is full" not in response.content.decode()
    # The last seat: the form now offers the waiting list.
    services.register(small_event, person(3))
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "The event is full" in response.content.decode()
    # Joining the waiting list changes nothing the form shows.
    services.register(small_event, person(4))
    assert Client().get(url)["X-Page-Cache"] == "hit"
    # A cancelled seat (given to the waiting list, or freed) renders it again.
    services.cancel(small_event.registrations_queryset().get(email="person4@example.org"))
    services.cancel(small_event.registrations_queryset().get(email="person1@example.org"))
    response = Client().get(url)
    assert response["X-Page-Cache"] == "miss"
    assert "The event is full" not in response.content.decode()


def test_another_app_server_bumping_an_events_seats_is_seen(client, small_event, other_event):
    """Generations live in the shared cache (Redis in production): a
    registration made through another app server refreshes this one's page."""
    from django.core.cache import cache  # noqa: PLC0415

    from events import seats  # noqa: PLC0415

    assert_cached(client, "/events/workshop-lublin/")
    assert_cached(client, "/events/conference-gdansk/")
    cache.set(generations.key(seats.seats_tag(small_event.translation_key)), "another-server", None)
    assert client.get("/events/workshop-lublin/")["X-Page-Cache"] == "miss"
    assert client.get("/events/conference-gdansk/")["X-Page-Cache"] == "hit"
    # An evicted generation is never taken for the old one.
    client.get("/events/workshop-lublin/")
    cache.delete(generations.key(seats.seats_tag(small_event.translation_key)))
    assert client.get("/events/workshop-lublin/")["X-Page-Cache"] == "miss"
