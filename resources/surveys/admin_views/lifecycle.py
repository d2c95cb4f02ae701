"""The organisers' hand on a survey's answers, in the Wagtail admin: deleting
single answers (after a confirmation, logged), closing the survey early or
opening it again, and single-use invitation links. For organisers, moderators
and administrators (`can_manage_answers`), with two factors like the results."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.exports import csv_response
from resources.surveys import results, services
from resources.surveys.admin_views.results_views import SurveyMixin
from resources.surveys.models import SURVEY_LANGUAGES, SurveyResponse


class ManageMixin(SurveyMixin):
    """Changing a survey's answers or state: organisers, moderators, administrators."""

    def load(self, **kwargs):
        if not results.can_manage_answers(self.request.user):
            raise PermissionDenied
        super().load(**kwargs)

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            return permission_denied(request)


class AnswersView(ManageMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every answer, newest first, each with a "Delete" that asks to confirm;
    ?delete=<answer> shows the answer and the confirmation, POST deletes it."""

    template_name = "resources/surveys/admin/answers.html"
    header_icon = "list-ul"
    paginate_by = 20

    def get_page_title(self):
        return _("Answers one by one")

    def get_page_subtitle(self):
        return self.survey.title

    def answer_from(self, value):
        try:
            answer_id = uuid.UUID(str(value))
        except ValueError:
            raise Http404(_("There is no such answer.")) from None
        answer = SurveyResponse.objects.filter(survey=self.survey, pk=answer_id).first()
        if answer is None:
            raise Http404(_("This answer does not exist; it may have been deleted already."))
        return answer

    def readable(self, answer):
        language = results.display_language()
        rows = []
        for question in self.questions:
            value = answer.answers.get(question.clean_name)
            if value in (None, "", []):
                continue
            values = value if isinstance(value, list) else [value]
            if question.is_choice:
                values = [question.option_label(str(v), language) for v in values]
            rows.append((question.display_label, "; ".join(str(v) for v in values)))
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = self.responses.order_by("-submitted_on", "pk")
        page = Paginator(answers, self.paginate_by).get_page(self.request.GET.get("p"))
        to_delete = None
        if self.request.GET.get("delete"):
            to_delete = self.answer_from(self.request.GET["delete"])
        languages = dict(SURVEY_LANGUAGES)
        context.update(
            survey=self.survey,
            page_obj=page,
            answers=[(a, languages.get(a.language, a.language), self.readable(a)) for a in page],
            to_delete=to_delete,
            to_delete_rows=self.readable(to_delete) if to_delete else [],
            filter_form=self.filter_form,
            query=self.filter_query(),
        )
        return context

    def post(self, request, *args, **kwargs):
        answer = self.answer_from(request.POST.get("answer", ""))
        services.delete_answer(self.survey, answer, request.user)
        messages.success(
            request,
            _("The answer of %(date)s was deleted. The survey's history records who deleted it.")
            % {"date": answer.submitted_on.isoformat()},
        )
        return redirect("surveys_admin:answers", self.survey.pk)


class CloseView(ManageMixin, WagtailAdminTemplateMixin, TemplateView):
    """Close a survey now (or open it again): a confirmation page, then POST."""

    template_name = "resources/surveys/admin/close.html"
    header_icon = "lock"

    def get_page_title(self):
        return _("Open the survey again") if self.is_closed_early() else _("Close the survey now")

    def get_page_subtitle(self):
        return self.survey.title

    def is_closed_early(self):
        return self.survey.closed_early_at is not None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, closed_early=self.is_closed_early())
        return context

    def post(self, request, *args, **kwargs):
        close = not self.is_closed_early()
        services.set_closed_early(self.survey, close, request.user)
        messages.success(
            request,
            _("The survey is closed and accepts no more answers.")
            if close
            else _("The survey accepts answers again until its closing date."),
        )
        return redirect("surveys_admin:results", self.survey.pk)


class InvitationForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("Number of new invitation links"),
        min_value=1,
        max_value=services.MAX_INVITATIONS_AT_ONCE,
        initial=50,
    )


class InvitationsView(ManageMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/surveys/admin/invitations.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Invitation links")

    def get_page_subtitle(self):
        return self.survey.title

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        invitations = self.survey.invitations.all()
        context.update(
            survey=self.survey,
            form=form or InvitationForm(),
            total=invitations.count(),
            used=invitations.filter(used=True).count(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = InvitationForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        created = services.create_invitations(self.survey, form.cleaned_data["count"], request.user)
        messages.success(
            request,
            _("%(count)d invitation links were created. Download them to send them out.")
            % {"count": len(created)},
        )
        return redirect("surveys_admin:invitations", self.survey.pk)


class InvitationsExportView(ManageMixin, View):
    """The links not used yet, one a row, to send out (CSV)."""

    def get(self, request, *args, **kwargs):
        base = self.survey.get_full_url(request)
        unused = self.survey.invitations.filter(used=False).order_by("pk")
        return csv_response(
            f"survey-{self.survey.slug}-invitations",
            [_("Invitation link"), _("Created on")],
            (
                [f"{base}?{urlencode({'invitation': invitation.token})}", invitation.created_on]
                for invitation in unused.iterator()
            ),
        )
