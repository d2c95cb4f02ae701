"""CSV import of attendees by organisers: every line is checked first (the
dry run shows each line's errors); the import then runs all or nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from events import services
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


@dataclass
class Row:
    line: int
    data: dict
    errors: list = field(default_factory=list)
    institution: object = None


@dataclass
class Preview:
    rows: list
    will_confirm: int = 0
    will_wait: int = 0
    will_refuse: int = 0

    @property
    def has_errors(self):
        return any(row.errors for row in self.rows)

    @property
    def error_rows(self):
        return [row for row in self.rows if row.errors]


def parse(event, raw):
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
            row.errors.append(_("The same email is on line %(line)s.") % {"line": seen[email]})
        elif email in existing:
            row.errors.append(_("This person is already registered."))
        seen.setdefault(email, line.line)
        if data.get("language") not in ("", None, "en", "pl"):
            row.errors.append(_("The language must be en or pl."))
        row.institution = find_institution(data.get("institution"))
        rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has no attendees."))
    preview = Preview(rows=rows)
    seats = event.canonical.seats_left
    valid = len([r for r in rows if not r.errors])
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
            created += 1
    return created
