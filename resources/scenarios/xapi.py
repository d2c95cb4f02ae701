"""xAPI 1.0.3 statements for scenario play (IEEE 9274.1.1).

What a player does becomes one statement, written in full when it happens
and stored in `ScenarioStatement` before anything is sent:

* ``launched`` the scenario (a new attempt);
* ``answered`` a step: the object is the step (a `choice` interaction), the
  result names the choice (`response`), its score and its rating;
* ``experienced`` the feedback on that choice;
* ``completed`` the scenario on reaching an ending, with the total score,
  `success` (no choice rated poor on the way taken) and the duration.

Identities: every activity id is an IRI under the portal's base address,
built from the scenario's translation key and the step and choice keys, so it
stays the same across edits, slugs and languages. `context.registration` is
the attempt's own UUID (not the token in the player's session). A member is an
`account` with a random id of their own (`LearnerAccount`), never the email
address; an anonymous player is a random account made for that attempt only.

Recording never stops the player: a statement that cannot be written is
logged and the play goes on.
"""

import datetime
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from resources.models import LearnerAccount, ScenarioChoiceEvent, ScenarioStatement
from resources.scenarios.blocks import ChoiceRating
from resources.scenarios.statement_models import StatementStatus
from resources.scenarios.tasks import enqueue_statement

logger = logging.getLogger(__name__)

VERSION = "1.0.3"
PLATFORM = "Cooperation Portal"

VERBS = {
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
QUESTION = "http://adlnet.gov/expapi/activities/question"

# Anonymous actors are derived from the attempt's random registration, so the
# same attempt keeps one actor and nothing about the person goes into it.
ANONYMOUS_NAMESPACE = uuid.UUID("6f0d7c1e-5b0a-4c57-9d2e-2a4f1f3c8e11")


def base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def extension(name):
    return f"{base_url()}/xapi/extensions/{name}"


def scenario_iri(page):
    return f"{base_url()}/xapi/scenarios/{page.translation_key}"


def step_iri(page, step_key):
    return f"{scenario_iri(page)}/steps/{step_key}"


def feedback_iri(page, step_key, choice_id):
    return f"{step_iri(page, step_key)}/choices/{choice_id}/feedback"


def timestamp(moment):
    """ISO 8601 in UTC to the millisecond, as LRSs store it."""
    moment = moment.astimezone(datetime.UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def duration(start, end):
    seconds = max(0, round((end - start).total_seconds()))
    return f"PT{seconds}S"


def actor(attempt):
    """An account under the portal's address: the member's opaque id, or a
    random one for this attempt alone."""
    if attempt.user_id:
        account, _created = LearnerAccount.objects.get_or_create(user_id=attempt.user_id)
        name = str(account.name)
    else:
        name = f"anonymous-{uuid.uuid5(ANONYMOUS_NAMESPACE, str(attempt.registration))}"
    return {"objectType": "Agent", "account": {"homePage": base_url(), "name": name}}


def _language(page):
    return page.locale.language_code if page.locale_id else settings.LANGUAGE_CODE


def _name(page, text):
    return {_language(page): str(text)}


def scenario_activity(page):
    return {
        "objectType": "Activity",
        "id": scenario_iri(page),
        "definition": {"type": SIMULATION, "name": _name(page, page.title)},
    }


def step_activity(page, step):
    return {
        "objectType": "Activity",
        "id": step_iri(page, step.key),
        "definition": {
            "type": INTERACTION,
            "name": _name(page, step.title),
            "interactionType": "choice",
            "choices": [
                {"id": choice["id"], "description": _name(page, choice["label"])}
                for choice in step.choice_list()
            ],
        },
    }


def feedback_activity(page, step, choice):
    return {
        "objectType": "Activity",
        "id": feedback_iri(page, step.key, choice["id"]),
        "definition": {
            "name": _name(page, choice["label"]),
            "description": _name(page, choice["feedback"]),
        },
    }


def _context(page, attempt, parent=True, extensions=None):
    context = {
        "registration": str(attempt.registration),
        "platform": PLATFORM,
        "language": _language(page),
    }
    if parent:
        context["contextActivities"] = {
            "parent": [{"id": scenario_iri(page), "objectType": "Activity"}]
        }
    if extensions:
        context["extensions"] = extensions
    return context


def statement(verb, attempt, page, obj, when, result=None, context=None):
    data = {
        "id": str(uuid.uuid4()),
        "version": VERSION,
        "timestamp": timestamp(when),
        "actor": actor(attempt),
        "verb": {"id": VERBS[verb], "display": {"en": verb}},
        "object": obj,
        "context": context or _context(page, attempt, parent=False),
    }
    if result is not None:
        data["result"] = result
    return data


# --- recording ----------------------------------------------------------------


def _record(attempt, page, moment, verb, build, deliver=True):
    """Store the statement for this moment once; send it after the commit
    (or never, with `deliver=False`: the demo's synthetic plays)."""
    try:
        with transaction.atomic():
            if ScenarioStatement.objects.filter(attempt=attempt, moment=moment).exists():
                return None
            data = build()
            row = ScenarioStatement.objects.create(
                id=uuid.UUID(data["id"]),
                attempt=attempt,
                moment=moment,
                verb=verb,
                scenario_key=page.translation_key,
                statement=data,
                status=StatementStatus.PENDING if deliver else StatementStatus.KEPT,
            )
    except IntegrityError:
        return None  # the same moment recorded by a parallel request
    except Exception:
        logger.exception("Could not record the xAPI statement %s of attempt %s", moment, attempt.pk)
        return None
    if deliver:
        transaction.on_commit(lambda: enqueue_statement(row.pk))
    return row


def record_launched(attempt, page, deliver=True):
    return _record(
        attempt,
        page,
        "launched",
        "launched",
        lambda: statement(
            "launched", attempt, page, scenario_activity(page), attempt.started_at or timezone.now()
        ),
        deliver,
    )


def record_answered(attempt, page, step, choice, event, deliver=True):
    def build():
        result = {
            "response": choice["id"],
            "score": {"raw": choice["score"]},
            "extensions": {extension("rating"): choice["rating"]},
        }
        context = _context(
            page,
            attempt,
            extensions={
                extension("step"): step.key,
                extension("position"): event.position,
                extension("rechoice"): event.is_rechoice,
            },
        )
        return statement(
            "answered", attempt, page, step_activity(page, step), event.created_at, result, context
        )

    return _record(attempt, page, f"answered:{event.pk}", "answered", build, deliver)


def record_experienced(attempt, page, step, choice, position):
    """The feedback shown after a choice: once per choice made, however
    often the page is reloaded."""
    event = (
        ScenarioChoiceEvent.objects.filter(
            attempt=attempt, step=step.key, choice=choice["id"], position=position
        )
        .order_by("-pk")
        .first()
    )
    if event is None:  # made before statements were recorded
        return None

    def build():
        context = _context(page, attempt, extensions={extension("step"): step.key})
        return statement(
            "experienced",
            attempt,
            page,
            feedback_activity(page, step, choice),
            timezone.now(),
            context=context,
        )

    return _record(attempt, page, f"experienced:{event.pk}", "experienced", build)


def succeeded(taken):
    """An ending counts as success when no choice on the way was rated poor."""
    return all(choice["rating"] != ChoiceRating.POOR for _step, choice in taken)


def record_completed(attempt, page, taken, deliver=True):
    def build():
        finished = attempt.finished_at or timezone.now()
        result = {
            "score": {"raw": attempt.score or 0},
            "success": succeeded(taken),
            "completion": True,
            "duration": duration(attempt.started_at or finished, finished),
            "extensions": {extension("ending"): attempt.ending},
        }
        return statement("completed", attempt, page, scenario_activity(page), finished, result)

    return _record(attempt, page, "completed", "completed", build, deliver)
