"""What makes a scenario unplayable, and that it cannot be published then."""

import datetime

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources.models import ScenarioPage
from resources.scenarios.graph import Choice, Graph, Step, replay, validate
from resources.scenarios.models import ScenarioNotPublishable
from resources.scenarios.wagtail_hooks import refuse_publishing_broken_scenario
from tests.factories import StandardPageFactory
from tests.resources.factories import DocumentFactory
from tests.resources.scenarios.factories import (
    ScenarioIndexPageFactory,
    choice,
    make_scenario,
    step,
)


def codes(graph):
    return sorted(problem.code for problem in validate(graph))


def good_graph():
    return Graph(
        start="a",
        steps=[
            Step("a", "A", choices=(Choice("1", "go", "b"), Choice("2", "stop", "end"))),
            Step("b", "B", choices=(Choice("3", "on", "end"),)),
            Step("end", "End", is_ending=True),
        ],
    )


def test_a_correct_graph_has_no_problems():
    assert validate(good_graph()) == []


def test_each_kind_of_problem_is_named():
    graph = good_graph()
    graph.steps.append(Step("island", "Island", choices=(Choice("4", "x", "end"),)))
    assert codes(graph) == ["unreachable"]
    assert "“island” cannot be reached" in str(validate(graph)[0].message)

    graph = good_graph()
    graph.steps[1] = Step("b", "B")
    assert codes(graph) == ["dead_end"]

    graph = good_graph()
    graph.steps[1] = Step("b", "B", choices=(Choice("3", "Call the coordinator", "nowhere"),))
    problems = validate(graph)
    assert [p.code for p in problems] == ["missing_target"]
    assert "Call the coordinator" in problems[0].message and "nowhere" in problems[0].message

    assert codes(Graph(start="", steps=[])) == ["no_start"]
    graph = good_graph()
    graph.start = "missing"
    assert "start_missing" in codes(graph)

    graph = good_graph()
    graph.steps.append(Step("b", "B again", is_ending=True))
    assert "duplicate_key" in codes(graph)

    graph = good_graph()
    graph.steps[1] = Step("b", "B", choices=(Choice("3", "on", "end"),), has_video=True)
    assert codes(graph) == ["no_captions"]
    graph.steps[1] = Step(
        "b", "B", choices=(Choice("3", "on", "end"),), has_video=True, has_captions=True
    )
    assert codes(graph) == []


def test_replay_keeps_only_a_path_that_fits_the_graph():
    graph = good_graph()
    assert replay(graph, ["1", "3"]) == (["1", "3"], "end")
    assert replay(graph, ["1", "2"]) == (["1"], "b")  # choice 2 is not at step b
    assert replay(graph, ["forged"]) == ([], "a")
    assert replay(graph, "not a list") == ([], "a")
    assert replay(graph, ["2", "3"]) == (["2"], "end")  # nothing after an ending


def _broken_scenario(home_page):
    """A draft whose only choice leads to a step that does not exist."""
    return make_scenario(
        ScenarioIndexPageFactory(parent=home_page),
        steps=[step("start", choices=[choice("c1", "Go", "missing")])],
        publish=False,
    )


@pytest.mark.django_db
def test_publishing_a_broken_scenario_is_refused_in_code(home_page):
    page = _broken_scenario(home_page)
    revision = page.save_revision()
    with pytest.raises(ScenarioNotPublishable) as error:
        revision.publish()
    assert "missing" in " ".join(error.value.messages)
    assert page.problems()


def _form_data(title, steps):
    return nested_form_data(
        {
            "title": title,
            "slug": "scenario-admin",
            "introduction": "",
            "description": rich_text(""),
            "start_step": "",
            "visibility": "public",
            "steps": inline_formset(steps),
            "related": streamfield([]),
            "comments": inline_formset([]),
        }
    )


def _step_form(key, choices, is_ending=False):
    data = {
        "key": key,
        "title": key.title(),
        "situation": rich_text(""),
        "image": "",
        "video": "",
        "video_url": "",
        "captions": "",
        "transcript": "",
        "choices": streamfield(
            [
                (
                    "choice",
                    {
                        "label": label,
                        "target": target,
                        "rating": "good",
                        "score": "",
                        "feedback": "Why.",
                        "guidance_page": "",
                        "guidance_url": "",
                    },
                )
                for label, target in choices
            ]
        ),
        "ending_summary": rich_text(""),
    }
    if is_ending:
        data["is_ending"] = "on"
    return data


@pytest.mark.django_db
def test_admin_saves_a_broken_draft_with_warnings_but_refuses_to_publish(
    client, superuser, home_page
):
    index = ScenarioIndexPageFactory(parent=home_page)
    client.force_login(superuser)
    url = f"/admin/pages/add/resources/scenariopage/{index.pk}/"
    broken = [_step_form("arrival", [("Ask", "nowhere")]), _step_form("orphan", [], True)]

    response = client.post(url, {**_form_data("Broken", broken), "action-publish": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "cannot be published while it has problems" in html
    assert "leads to “nowhere”, which does not exist" in html
    assert not ScenarioPage.objects.filter(slug="scenario-admin").exists()

    response = client.post(url, _form_data("Broken", broken))  # save draft
    assert response.status_code == 302
    page = ScenarioPage.objects.get(slug="scenario-admin")
    assert not page.live
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert "This scenario cannot be published yet" in edit.content.decode()
    assert "“orphan” cannot be reached" in edit.content.decode()

    fixed = [_step_form("arrival", [("Ask", "orphan")]), _step_form("orphan", [], True)]
    data = {**_form_data("Fixed", fixed), "slug": "fixed", "action-publish": "1"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert Page.objects.get(slug="fixed").live


@pytest.mark.django_db
def test_the_publish_hook_refuses_what_the_form_did_not_see(rf, superuser, home_page):
    index = ScenarioIndexPageFactory(parent=home_page)
    page = make_scenario(index, steps=[step("start")], publish=False)
    request = rf.post("/")
    request.user = superuser
    request.session = {}
    request._messages = FallbackStorage(request)
    response = refuse_publishing_broken_scenario(request, page)
    assert response.status_code == 302
    assert "cannot be published yet" in str(list(request._messages)[0])


@pytest.mark.django_db
def test_a_video_needs_captions_or_a_transcript(home_page):

    video = DocumentFactory(title="Film")
    bad = step("film", video=video)
    with pytest.raises(ValidationError) as error:
        bad.clean()
    assert "captions" in error.value.message_dict
    step("film", video=video, transcript="Officer: Good morning.").clean()


@pytest.mark.django_db
def test_editors_see_the_map_with_its_problems(client, superuser, home_page):
    index = ScenarioIndexPageFactory(parent=home_page)
    page = make_scenario(index)
    client.force_login(superuser)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert f"/admin/scenarios/{page.pk}/map/" in edit.content.decode()
    response = client.get(f"/admin/scenarios/{page.pk}/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "A bus arrives" in html and "No problems" in html
    assert html.count('class="arrow arrow--') == 5

    # A draft with a problem: the map shows the draft and its warning.
    draft = page.get_latest_revision_as_object()
    draft.steps.add(step("island", choices=[choice("c9", "x", "good-end")], sort_order=99))
    draft.save_revision()
    html = client.get(f"/admin/scenarios/{page.pk}/map/").content.decode()
    assert "“island” cannot be reached" in html
    assert "box--unreachable" in html


@pytest.mark.django_db
def test_the_map_is_for_those_who_may_edit(client, member, home_page):
    index = ScenarioIndexPageFactory(parent=home_page)
    page = make_scenario(index)
    client.force_login(member)
    response = client.get(f"/admin/scenarios/{page.pk}/map/")
    assert response.status_code in (302, 403)


@pytest.mark.django_db
def test_an_embedded_video_needs_a_transcript(home_page):

    captions = DocumentFactory(title="Captions")
    embedded = step("film", video_url="https://video.example.org/1", captions=captions)
    with pytest.raises(ValidationError) as error:
        embedded.clean()
    assert "transcript" in error.value.message_dict
    assert not embedded.has_captions
    step("film", video_url="https://video.example.org/1", transcript="Officer: Hello.").clean()


@pytest.mark.django_db
def test_a_broken_scheduled_scenario_does_not_stop_scheduled_publishing(home_page):

    broken = _broken_scenario(home_page)
    other = StandardPageFactory(parent=home_page, live=False)
    past = timezone.now() - datetime.timedelta(minutes=5)
    # Scheduled revisions as the admin would leave them (the broken one could
    # only get here around the form, e.g. by code).
    broken_revision = broken.save_revision(approved_go_live_at=past)
    other.save_revision(approved_go_live_at=past)

    call_command("publish_scheduled", verbosity=0)

    other.refresh_from_db()
    broken.refresh_from_db()
    assert other.live
    assert broken.live_revision_id != broken_revision.pk
    broken_revision.refresh_from_db()
    assert broken_revision.approved_go_live_at is None  # not retried on every run
