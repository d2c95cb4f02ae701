"""Survey results in the Wagtail admin: the list of surveys, one survey's
results (counts, shares, charts, cross-tabulation), its written answers and
the CSV/XLSX exports. Only for those `can_see_results` lets in; a translated
survey page leads to the results of its source survey."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from portal.exports import export_filename, spreadsheet_response
from portal.two_factor import TwoFactorRequiredMixin
from resources.surveys import labelled, results
from resources.surveys.charts import bar_chart, histogram
from resources.surveys.models import SURVEY_LANGUAGES, SurveyPage


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
        self.questions = list(self.survey.form_fields.order_by("sort_order", "pk"))
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
