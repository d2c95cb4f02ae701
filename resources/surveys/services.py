"""Rules about answering a survey, shared by the page and the tests.

Repeated answers are held back with a signed cookie per survey holding only a
random nonce: it says "this browser has answered survey N", not who answered.
This is a courtesy limit, not a guarantee: clearing cookies, another browser
or a private window allows another answer. Anonymous surveys cannot do better
without recording something that identifies the respondent. Surveys that
record the respondent's account also refuse a second answer from the account.
"""

import secrets

from django.core import signing
from django.db import transaction
from django.utils import timezone

from resources.surveys.models import SurveyResponse

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


def save_answers(survey, form, language, user=None):
    """Stores the answers with the day only; the account only when the survey asks."""
    with transaction.atomic():
        return SurveyResponse.objects.create(
            survey=survey,
            language=language,
            submitted_on=timezone.localdate(),
            answers=form.answers(),
            respondent=user
            if survey.record_respondent and user and user.is_authenticated
            else None,
        )
