"""Survey results for organisers: who may see them, counts and shares per
question, cross-tabulation, free-text answers and exports.

Counts are made in Python from one query over the answers (JSON differs
between SQLite and PostgreSQL, and one pass serves every question), so the
number of queries does not grow with the number of answers. Free-text answers
and exports, which do grow, are paginated or streamed.
"""

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from resources.surveys.charts import histogram_bins
from resources.surveys.models import SURVEY_LANGUAGES, SurveyResponse

RESULTS_PERMISSION = "resources.view_surveyresponse"
DELETE_PERMISSION = "resources.delete_surveyresponse"
LANGUAGE_NAMES = dict(SURVEY_LANGUAGES)


def can_see_results(user):
    """Organisers, moderators (by the permission their groups hold) and administrators."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.has_perm(RESULTS_PERMISSION)


def can_manage_answers(user):
    """Deleting answers, closing a survey early and handing out invitations:
    organisers and moderators (their groups hold the permission) and administrators."""
    return can_see_results(user) and (user.is_superuser or user.has_perm(DELETE_PERMISSION))


def responses_for(survey, language="", date_from=None, date_to=None):
    responses = SurveyResponse.objects.filter(survey=survey)
    if language:
        responses = responses.filter(language=language)
    if date_from:
        responses = responses.filter(submitted_on__gte=date_from)
    if date_to:
        responses = responses.filter(submitted_on__lte=date_to)
    return responses


def _values(answer):
    if answer in (None, "", []):
        return []
    return answer if isinstance(answer, list) else [answer]


def display_language():
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGE_NAMES else "en"


@dataclass
class Row:
    key: str
    label: str
    count: int
    share: float  # of the respondents who answered the question, 0..1


@dataclass
class QuestionSummary:
    question: object
    n: int = 0
    rows: list = field(default_factory=list)
    numbers: dict = field(default_factory=dict)
    bins: list = field(default_factory=list)

    @property
    def kind(self):
        q = self.question
        if q.is_choice:
            return "choice"
        if q.field_type == "number":
            return "number"
        return "text"

    @property
    def is_choice(self):
        return self.kind == "choice"

    @property
    def is_number(self):
        return self.kind == "number"


def summarise(questions, responses):
    """Per question: n (respondents who answered it) and, for choice questions,
    each option's count and share; answers outside the current options (an
    option renamed after answers came in) are listed under their stored value."""
    answered = Counter()
    counts = defaultdict(Counter)
    numbers = defaultdict(list)
    total = 0
    languages = Counter()
    for language, answers in responses.values_list("language", "answers").iterator(chunk_size=2000):
        total += 1
        languages[language] += 1
        for question in questions:
            values = _values(answers.get(question.clean_name))
            if not values:
                continue
            answered[question.clean_name] += 1
            if question.is_choice:
                counts[question.clean_name].update(str(v) for v in values)
            elif question.field_type == "number":
                numbers[question.clean_name].extend(v for v in values if isinstance(v, int | float))
    display = display_language()
    summaries = []
    for question in questions:
        n = answered[question.clean_name]
        summary = QuestionSummary(question=question, n=n)
        if question.is_choice:
            found = counts[question.clean_name]
            options = question.options_in(display)
            known = {key for key, _label in options}
            extra = [(key, key) for key in sorted(found) if key not in known]
            summary.rows = [
                Row(key, label, found[key], found[key] / n if n else 0.0)
                for key, label in options + extra
            ]
        elif question.field_type == "number":
            values = numbers[question.clean_name]
            if values:
                summary.numbers = {
                    "min": min(values),
                    "max": max(values),
                    "mean": round(statistics.fmean(values), 2),
                    "median": statistics.median(values),
                }
                summary.bins = histogram_bins(values)
        summaries.append(summary)
    return {"total": total, "languages": languages, "questions": summaries}


@dataclass
class CrossTab:
    row_question: object
    column_question: object
    columns: list  # [(key, label)]
    rows: list  # [(key, label, n, [(count, share)])]
    n: int


def crosstab(row_question, column_question, responses):
    """Counts of respondents for each pair of options, with shares of each row
    (of the respondents in the row who answered the column question). With a
    multiple-choice question a respondent counts in every option they ticked,
    so a row's shares may add up to more than 100 %."""
    display = display_language()
    cells = Counter()
    row_totals = Counter()
    n = 0
    for answers in responses.values_list("answers", flat=True).iterator(chunk_size=2000):
        row_values = [str(v) for v in _values(answers.get(row_question.clean_name))]
        column_values = [str(v) for v in _values(answers.get(column_question.clean_name))]
        if not row_values or not column_values:
            continue
        n += 1
        for row in row_values:
            row_totals[row] += 1
            for column in column_values:
                cells[row, column] += 1
    columns = column_question.options_in(display)
    rows = []
    for key, label in row_question.options_in(display):
        total = row_totals[key]
        rows.append(
            (
                key,
                label,
                total,
                [
                    (cells[key, column], cells[key, column] / total if total else 0.0)
                    for column, _label in columns
                ],
            )
        )
    return CrossTab(row_question, column_question, columns, rows, n)


def text_answers(question, responses):
    """A question's non-empty written answers, newest day first (for a paginator)."""
    key = f"answers__{question.clean_name}"
    return (
        responses.exclude(**{f"{key}__isnull": True})
        .exclude(**{key: ""})
        .order_by("-submitted_on", "pk")
        .values_list("submitted_on", "language", key)
    )


# --- Exports -----------------------------------------------------------------------


def export_header(survey, questions):
    header = [_("Date"), _("Language")]
    if survey.record_respondent:
        header.append(_("Respondent"))
    return header + [question.label for question in questions]


def export_rows(survey, questions, responses):
    """One row per answer, oldest first; options as their stable English keys."""
    fields = ["submitted_on", "language", "answers"]
    if survey.record_respondent:
        fields.append("respondent__email")
    for values in (
        responses.order_by("submitted_on", "pk").values_list(*fields).iterator(chunk_size=2000)
    ):
        submitted_on, language, answers = values[:3]
        row = [submitted_on, language]
        if survey.record_respondent:
            row.append(values[3] or "")
        for question in questions:
            value = answers.get(question.clean_name, "")
            row.append("; ".join(str(v) for v in value) if isinstance(value, list) else value)
        yield row
