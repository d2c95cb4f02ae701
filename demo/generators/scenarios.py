"""Synthetic runs through a training scenario, so that its analytics have
something to show."""

import random

from django.utils import timezone

from resources.models import ScenarioAttempt, ScenarioChoiceEvent

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


def add_attempts(page, count):
    """`count` random attempts, one in five unfinished, once per scenario."""
    if ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key).exists():
        return 0
    rng = random.Random(8)  # noqa: S311 - repeatable demo data, not security
    now = timezone.now()
    for index in range(count):
        path, ending = _play(page, rng)
        finished = index % 5 != 0
        if not finished:
            path = path[: rng.randint(1, len(path))]
        attempt = ScenarioAttempt.objects.create(
            scenario=page,
            path=[choice["id"] for _key, choice in path],
            finished_at=now - timezone.timedelta(days=rng.randint(0, 40)) if finished else None,
            ending=ending.key if finished else "",
            ending_title=ending.title if finished else "",
            score=sum(choice["score"] for _key, choice in path) if finished else None,
        )
        ScenarioChoiceEvent.objects.bulk_create(
            ScenarioChoiceEvent(attempt=attempt, step=key, choice=c["id"], rating=c["rating"])
            for key, c in path
        )
    return count
