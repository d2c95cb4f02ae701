"""What the resources app holds about a user, for the export and erasure
hooks (see portal/personal_data.py).

Material downloads are anonymous counts and hold nothing about anyone.
On erasure, training-scenario attempts become anonymous (user=None, as a
deleted account already leaves them) so that scenario analytics keep their
figures. Survey answers are linked to an account only when the survey
records respondents; they lose the link (respondent=None) and stay as
anonymous answers, like those of every anonymous survey, so the survey's
results do not change. The member's id towards the learning record store
(`LearnerAccount`) is deleted, so xAPI statements already sent can no longer
be tied to the person.
"""

from django.utils.translation import gettext as _

from portal.personal_data import iso
from resources.models import LearnerAccount, ScenarioAttempt, SurveyResponse


def _survey_answers(response):
    labels = {question.clean_name: question.label for question in response.survey.form_fields.all()}
    return {labels.get(key, key): value for key, value in response.answers.items()}


def describe(user):
    attempts = (
        ScenarioAttempt.objects.filter(user=user)
        .select_related("scenario")
        .order_by("started_at", "pk")
    )
    responses = (
        SurveyResponse.objects.filter(respondent=user)
        .select_related("survey")
        .prefetch_related("survey__form_fields")
        .order_by("submitted_on", "pk")
    )
    data = {
        "scenario_attempts": [
            {
                "scenario": attempt.scenario.title,
                "started_at": iso(attempt.started_at),
                "finished_at": iso(attempt.finished_at),
                "ending": attempt.ending_title or attempt.ending,
                "score": attempt.score,
            }
            for attempt in attempts
        ],
        "survey_answers": [
            {
                "survey": response.survey.title,
                "submitted_on": iso(response.submitted_on),
                "language": response.language,
                "answers": _survey_answers(response),
            }
            for response in responses
        ],
    }
    account = LearnerAccount.objects.filter(user=user).first()
    if account is not None:
        # The name the learning record store knows the member by (xAPI account).
        data["learning_record_store_account"] = str(account.name)
    return ("resources", _("Training scenarios and surveys"), data)


def erase(user):
    ScenarioAttempt.objects.filter(user=user).update(user=None)
    LearnerAccount.objects.filter(user=user).delete()
    SurveyResponse.objects.filter(respondent=user).update(respondent=None)
