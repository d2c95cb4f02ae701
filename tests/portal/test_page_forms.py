"""Shared pieces of the page editor: coordinates pasted as text or a map
link, topics in the page's language, a filterable list of institutions."""

from decimal import Decimal

import pytest
from django.urls import reverse

from events.models import EventPage
from portal.page_forms import parse_coordinates
from tests.admin_forms import page_edit_data
from tests.directory.factories import InstitutionFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import TopicFactory

WARSAW = (Decimal("52.229700"), Decimal("21.012200"))


@pytest.mark.parametrize(
    "text",
    [
        "52.2297, 21.0122",
        "52.2297,21.0122",
        " 52.2297 21.0122 ",
        "52.2297; 21.0122",
        "geo:52.2297,21.0122",
        "https://www.openstreetmap.org/#map=17/52.2297/21.0122",
        "https://www.openstreetmap.org/?mlat=52.2297&mlon=21.0122#map=17/52.2297/21.0122",
        "https://www.openstreetmap.org/?mlat=52.2297&mlon=21.0122",
        "https://www.google.com/maps/place/Warszawa/@52.2297,21.0122,15z",
    ],
)
def test_coordinates_are_read_from_text_and_links(text):
    assert parse_coordinates(text) == WARSAW


@pytest.mark.parametrize(
    "text",
    ["", "Warszawa", "91, 21", "52.2, 181", "52,2297 21,0122x", "a" * 5000, "1e400, 2", "\x00"],
)
def test_unreadable_coordinates_are_refused(text):
    assert parse_coordinates(text) is None


@pytest.fixture
def event_in_admin(home_page, superuser):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, title="Training in Chełm", slug="training-chelm")


@pytest.mark.django_db
def test_pasting_a_map_link_fills_latitude_and_longitude(client, superuser, event_in_admin):
    client.force_login(superuser)
    data = page_edit_data(event_in_admin, superuser)
    data["coordinates"] = "https://www.openstreetmap.org/#map=17/51.1323/23.4719"
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event_in_admin.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(pk=event_in_admin.pk)
    assert (event.latitude, event.longitude) == (Decimal("51.132300"), Decimal("23.471900"))


@pytest.mark.django_db
def test_unreadable_coordinates_get_a_clear_error_and_nothing_is_saved(
    client, superuser, event_in_admin
):
    client.force_login(superuser)
    data = page_edit_data(event_in_admin, superuser)
    data["coordinates"] = "somewhere near Chełm"
    data["title"] = "Changed title"
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[event_in_admin.pk]), data)
    assert response.status_code == 200
    assert "These are not coordinates we can read" in response.content.decode()
    event = EventPage.objects.get(pk=event_in_admin.pk)
    assert event.title == "Training in Chełm"
    assert event.latitude is None


@pytest.mark.django_db
def test_event_form_offers_topics_once_in_the_pages_language_and_filterable_organisers(
    client, superuser, event_in_admin, locales
):
    TopicFactory(name="Labour exploitation", slug="labour-exploitation", locale=locales["en"])
    TopicFactory(name="Wyzysk pracy", slug="labour-exploitation", locale=locales["pl"])
    chosen = InstitutionFactory(name="Zielona Góra Border Guard Post")
    InstitutionFactory(name="Chief Labour Inspectorate")
    event_in_admin.organisers.add(chosen)
    event_in_admin.save_revision().publish()
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[event_in_admin.pk])).content.decode()
    assert "Labour exploitation" in html
    assert "Wyzysk pracy" not in html
    assert "data-searchable-checkboxes" in html
    assert "portal/admin/searchable-checkboxes" in html
    organisers = html[html.index('name="organisers"') - 2000 :]
    # The chosen organiser is listed before the others, though it sorts last by name.
    assert organisers.index("Zielona Góra Border Guard Post") < organisers.index(
        "Chief Labour Inspectorate"
    )
