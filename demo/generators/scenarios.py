"""Synthetic runs through a training scenario, so that its analytics, its
exports per institution and its xAPI statements have something to show."""

import datetime
import random

from django.utils import timezone

from directory.models import Institution
from resources.models import ScenarioAttempt, ScenarioChoiceEvent
from resources.scenarios import progress, xapi

WEIGHTS = {"good": 5, "acceptable": 3, "poor": 2}


def _play(page, rng):
    """A random way through the scenario, as (step key, choice) pairs and the ending."""
    steps = {step.key: step for step in page.ordered_steps()}
    key, path = page.graph().start, []
    while not steps[key].is_ending:
        choices = steps[key].choice_list()
        choice = rng.choices(choices, [WEIGHTS[c["rating"]] for c in choices])[0]
        path.append((key, choice))
        key = choice["target"]
    return path, steps[key]


def _institutions():
    """The Border Guard units and the labour inspectorate train with scenarios."""
    units = Institution.objects.filter(kind__in=["border_guard", "labour_inspectorate"])
    return list(units.order_by("slug")[:12])


def add_attempts(page, count):
    """`count` random attempts over the last two months, one in five
    unfinished, about one in five going back once to choose again; most by
    members of an institution. Once per scenario. Their xAPI statements are
    recorded as the player would have made them, and never sent."""
    if ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key).exists():
        return 0
    rng = random.Random(8)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    institutions = _institutions()
    steps = {step.key: step for step in page.ordered_steps()}
    for index in range(count):
        path, ending = _play(page, rng)
        finished = index % 5 != 0
        if not finished:
            path = path[: rng.randint(1, len(path))]
        started = now - datetime.timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 600))
        attempt = ScenarioAttempt.objects.create(
            scenario=page,
            path=[choice["id"] for _key, choice in path],
            finished_at=started + datetime.timedelta(minutes=3 * len(path) + 2)
            if finished
            else None,
            ending=ending.key if finished else "",
            ending_title=ending.title if finished else "",
            score=sum(choice["score"] for _key, choice in path) if finished else None,
            institution=rng.choice(institutions) if institutions and rng.random() < 0.75 else None,
        )
        ScenarioAttempt.objects.filter(pk=attempt.pk).update(started_at=started)
        attempt.started_at = started
        again = rng.randrange(len(path)) if rng.random() < 0.2 else None
        events = []
        for position, (key, choice) in enumerate(path):
            others = [c for c in steps[key].choice_list() if c["id"] != choice["id"]]
            if position == again and others:
                first = rng.choice(others)
                events.append(_event(attempt, key, first, position, False))
            events.append(
                _event(attempt, key, choice, position, position == again and bool(others))
            )
        events = ScenarioChoiceEvent.objects.bulk_create(events)
        if events and events[0].pk is None:  # a database that returns no keys
            events = list(ScenarioChoiceEvent.objects.filter(attempt=attempt).order_by("pk"))
        for minute, event in enumerate(events, start=1):
            event.created_at = started + datetime.timedelta(minutes=2 * minute)
        ScenarioChoiceEvent.objects.bulk_update(events, ["created_at"])
        record_statements(page, attempt, events)
    return count


def _event(attempt, key, choice, position, is_rechoice):
    return ScenarioChoiceEvent(
        attempt=attempt,
        step=key,
        choice=choice["id"],
        rating=choice["rating"],
        position=position,
        is_rechoice=is_rechoice,
    )


def record_statements(page, attempt, events=None):
    """The attempt's xAPI statements, as the player would have made them;
    kept in the portal, never sent to a learning record store."""
    steps = {step.key: step for step in page.ordered_steps()}
    if events is None:
        events = ScenarioChoiceEvent.objects.filter(attempt=attempt).order_by("pk")
    xapi.record_launched(attempt, page, deliver=False)
    for event in events:
        step = steps[event.step]
        xapi.record_answered(attempt, page, step, step.choice(event.choice), event, deliver=False)
    if attempt.finished_at:
        xapi.record_completed(attempt, page, progress.walk(page, attempt.path), deliver=False)
