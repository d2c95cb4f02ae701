"""Anonymous figures for organisers: who started, who finished, which choices.

A scenario and its translations are counted together (they share step keys
and choice ids). Nothing here returns a user: only counts. Every function
runs a fixed number of queries whatever the number of attempts.
"""

from django.db.models import Count, Q

from resources.models import ScenarioAttempt, ScenarioChoiceEvent, ScenarioPage, ScenarioStatement
from resources.scenarios import lrs
from resources.scenarios.blocks import ChoiceRating
from resources.scenarios.statement_models import StatementStatus


def overview():
    """One row per scenario (in its original language) with its counts."""
    counts = {
        row["scenario__translation_key"]: row
        for row in ScenarioAttempt.objects.values("scenario__translation_key").annotate(
            started=Count("pk"), finished=Count("pk", filter=Q(finished_at__isnull=False))
        )
    }
    rows = []
    seen = set()
    for page in ScenarioPage.objects.order_by("pk").only("pk", "title", "translation_key"):
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        row = counts.get(page.translation_key, {})
        rows.append(
            {"page": page, "started": row.get("started", 0), "finished": row.get("finished", 0)}
        )
    return rows


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


def detail(page, poor_limit=5):
    attempts = ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key)
    totals = attempts.aggregate(
        started=Count("pk"), finished=Count("pk", filter=Q(finished_at__isnull=False))
    )
    endings = {
        row["ending"]: row["count"]
        for row in attempts.filter(finished_at__isnull=False)
        .values("ending")
        .annotate(count=Count("pk"))
    }
    events = ScenarioChoiceEvent.objects.filter(
        attempt__scenario__translation_key=page.translation_key
    )
    # A player's first choice at a step counts for the shares; choosing again
    # after going back is counted apart, so no player counts twice.
    first = events.filter(is_rechoice=False)
    per_choice = {
        (row["step"], row["choice"]): row["players"]
        for row in first.values("step", "choice").annotate(players=Count("attempt", distinct=True))
    }
    per_step = {
        row["step"]: row["players"]
        for row in first.values("step").annotate(players=Count("attempt", distinct=True))
    }
    rechosen = {
        (row["step"], row["choice"]): row["times"]
        for row in events.filter(is_rechoice=True)
        .values("step", "choice")
        .annotate(times=Count("pk"))
    }
    steps = []
    poor = []
    for step in page.ordered_steps():
        reached = per_step.get(step.key, 0)
        choices = []
        for choice in step.choice_list():
            players = per_choice.get((step.key, choice["id"]), 0)
            row = {
                **choice,
                "players": players,
                "share": _share(players, reached),
                "rechoices": rechosen.get((step.key, choice["id"]), 0),
            }
            choices.append(row)
            if choice["rating"] == ChoiceRating.POOR and players:
                poor.append({"step": step, **row})
        steps.append(
            {
                "step": step,
                "players": reached,
                "choices": choices,
                "ended": endings.get(step.key, 0) if step.is_ending else None,
            }
        )
    poor.sort(key=lambda row: (-row["players"], row["step"].sort_order or 0))
    return {
        "started": totals["started"],
        "finished": totals["finished"],
        "finished_share": _share(totals["finished"], totals["started"]),
        "rechoices": sum(rechosen.values()),
        "steps": steps,
        "poor_choices": poor[:poor_limit],
    }


def statement_delivery():
    """How many xAPI statements reached the learning record store, for the
    operators: a growing number of failed ones means the LRS is down."""
    counts = dict.fromkeys(StatementStatus.values, 0)
    for row in ScenarioStatement.objects.values("status").annotate(count=Count("pk")):
        counts[row["status"]] = row["count"]
    return {"lrs": lrs.configured(), "total": sum(counts.values()), **counts}
