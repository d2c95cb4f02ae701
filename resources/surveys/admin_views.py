"""Survey results in the Wagtail admin: the list of surveys, one survey's
results (counts, shares, charts, cross-tabulation), its written answers and
the CSV/XLSX exports. Only for those `can_see_results` lets in; a translated
survey page leads to the results of its source survey."""

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from portal.exports import csv_response, export_filename, spreadsheet_response
from portal.two_factor import TwoFactorRequiredMixin
from resources.surveys import labelled, results, services
from resources.surveys.charts import bar_chart, histogram
from resources.surveys.models import SURVEY_LANGUAGES, SurveyPage, SurveyResponse


class ResultsFilterForm(forms.Form):
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the answers"),
        required=False,
        choices=[("", gettext_lazy("All languages")), *SURVEY_LANGUAGES],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CrossTabForm(forms.Form):
    rows = forms.ChoiceField(label=gettext_lazy("Rows: question"), required=False)
    columns = forms.ChoiceField(label=gettext_lazy("Columns: question"), required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(q.clean_name, q.display_label) for q in questions if q.is_choice]
        self.fields["rows"].choices = choices
        self.fields["columns"].choices = choices


class ResultsAccessMixin(TwoFactorRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not results.can_see_results(request.user):
            return permission_denied(request)
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs):
        pass


class SurveyMixin(ResultsAccessMixin):
    """The survey from the URL (its source when a translation is asked for),
    its questions and the answers the filters select."""

    def load(self, **kwargs):
        request = self.request
        self.survey = get_object_or_404(SurveyPage, pk=kwargs["survey_id"]).survey
        self.questions = list(self.survey.form_fields.all())
        # Organisers read the questions in the admin's language where the
        # survey has it; exports keep the English labels.
        language = results.display_language()
        for question in self.questions:
            question.display_label = question.label_in(language)
        self.filter_form = ResultsFilterForm(request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        self.responses = results.responses_for(
            self.survey,
            language=data.get("language", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def filter_query(self):
        if not self.filter_form.is_bound or not self.filter_form.is_valid():
            return ""

        return urlencode(
            {
                name: value
                for name in self.filter_form.fields
                if (value := self.request.GET.get(name))
            }
        )

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("surveys_admin:index"), "label": pgettext("surveys", "Survey results")},
            {
                "url": reverse("surveys_admin:results", args=[self.survey.pk]),
                "label": self.survey.title,
            },
        ]


class SurveyListView(ResultsAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/surveys/admin/index.html"
    header_icon = "list-ul"

    def get_page_title(self):
        return pgettext("surveys", "Survey results")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["surveys"] = (
            SurveyPage.objects.filter(locale=Locale.get_default())
            .annotate(answer_count=Count("responses"))
            .order_by("-opens_at")
        )
        return context


class SurveyResultsView(SurveyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/surveys/admin/results.html"
    header_icon = "table"

    def get_page_title(self):
        return pgettext("surveys", "Survey results")

    def get_page_subtitle(self):
        return self.survey.title

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items()[:2] + [{"url": "", "label": self.survey.title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = results.summarise(self.questions, self.responses)
        for index, question_summary in enumerate(summary["questions"]):
            if question_summary.bins:
                question_summary.chart = histogram(
                    f"chart-{index}",
                    question_summary.question.display_label,
                    question_summary.bins,
                    question_summary.n,
                )
            if question_summary.rows:
                question_summary.chart = bar_chart(
                    f"chart-{index}",
                    question_summary.question.display_label,
                    question_summary.rows,
                    question_summary.n,
                )
        crosstab_form = CrossTabForm(self.request.GET or None, questions=self.questions)
        table = None
        if crosstab_form.is_valid():
            by_name = {q.clean_name: q for q in self.questions}
            row = by_name.get(crosstab_form.cleaned_data["rows"])
            column = by_name.get(crosstab_form.cleaned_data["columns"])
            if row and column:
                table = results.crosstab(row, column, self.responses)
        context.update(
            survey=self.survey,
            summary=summary,
            languages=[
                (name, summary["languages"][code]) for code, name in self.survey.languages()
            ],
            filter_form=self.filter_form,
            crosstab_form=crosstab_form,
            crosstab=table,
            query=self.filter_query(),
            can_manage=results.can_manage_answers(self.request.user),
            label_languages=self.survey.languages(),
            default_label_language=results.display_language(),
        )
        return context


class TextAnswersView(SurveyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "resources/surveys/admin/text_answers.html"
    header_icon = "doc-full"
    paginate_by = 25

    def get_page_title(self):
        return self.question.display_label

    def get_page_subtitle(self):
        return self.survey.title

    def load(self, **kwargs):
        super().load(**kwargs)
        by_name = {q.clean_name: q for q in self.questions}
        self.question = by_name.get(kwargs["question"])
        if self.question is None or not self.question.is_text:
            raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        answers = results.text_answers(self.question, self.responses)
        page = Paginator(answers, self.paginate_by).get_page(self.request.GET.get("p"))
        languages = dict(SURVEY_LANGUAGES)
        context.update(
            survey=self.survey,
            question=self.question,
            answers=[(day, code, languages.get(code, code), text) for day, code, text in page],
            page_obj=page,
            filter_form=self.filter_form,
            query=self.filter_query(),
        )
        return context


class ExportView(SurveyMixin, View):
    def get(self, request, *args, fmt, **kwargs):
        return spreadsheet_response(
            fmt,
            f"survey-{self.survey.slug}-answers",
            results.export_header(self.survey, self.questions),
            results.export_rows(self.survey, self.questions, self.responses),
            sheet_title=_("Answers"),
        )


class LabelledExportView(SurveyMixin, WagtailAdminTemplateMixin, TemplateView):
    """SPSS or Stata file with variable and value labels in the chosen language
    (`labels`); with no answers to export, a page that says so."""

    template_name = "resources/surveys/admin/nothing_to_export.html"
    header_icon = "download"

    def get_page_title(self):
        return _("Nothing to export")

    def get_page_subtitle(self):
        return self.survey.title

    def get(self, request, *args, fmt, **kwargs):
        language = request.GET.get("labels") or results.display_language()
        if language not in self.survey.language_codes():
            language = "en"
        if not self.responses.exists():
            return self.render_to_response(
                self.get_context_data(survey=self.survey, query=self.filter_query())
            )
        data = labelled.write(self.survey, self.questions, self.responses, language, fmt)
        content_type, extension = labelled.FORMATS[fmt]
        response = HttpResponse(data, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, export_filename(f"survey-{self.survey.slug}-answers-{language}", extension)
        )
        return response


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
