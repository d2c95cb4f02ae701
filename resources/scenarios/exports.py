"""Downloads from the scenario analytics: attempts, the summary per
institution and month, and the stored xAPI statements as JSON lines.

A scenario is exported with its translations (they share step keys and
choice ids). Players are never named: an attempt shows the institution of the
member who played it (when they played), or nothing for anonymous players.
Spreadsheets go through `portal.exports`, which neutralises formulas.
"""

import datetime
import json

from django import forms
from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Institution
from portal.exports import export_filename, spreadsheet_response
from resources.models import ScenarioAttempt, ScenarioStatement

EXPORTS = {
    "attempts-csv": ("attempts", "csv"),
    "attempts-xlsx": ("attempts", "xlsx"),
    "institutions-csv": ("institutions", "csv"),
    "institutions-xlsx": ("institutions", "xlsx"),
    "statements-jsonl": ("statements", "jsonl"),
}
JSON_LINES_CONTENT_TYPE = "application/x-ndjson; charset=utf-8"


class ExportFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Attempts started on or after this day."),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Attempts started on or before this day."),
    )
    institution = forms.ModelChoiceField(
        label=gettext_lazy("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=gettext_lazy("All institutions"),
    )
    export = forms.ChoiceField(choices=[(key, key) for key in EXPORTS], widget=forms.HiddenInput)

    def __init__(self, *args, page=None, **kwargs):
        super().__init__(*args, **kwargs)
        attempts = ScenarioAttempt.objects.all()
        if page is not None:
            attempts = attempts.filter(scenario__translation_key=page.translation_key)
        self.fields["institution"].queryset = Institution.objects.filter(
            pk__in=attempts.exclude(institution=None).values("institution")
        ).order_by("name")
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}-help"
        if page is None:
            # The list of all scenarios offers only the statements.
            self.fields["export"].choices = [("statements-jsonl", "statements-jsonl")]

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period is before its start."))
        return data


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_period(queryset, field, date_from, date_to):
    if date_from:
        queryset = queryset.filter(**{f"{field}__gte": _day_start(date_from)})
    if date_to:
        queryset = queryset.filter(
            **{f"{field}__lt": _day_start(date_to + datetime.timedelta(days=1))}
        )
    return queryset


def attempts(page, date_from=None, date_to=None, institution=None):
    queryset = ScenarioAttempt.objects.filter(scenario__translation_key=page.translation_key)
    queryset = _in_period(queryset, "started_at", date_from, date_to)
    if institution is not None:
        queryset = queryset.filter(institution=institution)
    return queryset


class _Ways:
    """The steps and choice labels of each language version, read once."""

    def __init__(self):
        self.steps = {}

    def describe(self, scenario, path):
        """The way taken as "step › choice" text; a choice the scenario no
        longer has ends the description with a question mark."""
        if scenario.pk not in self.steps:
            steps = scenario.ordered_steps()
            start = scenario.start_step or (steps[0].key if steps else "")
            self.steps[scenario.pk] = (start, {step.key: step for step in steps})
        key, steps = self.steps[scenario.pk]
        parts = []
        for choice_id in path if isinstance(path, list) else []:
            step = steps.get(key)
            choice = step.choice(choice_id) if step else None
            if choice is None:
                parts.append("?")
                break
            parts.append(f"{step.title} › {choice['label']}")
            key = choice["target"]
        return " | ".join(parts)


def attempt_headings():
    return [
        _("Scenario"),
        _("Language"),
        _("Institution"),
        _("Started"),
        _("Finished"),
        _("Completed"),
        _("Ending"),
        _("Score"),
        _("Choices"),
        _("Re-choices"),
        _("Path"),
        _("Path (choice keys)"),
    ]


def attempt_rows(queryset):
    ways = _Ways()
    rows = (
        queryset.select_related("scenario", "scenario__locale", "institution")
        .annotate(
            choices_made=Count("choice_events"),
            rechoices=Count("choice_events", filter=Q(choice_events__is_rechoice=True)),
        )
        .order_by("started_at", "pk")
    )
    for attempt in rows.iterator(chunk_size=500):
        path = attempt.path if isinstance(attempt.path, list) else []
        yield [
            attempt.scenario.title,
            attempt.scenario.locale.language_code,
            str(attempt.institution) if attempt.institution else "",
            attempt.started_at,
            attempt.finished_at,
            _("yes") if attempt.finished_at else _("no"),
            attempt.ending_title,
            attempt.score,
            attempt.choices_made,
            attempt.rechoices,
            ways.describe(attempt.scenario, path),
            " ".join(str(choice_id) for choice_id in path),
        ]


def institution_headings():
    return [
        _("Month"),
        _("Institution"),
        _("Attempts"),
        _("Completed"),
        _("Completion (%)"),
        _("Average score of completed attempts"),
        _("Re-choices"),
    ]


def institution_rows(queryset):
    """One row per month and institution; players without an institution
    (anonymous, or not members) have a row of their own."""
    rechoices = {
        (row["month"], row["institution"]): row["count"]
        for row in queryset.annotate(month=TruncMonth("started_at"))
        .values("month", "institution")
        .annotate(count=Count("choice_events", filter=Q(choice_events__is_rechoice=True)))
    }
    groups = (
        queryset.annotate(month=TruncMonth("started_at"))
        .values("month", "institution", "institution__name")
        .annotate(
            started=Count("pk"),
            finished=Count("pk", filter=Q(finished_at__isnull=False)),
            average=Avg("score", filter=Q(finished_at__isnull=False)),
        )
        .order_by()
    )
    names = {
        institution.pk: str(institution)
        for institution in Institution.objects.filter(
            pk__in={group["institution"] for group in groups if group["institution"]}
        )
    }
    # Sorted here: databases disagree on where an empty institution sorts.
    groups = sorted(
        groups,
        key=lambda group: (
            group["month"] is None,
            group["month"] or datetime.datetime.min,
            group["institution"] is None,
            names.get(group["institution"], "").casefold(),
        ),
    )
    for group in groups:
        month = group["month"]
        yield [
            month.strftime("%Y-%m") if month else "",
            names.get(group["institution"])
            or _("No institution (anonymous players and non-members)"),
            group["started"],
            group["finished"],
            round(100 * group["finished"] / group["started"]) if group["started"] else 0,
            round(group["average"], 1) if group["average"] is not None else "",
            rechoices.get((month, group["institution"]), 0),
        ]


def statements(scenario_key=None, date_from=None, date_to=None, institution=None):
    queryset = ScenarioStatement.objects.all()
    if scenario_key is not None:
        queryset = queryset.filter(scenario_key=scenario_key)
    if institution is not None:
        queryset = queryset.filter(attempt__institution=institution)
    return _in_period(queryset, "created_at", date_from, date_to).order_by("created_at", "pk")


def json_lines_response(subject, queryset):
    """The statements exactly as stored (and sent), one JSON object a line."""
    lines = (
        json.dumps(statement, ensure_ascii=False, separators=(",", ":")) + "\n"
        for statement in queryset.values_list("statement", flat=True).iterator(chunk_size=500)
    )
    response = StreamingHttpResponse(lines, content_type=JSON_LINES_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, export_filename(subject, "jsonl")
    )
    return response


def response(page, data):
    """The download the valid filter form asks for."""
    kind, file_format = EXPORTS[data["export"]]
    period = (data.get("date_from"), data.get("date_to"))
    institution = data.get("institution")
    if page is None:
        return json_lines_response(_("xAPI statements"), statements(None, *period, institution))
    if kind == "statements":
        return json_lines_response(
            _("xAPI statements %(title)s") % {"title": page.title},
            statements(page.translation_key, *period, institution),
        )
    queryset = attempts(page, *period, institution=institution)
    if kind == "attempts":
        subject = _("scenario attempts %(title)s") % {"title": page.title}
        return spreadsheet_response(
            file_format, subject, attempt_headings(), attempt_rows(queryset), _("Attempts")
        )
    subject = _("scenario per institution %(title)s") % {"title": page.title}
    return spreadsheet_response(
        file_format,
        subject,
        institution_headings(),
        institution_rows(queryset),
        _("Per institution"),
    )
