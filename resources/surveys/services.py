"""Rules about answering a survey and about its answers' life, shared by the
page, the results views, the purge command and the tests.

Repeated answers are held back with a signed cookie per survey holding only a
random nonce: it says "this browser has answered survey N", not who answered.
This is a courtesy limit, not a guarantee: clearing cookies, another browser
or a private window allows another answer. Anonymous surveys cannot do better
without recording something that identifies the respondent. Surveys that
record the respondent's account also refuse a second answer from the account.
"""

import datetime
import re
import secrets

from django.core import signing
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from resources.surveys.models import SurveyInvitation, SurveyPage, SurveyResponse

ANSWER_DELETED = "resources.survey_answer_deleted"
ANSWERS_PURGED = "resources.survey_answers_purged"
SURVEY_CLOSED = "resources.survey_closed_early"
SURVEY_REOPENED = "resources.survey_reopened"
INVITATIONS_CREATED = "resources.survey_invitations_created"
MAX_INVITATIONS_AT_ONCE = 2000
# What secrets.token_urlsafe gives; anything else (NUL bytes, which PostgreSQL
# refuses in a query, included) is no invitation and is not looked up.
TOKEN_FORMAT = re.compile(r"^[A-Za-z0-9_-]{8,40}$")


def _token(value):
    value = (value or "").strip()
    return value if TOKEN_FORMAT.match(value) else ""


COOKIE_SALT = "resources.survey.answered"
COOKIE_MAX_AGE = 2 * 365 * 24 * 60 * 60


def cookie_name(survey):
    return f"survey-{survey.pk}"


def has_answered(request, survey):
    value = request.COOKIES.get(cookie_name(survey))
    if value:
        try:
            data = signing.loads(value, salt=COOKIE_SALT)
        except signing.BadSignature:
            # A forged or damaged cookie counts for nothing (and breaks nothing).
            data = None
        if isinstance(data, dict) and data.get("survey") == survey.pk:
            return True
    if survey.record_respondent and request.user.is_authenticated:
        return SurveyResponse.objects.filter(survey=survey, respondent=request.user).exists()
    return False


def remember_answer(response, request, survey):
    value = signing.dumps(
        {"survey": survey.pk, "nonce": secrets.token_urlsafe(12)}, salt=COOKIE_SALT
    )
    response.set_cookie(
        cookie_name(survey),
        value,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


class InvitationRefused(Exception):
    def __init__(self, state):
        super().__init__(state)
        self.state = state  # "invitation_required" or "invitation_used"


def invitation_state(survey, token):
    """None when the token lets its holder answer; otherwise why not."""
    if not survey.invitation_only:
        return None
    token = _token(token)
    if not token:
        return "invitation_required"
    invitation = SurveyInvitation.objects.filter(survey=survey, token=token).first()
    if invitation is None:
        return "invitation_required"
    return "invitation_used" if invitation.used else None


def save_answers(survey, form, language, user=None, invitation=""):
    """Stores the answers with the day only; the account only when the survey asks.
    On an invitation-only survey the invitation is used up in the same
    transaction: of two answers sent with one link, the second is refused."""
    with transaction.atomic():
        if survey.invitation_only:
            used = SurveyInvitation.objects.filter(
                survey=survey, token=_token(invitation) or None, used=False
            ).update(used=True)
            if used != 1:
                raise InvitationRefused(invitation_state(survey, invitation) or "invitation_used")
        return SurveyResponse.objects.create(
            survey=survey,
            language=language,
            submitted_on=timezone.localdate(),
            answers=form.answers(),
            respondent=user
            if survey.record_respondent and user and user.is_authenticated
            else None,
        )


def create_invitations(survey, count, user):
    count = max(1, min(int(count), MAX_INVITATIONS_AT_ONCE))
    invitations = SurveyInvitation.objects.bulk_create(
        [SurveyInvitation(survey=survey) for _i in range(count)]
    )
    log(instance=survey, action=INVITATIONS_CREATED, user=user, data={"count": count})
    return invitations


def delete_answer(survey, response, user):
    """Deletes one answer and records who deleted which answer when (the
    survey page's history shows it; the answers themselves are not kept)."""
    with transaction.atomic():
        data = {
            "answer": str(response.pk),
            "submitted_on": response.submitted_on.isoformat(),
            "language": response.language,
        }
        response.delete()
        log(instance=survey, action=ANSWER_DELETED, user=user, data=data)


def set_closed_early(survey, closed, user):
    """Closes the survey now, or opens it again (until its own closing date).
    Saved without a revision: publishing an older draft keeps it."""
    survey.closed_early_at = timezone.now() if closed else None
    SurveyPage.objects.filter(pk=survey.pk).update(closed_early_at=survey.closed_early_at)
    log(instance=survey, action=SURVEY_CLOSED if closed else SURVEY_REOPENED, user=user)


def purge_expired_answers(today=None):
    """Deletes every answer older than its survey's retention period; returns
    {survey: count}. Run daily (manage.py purge_survey_answers)."""
    today = today or timezone.localdate()
    purged = {}
    # Answers are always stored under the survey in the default language.
    for survey in SurveyPage.objects.filter(pk__in=SurveyResponse.objects.values("survey_id")):
        cutoff = today - datetime.timedelta(days=survey.retention_days)
        with transaction.atomic():
            count, _details = SurveyResponse.objects.filter(
                survey=survey, submitted_on__lt=cutoff
            ).delete()
            if count:
                log(
                    instance=survey,
                    action=ANSWERS_PURGED,
                    data={"count": count, "before": cutoff.isoformat()},
                )
        if count:
            purged[survey] = count
    return purged
