"""Editors preview a scenario's introduction, each step and each ending (the
admin's preview modes), as edited and without playing it."""

import pytest
from django.urls import reverse

from resources.models import ScenarioAttempt
from resources.scenarios.graph import Choice, Graph, Step, way_to
from tests.admin_forms import page_edit_data
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


def test_every_step_and_ending_is_a_preview_mode(scenario):
    assert [str(label) for _mode, label in scenario.preview_modes] == [
        "Introduction",
        "Step: A bus arrives",
        "Step: A quiet room",
        "Step: The driver answers for them",
        "Ending: Referred to help",
        "Ending: A missed chance",
        "Ending: Lost contact",
    ]
    assert scenario.default_preview_mode == ""


def test_editor_previews_a_step_and_an_ending_as_edited(client, superuser, scenario):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[scenario.pk])
    data = page_edit_data(scenario, superuser)
    step_title = next(name for name, value in data.items() if value == "A quiet room")
    data[step_title] = "A quiet room with a window"
    assert client.post(url, data).json()["is_valid"]

    intro = client.get(url, {"mode": ""}).content.decode()
    assert "Practise a first contact." in intro

    step = client.get(url, {"mode": "step:private-talk"})
    assert step.status_code == 200
    html = step.content.decode()
    assert "A quiet room with a window" in html
    assert "Call an interpreter" in html
    assert "1 choice made so far" in html
    assert 'class="scenario__choice" disabled' in html  # choosing needs the live page

    ending = client.get(url, {"mode": "step:good-end"})
    assert ending.status_code == 200
    html = ending.content.decode()
    assert "Referred to help" in html
    assert "Summary of good-end" in html
    # The shortest way there, and its score.
    assert "Ask calmly in private" in html and "Call an interpreter" in html
    assert "Your score: 5" in html

    unknown = client.get(url, {"mode": "step:no-such-step"})
    assert unknown.status_code == 404
    assert not ScenarioAttempt.objects.exists()


def test_way_to_a_step_is_the_shortest_from_the_start():
    graph = Graph(
        start="a",
        steps=[
            Step("a", "A", choices=(Choice("long", "", "b"), Choice("short", "", "c"))),
            Step("b", "B", choices=(Choice("on", "", "c"),)),
            Step("c", "C", is_ending=True),
            Step("lost", "Lost", is_ending=True),
        ],
    )
    assert way_to(graph, "a") == []
    assert way_to(graph, "b") == ["long"]
    assert way_to(graph, "c") == ["short"]
    assert way_to(graph, "lost") is None
