"""Organisers' anonymous analytics and members' own completion records."""

import pytest
from django.test import Client
from django.utils import timezone

from resources.models import ScenarioAttempt, ScenarioChoiceEvent
from tests.factories import UserFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario

pytestmark = pytest.mark.django_db

PATHS = {
    "good": (["c-ask", "c-interpreter"], "good-end"),
    "poor": (["c-shout", "c-let-go"], "poor-end"),
    "unfinished": (["c-ask"], ""),
}


@pytest.fixture
def scenario(home_page):
    return make_scenario(ScenarioIndexPageFactory(parent=home_page))


def record(page, kind, user=None):
    path, ending = PATHS[kind]
    steps = {s.key: s for s in page.ordered_steps()}
    attempt = ScenarioAttempt.objects.create(
        scenario=page,
        user=user,
        path=path,
        finished_at=timezone.now() if ending else None,
        ending=ending,
        ending_title=steps[ending].title if ending else "",
        score=0,
    )
    key = "arrival"
    for choice_id in path:
        choice = steps[key].choice(choice_id)
        ScenarioChoiceEvent.objects.create(
            attempt=attempt, step=key, choice=choice_id, rating=choice["rating"]
        )
        key = choice["target"]
    return attempt


def add_players(page, good, poor, unfinished):
    for kind, count in (("good", good), ("poor", poor), ("unfinished", unfinished)):
        for _ in range(count):
            record(page, kind)


def test_counts_and_shares(client, organiser, scenario):
    add_players(scenario, good=3, poor=1, unfinished=2)
    member = UserFactory(first_name="Zofia", last_name="Nowakowska")
    record(scenario, "good", user=member)
    client.force_login(organiser)
    index = client.get("/admin/scenarios/analytics/").content.decode()
    assert "First contact" in index
    response = client.get(f"/admin/scenarios/analytics/{scenario.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<td>7</td>" in html  # started
    assert "<td>5 (71 %)</td>" in html  # finished
    # At the first step 6 of 7 asked in private (86 %), 1 shouted (14 %).
    assert "<td>6</td><td>86 %</td>" in html and "<td>1</td><td>14 %</td>" in html
    assert "Question them in front of the driver – 1 player" in html  # poor choices
    assert "Zofia" not in html and "Nowakowska" not in html and member.email not in html


def test_analytics_counts_translations_together(client, organiser, scenario, locales):
    polish = scenario.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    record(scenario, "good")
    record(polish, "poor")
    client.force_login(organiser)
    html = client.get(f"/admin/scenarios/analytics/{scenario.pk}/").content.decode()
    assert "<td>2</td>" in html


@pytest.mark.parametrize("role", ["organiser", "moderator", "superuser"])
def test_organisers_moderators_and_admins_see_analytics(client, request, role, scenario):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/admin/scenarios/analytics/").status_code == 200
    assert client.get(f"/admin/scenarios/analytics/{scenario.pk}/").status_code == 200
    assert "Scenario analytics" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["editor", "member"])
def test_others_are_refused(client, request, role, scenario):
    client.force_login(request.getfixturevalue(role))
    for path in ("/admin/scenarios/analytics/", f"/admin/scenarios/analytics/{scenario.pk}/"):
        response = client.get(path)
        if role == "editor":  # may use the admin, but not this
            assert response.status_code == 403
        else:  # no admin access at all: Wagtail sends them to log in
            assert response.status_code == 302 and "login" in response.url


def test_analytics_queries_do_not_grow_with_players(
    client, organiser, scenario, django_assert_max_num_queries
):
    client.force_login(organiser)
    add_players(scenario, good=2, poor=1, unfinished=1)
    with django_assert_max_num_queries(30) as small:
        client.get(f"/admin/scenarios/analytics/{scenario.pk}/")
    # Counted now: Django's query log keeps only the latest 9,000 queries.
    small = len(small.captured_queries)
    add_players(scenario, good=30, poor=20, unfinished=10)
    # The new rows made what the portal remembers per content generation (site,
    # locales, permissions) stale: the first request fills it again.
    client.get(f"/admin/scenarios/analytics/{scenario.pk}/")
    with django_assert_max_num_queries(small):
        client.get(f"/admin/scenarios/analytics/{scenario.pk}/")
    with django_assert_max_num_queries(30) as index_small:
        client.get("/admin/scenarios/analytics/")
    index_small = len(index_small.captured_queries)
    make_scenario(scenario.get_parent(), title="Second", slug="second")
    client.get("/admin/scenarios/analytics/")
    with django_assert_max_num_queries(index_small):
        client.get("/admin/scenarios/analytics/")


def test_my_account_lists_my_completed_scenarios_only(client, member, scenario):
    record(scenario, "good", user=member)
    record(scenario, "unfinished", user=member)
    someone_else = UserFactory()
    record(scenario, "poor", user=someone_else)
    client.force_login(member)
    html = client.get("/account/").content.decode()
    assert "My completed training scenarios" in html
    assert "ending: Referred to help" in html
    assert "Lost contact" not in html
    client.force_login(someone_else)
    html = client.get("/account/").content.decode()
    assert "ending: Lost contact" in html and "Referred to help" not in html


def test_completing_while_signed_in_records_it(client, member, scenario):
    client.force_login(member)
    client.post(scenario.url + "start/")
    client.post(scenario.url + "step/arrival/", {"choice": "c-ask"})
    client.post(scenario.url + "step/private-talk/", {"choice": "c-rush"})
    html = client.get("/account/").content.decode()
    assert "ending: A missed chance" in html and "score 2" in html


def test_going_back_and_choosing_again_counts_apart(client, organiser, scenario):
    """A player who shouts, goes back and asks calmly counts once at the
    first step, for the choice made first; the second choice is a re-choice."""
    player = Client()
    player.post(scenario.url + "start/")
    player.post(scenario.url + "step/arrival/", {"choice": "c-shout"})
    player.post(scenario.url + "back/")
    player.post(scenario.url + "step/arrival/", {"choice": "c-ask"})
    player.post(scenario.url + "step/private-talk/", {"choice": "c-interpreter"})
    record(scenario, "good")
    events = ScenarioChoiceEvent.objects.filter(attempt__user=None).order_by("pk")
    assert [(e.choice, e.position, e.is_rechoice) for e in events][:3] == [
        ("c-shout", 0, False),
        ("c-ask", 0, True),
        ("c-interpreter", 1, False),
    ]
    client.force_login(organiser)
    html = client.get(f"/admin/scenarios/analytics/{scenario.pk}/").content.decode()
    # Two players at the first step: one asked first (50 %), one shouted first
    # (50 %); the player who asked after going back is a re-choice, not a third.
    assert (
        '<th scope="row">Ask calmly in private</th><td>Good way to act</td><td>1</td><td>50 %</td><td>1</td>'
        in html
    )
    assert (
        "Question them in front of the driver</th><td>Poor way to act</td><td>1</td><td>50 %</td><td>0</td>"
        in html
    )
    assert "Re-choices (went back and chose again)</th><td>1</td>" in html
