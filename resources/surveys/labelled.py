"""Survey answers as labelled data sets for statistics programs: SPSS (.sav)
and Stata (.dta), written with pyreadstat, and for R a CSV file with a script
that reads it and applies the labels (a zip of both).

Every variable carries the question as its label and every coded variable its
value labels, in the language the organiser chooses. Single-choice answers
become codes 1, 2, ... in the order of the options; each option of a
multiple-choice question becomes a 0/1 variable; numbers stay numbers and
written answers text. A question a respondent was not shown (or skipped) is
missing, not 0, so "did not answer" and "did not choose" stay apart.
"""

import io
import math
import re
import tempfile
import zipfile
from pathlib import Path

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.exports import clean_text, csv_lines
from resources.surveys.models import SURVEY_LANGUAGES

FORMATS = {
    "sav": ("application/x-spss-sav", "sav"),
    "dta": ("application/x-stata-dta", "dta"),
    "r": ("application/zip", "zip"),
}
# Names SPSS or Stata keep for themselves; a question key equal to one gets a prefix.
RESERVED = {
    "all", "and", "by", "eq", "ge", "gt", "le", "lt", "ne", "not", "or", "to", "with",
    "if", "in", "int", "long", "float", "double", "byte", "str", "strl", "using", "_n",
    "_all", "_b", "_cons", "_pi", "_pred", "_rc", "_se", "_skip", "e", "pi", "date", "language",
}  # fmt: skip
NAME_LENGTH = 32  # Stata's limit (SPSS allows 64)
LABEL_LIMITS = {"sav": 250, "dta": 80, "r": 250}


def _clip(text, limit):
    text = clean_text(str(text))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Names:
    """Variable names both programs accept: ASCII letters, digits and
    underscores, starting with a letter, unique whatever the case."""

    def __init__(self):
        self.used = {"date", "language", "respondent"}

    def make(self, base, suffix=""):
        name = re.sub(r"[^a-z0-9_]", "_", base.lower()).strip("_") or "q"
        if not name[0].isalpha() or name in RESERVED:
            name = f"q_{name}"
        tail = f"_{suffix}" if suffix else ""
        candidate = name[: NAME_LENGTH - len(tail)].rstrip("_") + tail
        number = 1
        while candidate in self.used:
            number += 1
            extra = f"{tail}_{number}"
            candidate = name[: NAME_LENGTH - len(extra)].rstrip("_") + extra
        self.used.add(candidate)
        return candidate


def _numeric(value):
    if isinstance(value, bool):
        return math.nan
    if isinstance(value, int | float):
        return float(value)
    return math.nan


def build(survey, questions, responses, language, fmt):
    """(columns {name: values}, variable labels, value labels) of the answers."""
    limit = LABEL_LIMITS[fmt]
    names = Names()
    rows = list(
        responses.order_by("submitted_on", "pk").values_list(
            "submitted_on", "language", "answers", "respondent__email"
        )
    )
    columns = {"date": [row[0].isoformat() for row in rows]}
    language_codes = {code: index for index, (code, _name) in enumerate(SURVEY_LANGUAGES, 1)}
    columns["language"] = [float(language_codes.get(row[1], math.nan)) for row in rows]
    with translation.override(language):
        variable_labels = {"date": _("Date of the answer"), "language": _("Language")}
        chosen_labels = {0.0: _("not chosen"), 1.0: _("chosen")}
    value_labels = {
        "language": {float(index): name for index, (_code, name) in enumerate(SURVEY_LANGUAGES, 1)}
    }
    if survey.record_respondent:
        columns["respondent"] = [row[3] or "" for row in rows]
        with translation.override(language):
            variable_labels["respondent"] = _("Respondent")
    for question in questions:
        key = question.clean_name
        label = question.label_in(language)
        answers = [row[2].get(key) for row in rows]
        if question.is_multiple:
            for number, (option, option_label) in enumerate(question.options_in(language), 1):
                name = names.make(key, suffix=number)
                columns[name] = [
                    math.nan if not isinstance(a, list) or not a else float(option in a)
                    for a in answers
                ]
                variable_labels[name] = _clip(f"{label}: {option_label}", limit)
                value_labels[name] = dict(chosen_labels)
        elif question.is_choice:
            name = names.make(key)
            options = question.options_in(language)
            codes = {option: float(index) for index, (option, _l) in enumerate(options, 1)}
            labels = {codes[option]: _clip(text, 120) for option, text in options}
            # Answers under an option renamed since: codes after the current ones.
            for answer in answers:
                if answer not in (None, "") and str(answer) not in codes:
                    codes[str(answer)] = float(len(codes) + 1)
                    labels[codes[str(answer)]] = _clip(answer, 120)
            columns[name] = [codes[str(a)] if a not in (None, "") else math.nan for a in answers]
            variable_labels[name] = _clip(label, limit)
            value_labels[name] = labels
        elif question.field_type == "number":
            name = names.make(key)
            columns[name] = [_numeric(a) for a in answers]
            variable_labels[name] = _clip(label, limit)
        else:
            name = names.make(key)
            columns[name] = [_clip(a, 2000) if a not in (None, "") else "" for a in answers]
            variable_labels[name] = _clip(label, limit)
    return columns, variable_labels, value_labels


def r_string(text):
    """`text` as an R string literal."""
    text = str(text).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def _r_number(value):
    return f"{value:g}"


def write_r(survey, columns, variable_labels, value_labels, language):
    """answers.csv (codes, as in the other files) and answers.R, which reads it
    and turns codes into labelled factors; zipped together."""
    names = list(columns)
    rows = (
        [None if isinstance(v, float) and math.isnan(v) else v for v in row]
        for row in zip(*columns.values(), strict=True)
    )
    data = "".join(csv_lines(names, rows)).encode("utf-8")
    lines = [
        "# " + clean_text(survey.title).replace("\n", " "),
        f"# Answers exported on {timezone.localdate().isoformat()}; labels in {language}.",
        "# Run this script from the folder that holds answers.csv.",
        'answers <- read.csv("answers.csv", fileEncoding = "UTF-8-BOM", na.strings = "",',
        "                    stringsAsFactors = FALSE, check.names = FALSE)",
    ]
    for name in names:
        labels = value_labels.get(name)
        if labels:
            codes = ", ".join(_r_number(code) for code in labels)
            texts = ", ".join(r_string(text) for text in labels.values())
            lines.append(
                f"answers${name} <- factor(answers${name}, levels = c({codes}), "
                f"labels = c({texts}))"
            )
        if name in variable_labels:
            lines.append(f'attr(answers${name}, "label") <- {r_string(variable_labels[name])}')
    script = ("\n".join(lines) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("answers.csv", data)
        archive.writestr("answers.R", script)
    return buffer.getvalue()


def write(survey, questions, responses, language, fmt):
    """The data set as bytes."""
    columns, variable_labels, value_labels = build(survey, questions, responses, language, fmt)
    if fmt == "r":
        return write_r(survey, columns, variable_labels, value_labels, language)
    import pandas as pd  # noqa: PLC0415 - heavy; loaded on first use so web workers stay small (README, Performance)
    import pyreadstat  # noqa: PLC0415 - heavy; loaded on first use so web workers stay small (README, Performance)

    frame = pd.DataFrame(columns)
    note = f"{survey.title} — {timezone.localdate().isoformat()} — {language}"
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"answers.{fmt}"
        if fmt == "sav":
            pyreadstat.write_sav(
                frame,
                path,
                file_label=_clip(survey.title, 64),
                column_labels=variable_labels,
                variable_value_labels=value_labels,
                note=_clip(note, 240),
            )
        else:
            pyreadstat.write_dta(
                frame,
                path,
                file_label=_clip(survey.title, 80),
                column_labels=variable_labels,
                variable_value_labels={
                    name: {int(code): text for code, text in labels.items()}
                    for name, labels in value_labels.items()
                },
                version=15,
            )
        return path.read_bytes()
