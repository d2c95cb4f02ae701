"""CSV import of attendees by organisers: every line is checked first (the
dry run shows each line's errors); the import then runs all or nothing, and
reports what became of each line. People already registered, or named twice
in the file, can be skipped instead of stopping the import. A column named
after one of the event's questions fills that answer."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from events import services
from events.choices import QuestionType
from events.forms import find_institution
from portal.imports import UnreadableFile, read_table

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000

# Column names accepted (lower case), English and Polish.
COLUMNS = {
    "name": ("name", "full name", "imię i nazwisko", "nazwisko"),
    "email": ("email", "e-mail", "adres e-mail"),
    "institution": ("institution", "instytucja"),
    "position": ("position", "stanowisko"),
    "phone": ("phone", "telefon"),
    "dietary": ("dietary", "dietary needs", "dieta"),
    "accessibility": ("accessibility", "accessibility needs", "dostępność"),
    "language": ("language", "język"),
}
MAX_LENGTHS = {
    "name": 200,
    "email": 254,
    "institution": 255,
    "position": 200,
    "phone": 50,
    "dietary": 500,
    "accessibility": 500,
}


class ImportFileError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class ImportRowsError(Exception):
    pass


YES = {"yes", "y", "tak", "t", "1", "true"}
NO = {"no", "n", "nie", "0", "false"}
# Several choices in one cell: "Poland; Ukraine" (a comma may be part of a choice).
CHOICE_SEPARATOR = ";"


@dataclass
class Row:
    line: int
    data: dict
    errors: list = field(default_factory=list)
    institution: object = None
    answers: dict = field(default_factory=dict)
    skipped: str = ""
    outcome: str = ""


def template_headings(event):
    """The columns of an import file for this event, for the template."""
    return [aliases[0] for aliases in COLUMNS.values()] + [
        question.label for question in event.canonical.questions.all()
    ]


def _answer(question, value):
    """(answer, error) for one cell of a question's column."""
    value = value.strip()
    if not value:
        if question.required:
            return None, _("“%(question)s” needs an answer.") % {"question": question.label}
        return None, None
    if question.question_type == QuestionType.YES_NO:
        if value.lower() in YES:
            return "yes", None
        if value.lower() in NO:
            return "no", None
        return None, _("“%(question)s” takes yes or no.") % {"question": question.label}
    if question.question_type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        choices = {choice.lower(): choice for choice in question.choice_list}
        parts = (
            [part.strip() for part in value.split(CHOICE_SEPARATOR) if part.strip()]
            if question.question_type == QuestionType.MULTIPLE
            else [value]
        )
        unknown = [part for part in parts if part.lower() not in choices]
        if unknown:
            return None, _("“%(value)s” is not a choice of “%(question)s”.") % {
                "value": unknown[0][:100],
                "question": question.label,
            }
        chosen = [choices[part.lower()] for part in parts]
        return (chosen if question.question_type == QuestionType.MULTIPLE else chosen[0]), None
    if len(value) > 1000:
        return None, _("The answer to “%(question)s” is too long (at most 1,000 characters).") % {
            "question": question.label
        }
    return value, None


@dataclass
class Preview:
    rows: list
    will_confirm: int = 0
    will_wait: int = 0
    will_refuse: int = 0
    questions: list = field(default_factory=list)

    @property
    def to_import(self):
        return [row for row in self.rows if not row.errors and not row.skipped]

    @property
    def skipped_rows(self):
        return [row for row in self.rows if row.skipped]

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]


def parse(event, raw, *, skip_duplicates=False):
    try:
        table = read_table(raw, max_bytes=MAX_BYTES)
    except UnreadableFile as error:
        raise ImportFileError(error.message) from error
    header = [name.lower() for name in table.header]
    positions = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(header):
            if name in aliases:
                positions[key] = index
                break
    questions = list(event.canonical.questions.all())
    question_positions = {}
    for question in questions:
        label = question.label.strip().lower()
        for index, name in enumerate(header):
            if name.strip() == label:
                question_positions[question.key] = (question, index)
                break
    missing = [key for key in ("name", "email") if key not in positions]
    if missing:
        raise ImportFileError(
            _("The header line must name the columns %(columns)s.") % {"columns": "name, email"}
        )
    rows = []
    seen = {}
    existing = set(
        event.canonical.registrations_queryset()
        .active()
        .filter(purged_at__isnull=True)
        .values_list("email", flat=True)
    )
    for line in table.rows:
        if line.is_blank:
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(_("Too many lines (at most 5,000)."))
        data = {
            key: (line.values[index] if index < len(line.values) else "")
            for key, index in positions.items()
        }
        row = Row(line=line.line, data=data)
        if not data.get("name"):
            row.errors.append(_("The name is missing."))
        email = data.get("email", "").lower()
        data["email"] = email
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("The email address is not valid."))
        for key, limit in MAX_LENGTHS.items():
            if len(data.get(key, "")) > limit:
                row.errors.append(
                    _("%(column)s is too long (at most %(limit)s characters).")
                    % {"column": key, "limit": limit}
                )
        if email in seen:
            message = _("The same email is on line %(line)s.") % {"line": seen[email]}
            if skip_duplicates:
                row.skipped = message
            else:
                row.errors.append(message)
        elif email in existing:
            message = _("This person is already registered.")
            if skip_duplicates:
                row.skipped = message
            else:
                row.errors.append(message)
        seen.setdefault(email, line.line)
        for question, index in question_positions.values():
            cell = line.values[index] if index < len(line.values) else ""
            answer, error = _answer(question, cell)
            if error:
                row.errors.append(error)
            elif answer is not None:
                row.answers[question.key] = answer
        if data.get("language") not in ("", None, "en", "pl"):
            row.errors.append(_("The language must be en or pl."))
        row.institution = find_institution(data.get("institution"))
        rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has no attendees."))
    preview = Preview(rows=rows, questions=[q for q, _index in question_positions.values()])
    seats = event.canonical.seats_left
    valid = len(preview.to_import)
    if seats is None:
        preview.will_confirm = valid
    else:
        preview.will_confirm = min(seats, valid)
        overflow = valid - preview.will_confirm
        if event.canonical.waiting_list_enabled:
            preview.will_wait = overflow
        else:
            preview.will_refuse = overflow
    return preview


def run(event, preview, *, send_confirmation):
    """Import every line or none."""
    if preview.has_errors:
        raise ImportRowsError
    created = 0
    with transaction.atomic():
        for row in preview.rows:
            if row.skipped:
                row.outcome = _("Skipped: %(reason)s") % {"reason": row.skipped}
                continue
            data = {
                "name": row.data["name"],
                "email": row.data["email"],
                "institution": row.institution,
                "institution_other": "" if row.institution else row.data.get("institution", ""),
                "position": row.data.get("position", ""),
                "phone": row.data.get("phone", ""),
                "dietary": row.data.get("dietary", ""),
                "accessibility": row.data.get("accessibility", ""),
                "language": row.data.get("language") or "pl",
                "answers": row.answers,
            }
            try:
                result = services.register(
                    event, data, by_organiser=True, send_confirmation=send_confirmation
                )
            except services.RegistrationError as error:
                row.errors.append(str(error.message))
                raise ImportRowsError from error
            if result.duplicate:
                row.errors.append(_("This person is already registered."))
                raise ImportRowsError
            row.outcome = str(result.registration.get_status_display())
            created += 1
    return created
