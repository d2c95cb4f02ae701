"""CSV import of institutions and contact people.

Every row is checked first; when any row is bad nothing is imported and every
problem is reported with its line number. A dry run stops after the checks
and shows what would happen."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from directory.addresses import is_polish_postcode, parse_address
from directory.choices import InstitutionKind, Visibility, region_key
from directory.models import ContactPerson, Institution
from portal.imports import UnreadableFile, read_table, read_upload
from portal.models import Language, Topic

INSTITUTION_COLUMNS = [
    "slug",
    "name",
    "name_pl",
    "short_name",
    "kind",
    "parent",
    "country",
    "region",
    "city",
    "street",
    "postal_code",
    "phone",
    "email",
    "website",
    "hotline",
    "languages",
    "competences",
    "last_verified_at",
]
# Files written before addresses had their fields: "ul. Okopowa 55, 01-043
# Warszawa" in one column is split into street, postcode and city.
LEGACY_INSTITUTION_COLUMNS = ["postal_address"]
INSTITUTION_REQUIRED = ["name", "kind"]
CONTACT_COLUMNS = [
    "institution",
    "name",
    "position",
    "email",
    "phone",
    "mobile",
    "languages",
    "topics",
    "focal_point",
    "visibility",
    "last_verified_at",
]
CONTACT_REQUIRED = ["institution", "name"]
MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024
TRUE_VALUES = {"1", "yes", "true", "tak", "y", "x"}
FALSE_VALUES = {"", "0", "no", "false", "nie", "n"}


@dataclass
class ImportResult:
    kind: str
    errors: list = field(default_factory=list)  # (line, message)
    rows: list = field(default_factory=list)  # (line, action, label)
    imported: bool = False

    @property
    def ok(self):
        return not self.errors


def _codes(value, known, line, column, result):
    codes = [code.strip() for code in value.replace(";", ",").replace(" ", ",").split(",")]
    codes = [code for code in codes if code]
    unknown = [code for code in codes if code not in known]
    if unknown:
        result.errors.append(
            (
                line,
                _("Unknown value(s) in %(column)s: %(values)s")
                % {"column": column, "values": ", ".join(unknown)},
            )
        )
    return codes


def _date(value, line, result):
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        result.errors.append(
            (
                line,
                _("last_verified_at must be a date like 2026-01-31, not “%(value)s”.")
                % {"value": value},
            )
        )
        return None


def _email(value, line, result, column="email"):
    if not value:
        return
    try:
        validate_email(value)
    except ValidationError:
        result.errors.append(
            (
                line,
                _("%(column)s is not a valid email address: %(value)s")
                % {"column": column, "value": value},
            )
        )


def _check_columns(table, expected, required, result):
    columns = table.header
    missing = [name for name in required if name not in columns]
    unknown = [name for name in columns if name not in expected]
    if missing:
        result.errors.append(
            (1, _("Missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
        )
    if unknown:
        result.errors.append(
            (1, _("Unknown column(s): %(columns)s") % {"columns": ", ".join(unknown)})
        )
    return not (missing or unknown)


def _rows(table, result):
    for row in table.rows:
        if row.line - 1 > MAX_ROWS:
            result.errors.append((row.line, _("Too many rows; split the file.")))
            return
        if len(row.values) > len(table.header):
            result.errors.append((row.line, _("This line has more values than there are columns.")))
            continue
        if row.is_blank:
            continue
        values = row.values + [""] * (len(table.header) - len(row.values))
        yield row.line, dict(zip(table.header, values, strict=True))


def check_institutions(table, result):
    languages = set(Language.objects.values_list("code", flat=True))
    topics = set(Topic.objects.values_list("slug", flat=True))
    existing = set(Institution.objects.values_list("slug", flat=True))
    kinds = set(InstitutionKind.values)
    url = URLValidator()
    planned, seen = [], set()
    if not _check_columns(
        table, INSTITUTION_COLUMNS + LEGACY_INSTITUTION_COLUMNS, INSTITUTION_REQUIRED, result
    ):
        return planned
    for line, row in _rows(table, result):
        before = len(result.errors)
        for column in INSTITUTION_REQUIRED:
            if not row.get(column):
                result.errors.append((line, _("%(column)s is required.") % {"column": column}))
        slug = row.get("slug") or slugify(row.get("name", ""))[:240]
        if slug != slugify(slug):
            result.errors.append((line, _("slug may contain only letters, digits and hyphens.")))
        if slug in seen:
            result.errors.append(
                (line, _("The slug %(slug)s appears twice in the file.") % {"slug": slug})
            )
        if row.get("kind") and row["kind"] not in kinds:
            result.errors.append(
                (
                    line,
                    _("Unknown kind “%(kind)s”; use one of: %(kinds)s")
                    % {"kind": row["kind"], "kinds": ", ".join(sorted(kinds))},
                )
            )
        country = (row.get("country") or "PL").upper()
        if len(country) != 2 or not country.isalpha():
            result.errors.append((line, _("country must be a two-letter ISO 3166 code.")))
        _address(row, country, line, result)
        parent = row.get("parent", "")
        if parent and parent not in existing and parent not in seen:
            result.errors.append(
                (
                    line,
                    _("The parent %(parent)s is neither in the directory nor earlier in the file.")
                    % {"parent": parent},
                )
            )
        _email(row.get("email"), line, result)
        if row.get("website"):
            try:
                url(row["website"])
            except ValidationError:
                result.errors.append((line, _("website is not a valid address.")))
        _check_lengths(
            row,
            (
                ("name", 255),
                ("name_pl", 255),
                ("short_name", 60),
                ("city", 100),
                ("region", 100),
                ("street", 255),
                ("postal_code", 20),
                ("phone", 50),
                ("hotline", 50),
            ),
            line,
            result,
        )
        row["languages"] = _codes(row.get("languages", ""), languages, line, "languages", result)
        row["competences"] = _codes(row.get("competences", ""), topics, line, "competences", result)
        row["last_verified_at"] = _date(row.get("last_verified_at"), line, result)
        row["slug"], row["country"] = slug, country
        seen.add(slug)
        if len(result.errors) == before:
            action = _("update") if slug in existing else _("create")
            result.rows.append((line, action, row["name"]))
            planned.append(row)
    return planned


def save_institutions(planned):
    fields = [
        "name",
        "name_pl",
        "short_name",
        "kind",
        "country",
        "region",
        "city",
        "street",
        "postal_code",
        "phone",
        "email",
        "website",
        "hotline",
        "last_verified_at",
    ]
    for row in planned:
        defaults = {
            name: row.get(name) or ("" if name != "last_verified_at" else None) for name in fields
        }
        defaults["parent"] = (
            Institution.objects.get(slug=row["parent"]) if row.get("parent") else None
        )
        institution, _created = Institution.objects.update_or_create(
            slug=row["slug"], defaults=defaults
        )
        institution.languages.set(row["languages"])
        institution.competences.set(
            Topic.objects.filter(slug__in=row["competences"], locale__language_code="en")
        )


def check_contacts(table, result):
    languages = set(Language.objects.values_list("code", flat=True))
    topics = set(Topic.objects.values_list("slug", flat=True))
    institutions = dict(Institution.objects.values_list("slug", "pk"))
    planned = []
    if not _check_columns(table, CONTACT_COLUMNS, CONTACT_REQUIRED, result):
        return planned
    for line, row in _rows(table, result):
        before = len(result.errors)
        for column in CONTACT_REQUIRED:
            if not row.get(column):
                result.errors.append((line, _("%(column)s is required.") % {"column": column}))
        if row.get("institution") and row["institution"] not in institutions:
            result.errors.append(
                (line, _("No institution with the slug %(slug)s.") % {"slug": row["institution"]})
            )
        _email(row.get("email"), line, result)
        focal = row.get("focal_point", "").lower()
        if focal not in TRUE_VALUES | FALSE_VALUES:
            result.errors.append((line, _("focal_point must be yes or no.")))
        visibility = row.get("visibility") or Visibility.MEMBERS
        if visibility not in Visibility.values:
            result.errors.append((line, _("visibility must be public or members.")))
        _check_lengths(
            row, (("name", 200), ("position", 200), ("phone", 50), ("mobile", 50)), line, result
        )
        row["languages"] = _codes(row.get("languages", ""), languages, line, "languages", result)
        row["topics"] = _codes(row.get("topics", ""), topics, line, "topics", result)
        row["last_verified_at"] = _date(row.get("last_verified_at"), line, result)
        row["is_focal_point"] = focal in TRUE_VALUES
        row["visibility"] = visibility
        if len(result.errors) == before:
            row["institution_id"] = institutions[row["institution"]]
            exists = (
                bool(row.get("email"))
                and ContactPerson.objects.filter(
                    institution_id=row["institution_id"], email__iexact=row["email"]
                ).exists()
            )
            result.rows.append((line, _("update") if exists else _("create"), row["name"]))
            planned.append(row)
    return planned


def save_contacts(planned):
    for row in planned:
        values = {
            "name": row["name"],
            "position": row.get("position", ""),
            "phone": row.get("phone", ""),
            "mobile": row.get("mobile", ""),
            "is_focal_point": row["is_focal_point"],
            "visibility": row["visibility"],
            "last_verified_at": row["last_verified_at"],
            "is_active": True,
        }
        person = None
        if row.get("email"):
            person = ContactPerson.objects.filter(
                institution_id=row["institution_id"], email__iexact=row["email"]
            ).first()
        if person is None:
            person = ContactPerson(institution_id=row["institution_id"], email=row.get("email", ""))
        for name, value in values.items():
            setattr(person, name, value)
        person.save()
        person.languages.set(row["languages"])
        person.topics.set(Topic.objects.filter(slug__in=row["topics"], locale__language_code="en"))


def import_csv(uploaded, kind, dry_run=True):
    """Check (and unless dry_run, import) a CSV file of `institutions` or `contacts`."""
    result = ImportResult(kind=kind)
    try:
        table = read_table(read_upload(uploaded, MAX_BYTES))
    except UnreadableFile as error:
        result.errors.append((error.line, error.message))
        return result
    if kind == "institutions":
        planned = check_institutions(table, result)
    else:
        planned = check_contacts(table, result)
    if not result.rows and not result.errors:
        result.errors.append((0, _("The file has no rows to import.")))
    if result.errors or dry_run:
        return result
    with transaction.atomic():
        if kind == "institutions":
            save_institutions(planned)
        else:
            save_contacts(planned)
    result.imported = True
    return result


def _address(row, country, line, result):
    """Street, postcode, city and region as the model keeps them: a legacy
    one-column address is split, a voivodship's name becomes its slug."""
    legacy = row.pop("postal_address", "")
    if legacy and not (row.get("street") or row.get("postal_code")):
        parsed = parse_address(legacy, row.get("city", ""))
        row["street"], row["postal_code"] = parsed.street, parsed.postal_code
        row["city"] = row.get("city") or parsed.city
    row["region"] = region_key(row.get("region", "").strip())
    postal_code = row.get("postal_code", "").strip()
    row["postal_code"] = postal_code
    if country == "PL" and postal_code and not is_polish_postcode(postal_code):
        result.errors.append(
            (
                line,
                _("postal_code must look like 00-391 for an address in Poland, not “%(value)s”.")
                % {"value": postal_code},
            )
        )


def _check_lengths(row, limits, line, result):
    """An error for each column longer than its database field allows."""
    for column, limit in limits:
        if len(row.get(column, "")) > limit:
            result.errors.append(
                (
                    line,
                    _("%(column)s is longer than %(limit)d characters.")
                    % {"column": column, "limit": limit},
                )
            )
