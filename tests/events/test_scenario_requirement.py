"""A training event can ask attendees to complete a training scenario first."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from events import requirements, services
from resources.models import ScenarioAttempt
from tests.events.conftest import person, valid_form_data
from tests.factories import UserFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


@pytest.fixture
def required(event, scenario):
    event.required_scenario = scenario
    event.save_revision().publish()
    event.refresh_from_db()
    return event


def complete(scenario, user):
    return ScenarioAttempt.objects.create(
        scenario=scenario,
        user=user,
        path=["c-ask", "c-interpreter"],
        finished_at=timezone.now(),
        ending="good-end",
        ending_title="Referred to help",
        score=5,
    )


def test_events_without_a_requirement_are_unchanged(client, event):
    assert requirements.required_page(event) is None
    assert "Before attending" not in client.get(event.url).content.decode()


def test_the_event_page_links_to_the_scenario(client, required, scenario, member):
    html = client.get(required.url).content.decode()
    assert "Before attending" in html
    assert f'href="{scenario.url}"' in html
    assert "Sign in before playing it" in html
    client.force_login(member)
    assert "Not completed yet" in client.get(required.url).content.decode()
    complete(scenario, member)
    assert "You have completed it" in client.get(required.url).content.decode()


def test_registration_shows_the_requirement_but_is_not_refused(client, required, scenario, member):
    client.force_login(member)
    form = client.get(required.url + "register/").content.decode()
    assert "You can register now; complete the scenario before the event." in form
    assert f'href="{scenario.url}"' in form
    response = client.post(required.url + "register/", valid_form_data(email=member.email))
    assert response.status_code == 302
    complete(scenario, member)
    client.logout()
    client.force_login(UserFactory())
    assert "You can register now" in client.get(required.url + "register/").content.decode()


def test_a_member_who_completed_it_sees_no_warning(client, required, scenario, member):
    complete(scenario, member)
    client.force_login(member)
    assert "You can register now" not in client.get(required.url + "register/").content.decode()


def test_check_in_list_and_export_show_who_completed_it(client, required, scenario, organiser):
    done, not_done = UserFactory(), UserFactory()
    complete(scenario, done)
    services.register(required, person(1, name="Anna Done"), user=done)
    services.register(required, person(2, name="Piotr Notyet"), user=not_done)
    services.register(required, person(3, name="Ewa Guest"))  # no account
    client.force_login(organiser)
    html = client.get(reverse("events:check_in_list", args=[required.pk])).content.decode()
    assert "Scenario completed" in html
    assert "Scenario not completed" in html
    assert "Scenario: unknown (no account)" in html
    export = client.get(reverse("events_admin:registrations", args=[required.pk]) + "?export=csv")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = {
        row["Name"]: row["Training scenario completed"] for row in csv.DictReader(io.StringIO(text))
    }
    assert rows == {"Anna Done": "yes", "Piotr Notyet": "no", "Ewa Guest": "unknown (no account)"}


def test_completion_in_another_language_counts(scenario, required, locales, member):
    polish = scenario.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    complete(polish, member)
    assert requirements.completed_user_ids(required, [member.pk]) == {member.pk}


def test_a_deleted_or_unpublished_scenario_is_not_required(client, required, scenario):
    scenario.unpublish()
    assert requirements.required_page(required) is None
    assert "Before attending" not in client.get(required.url).content.decode()


def test_the_admin_chooser_offers_only_scenarios(client, superuser, event):
    client.force_login(superuser)
    html = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "required training scenario" in html.lower()
    assert "resources.scenariopage" in html.lower()
