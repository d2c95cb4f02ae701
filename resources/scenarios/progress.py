"""A player's way through a scenario: start, choose, go back, finish.

Signed-in players' progress lives in `ScenarioAttempt` rows linked to them
(so they resume on any device and see their completions); anonymous players
get the same row without a user, found again through a random token kept in
their session. The recorded path is always replayed against the scenario's
current graph, so a forged or outdated path can only shorten the way back to
a step the player really reached.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from directory.choices import MembershipStatus
from directory.models import Membership
from resources.models import ScenarioAttempt, ScenarioChoiceEvent
from resources.scenarios import xapi
from resources.scenarios.graph import replay

SESSION_KEY = "scenario_attempts"


class ProgressError(Exception):
    def __init__(self, code):
        self.code = code
        super().__init__(code)


@dataclass
class Position:
    attempt: ScenarioAttempt
    path: list  # choice ids, valid for the current graph
    current: str  # key of the step the player is on
    repaired: bool  # the stored path had to be shortened


def _session_tokens(request):
    tokens = request.session.get(SESSION_KEY)
    return tokens if isinstance(tokens, dict) else {}


def find_attempt(request, page):
    if request.user.is_authenticated:
        return (
            ScenarioAttempt.objects.filter(scenario=page, user=request.user)
            .order_by("-started_at", "-pk")
            .first()
        )
    token = _session_tokens(request).get(str(page.pk))
    try:
        token = uuid.UUID(str(token))
    except ValueError:
        return None
    return ScenarioAttempt.objects.filter(scenario=page, user=None, token=token).first()


def adopt_session_attempts(request, user):
    """On logging in, the scenarios played in this browser become the
    account's: the player resumes them anywhere and a finished one shows on
    My account. Only attempts whose secret token this session holds move."""
    tokens = _session_tokens(request)
    valid = []
    for token in tokens.values():
        try:
            valid.append(uuid.UUID(str(token)))
        except ValueError:
            continue
    if valid:
        ScenarioAttempt.objects.filter(user=None, token__in=valid).update(
            user=user, institution=member_institution(user)
        )
    request.session.pop(SESSION_KEY, None)


def member_institution(user):
    """The institution a member's attempts are counted for in the exports:
    their oldest approved membership (most members have one)."""
    membership = (
        Membership.objects.filter(user=user, status=MembershipStatus.APPROVED)
        .order_by("requested_at", "pk")
        .only("institution_id")
        .first()
    )
    return membership.institution_id if membership else None


@transaction.atomic
def start(request, page):
    user = request.user if request.user.is_authenticated else None
    attempt = ScenarioAttempt.objects.create(
        scenario=page,
        user=user,
        path=[],
        institution_id=member_institution(user) if user else None,
    )
    if user is None:
        tokens = _session_tokens(request)
        tokens[str(page.pk)] = str(attempt.token)
        request.session[SESSION_KEY] = tokens
    xapi.record_launched(attempt, page)
    return attempt


def position(page, attempt):
    graph = page.graph()
    stored = attempt.path if isinstance(attempt.path, list) else []
    path, current = replay(graph, stored)
    repaired = path != stored
    if repaired and attempt.finished_at is None:
        attempt.path = path
        attempt.save(update_fields=["path"])
    return Position(attempt, path, current, repaired)


def walk(page, path):
    """(step, choice) pairs along a valid path, for showing the way taken."""
    steps = {step.key: step for step in page.ordered_steps()}
    graph = page.graph()
    key = graph.start
    taken = []
    for choice_id in path:
        step = steps[key]
        choice = step.choice(choice_id)
        taken.append((step, choice))
        key = choice["target"]
    return taken


def score(page, path):
    return sum(choice["score"] for _step, choice in walk(page, path))


@transaction.atomic
def choose(page, pos, step_key, choice_id):
    if pos.attempt.finished_at is not None:
        raise ProgressError("finished")
    if step_key != pos.current:
        raise ProgressError("not_current")
    step = page.step_by_key(step_key)
    choice = step.choice(choice_id) if step else None
    if choice is None:
        raise ProgressError("foreign_choice")
    target = page.step_by_key(choice["target"])
    if target is None:
        raise ProgressError("foreign_choice")
    attempt = pos.attempt
    attempt.path = pos.path + [choice_id]
    fields = ["path"]
    if target.is_ending:
        attempt.finished_at = timezone.now()
        attempt.ending = target.key
        attempt.ending_title = target.title[:200]
        attempt.score = score(page, attempt.path)
        fields += ["finished_at", "ending", "ending_title", "score"]
    attempt.save(update_fields=fields)
    position = len(pos.path)
    event = ScenarioChoiceEvent.objects.create(
        attempt=attempt,
        step=step_key,
        choice=choice_id,
        rating=choice["rating"],
        position=position,
        # Chosen here before in this attempt: the player went back to choose again.
        is_rechoice=ScenarioChoiceEvent.objects.filter(attempt=attempt, position=position).exists(),
    )
    xapi.record_answered(attempt, page, step, choice, event)
    if target.is_ending:
        xapi.record_completed(attempt, page, walk(page, attempt.path))
    return choice


def feedback_viewed(page, pos, step, choice):
    """The player sees the feedback on the choice they just made."""
    xapi.record_experienced(pos.attempt, page, step, choice, len(pos.path) - 1)


def back(pos):
    if pos.attempt.finished_at is not None or not pos.path:
        return False
    pos.attempt.path = pos.path[:-1]
    pos.attempt.save(update_fields=["path"])
    return True


def completions(user):
    """The member's finished attempts, newest first (their own record only)."""
    return (
        ScenarioAttempt.objects.filter(user=user, finished_at__isnull=False)
        .select_related("scenario")
        .order_by("-finished_at")
    )


def completed_user_ids(scenario_page, user_ids):
    """Users among `user_ids` who finished the scenario in any language."""
    return set(
        ScenarioAttempt.objects.filter(
            scenario__translation_key=scenario_page.translation_key,
            user_id__in=list(user_ids),
            finished_at__isnull=False,
        ).values_list("user_id", flat=True)
    )
