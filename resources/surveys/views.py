"""Serving a survey page: choosing the language, showing the form or why it
cannot be answered, and storing an answer. Every refusal is a page with a
clear message in the respondent's language and a 4xx status; nothing is saved."""

from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import ngettext

from resources.surveys.forms import INVITATION_FIELD, build_survey_form
from resources.surveys.limits import answer_allowed, count_answer
from resources.surveys.results import can_see_results
from resources.surveys.services import (
    InvitationRefused,
    has_answered,
    invitation_state,
    remember_answer,
    save_answers,
)


def serve_survey(page, request, preview=False):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    survey = page.survey
    posted = request.method == "POST"
    requested = (request.POST if posted else request.GET).get("lang", "")
    language = requested or page.default_language()
    context = page.get_context(request)
    context.update(
        survey=survey,
        page_url=page.get_url(request),
        language_links=survey.languages(),
        can_see_results=can_see_results(request.user),
    )

    def render(state, status=200, form=None, language=language):
        with translation.override(language):
            retention_text = ngettext(
                "Answers are deleted %(days)d day after they are sent.",
                "Answers are deleted %(days)d days after they are sent.",
                survey.retention_days,
            ) % {"days": survey.retention_days}
        context.update(
            state=state,
            form=form,
            language=language,
            retention_text=retention_text,
            texts={
                name: survey.text_in(name, language)
                for name in ("title", "introduction", "consent_text", "thank_you_text")
            },
        )
        return TemplateResponse(request, page.get_template(request), context, status=status)

    if language not in survey.language_codes():
        return render("unknown_language", status=400, language=page.default_language())
    status = "open" if preview else survey.status()
    if status != "open":
        return render(status, status=403 if posted else 200)
    if survey.record_respondent and not request.user.is_authenticated:
        return render("login_required", status=403 if posted else 200)
    invitation = (request.POST if posted else request.GET).get(INVITATION_FIELD, "")[:64]
    if not preview:
        refused = invitation_state(survey, invitation)
        if refused:
            return render(refused, status=403 if posted else 200)
        # With invitations, each link decides (people may share a computer).
        if not survey.invitation_only and has_answered(request, survey):
            return render("answered", status=409 if posted else 200)
    if not posted or preview:
        return render("form", form=build_survey_form(survey, language, invitation=invitation))
    # Invitation links are single-use already, and an office answering from one
    # address with its links must not be stopped by the per-client limit.
    if not survey.invitation_only and not answer_allowed(request, survey):
        return render("too_many", status=429)

    form = build_survey_form(survey, language, data=request.POST)
    with translation.override(language):
        valid = form.is_valid()
    if not valid:
        return render("form", status=400, form=form)
    try:
        save_answers(survey, form, language, request.user, invitation=invitation)
    except InvitationRefused as refusal:
        return render(refusal.state, status=403)
    if not survey.invitation_only:
        count_answer(request, survey)
    response = render("thanks")
    remember_answer(response, request, survey)
    return response
