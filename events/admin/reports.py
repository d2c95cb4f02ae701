"""Attendance figures for organisers and funders."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.choices import InstitutionKind, region_name
from events.choices import EventStatus, RegistrationStatus
from events.models import Registration
from portal.languages import LANGUAGE_NAMES

BREAKDOWNS = [
    ("by_kind", gettext_lazy("People trained by institution kind")),
    ("by_region", gettext_lazy("People trained by region")),
    ("by_language", gettext_lazy("People trained by language")),
    ("by_institution", gettext_lazy("People trained by institution")),
]


def registration_counts(event):
    rows = Registration.objects.filter(event=event).aggregate(
        confirmed=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
        cancelled=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        attended=Count("pk", filter=Q(attended_at__isnull=False)),
    )
    rows["capacity"] = event.capacity
    return rows


def _participants(events):
    """Who took part: attended, or confirmed where no one was checked in."""
    event_ids = list(events.values_list("pk", flat=True))
    with_checkin = set(
        Registration.objects.filter(event_id__in=event_ids, attended_at__isnull=False)
        .values_list("event_id", flat=True)
        .distinct()
    )
    return Registration.objects.filter(
        Q(event_id__in=with_checkin, attended_at__isnull=False)
        | (Q(event_id__in=set(event_ids) - with_checkin) & Q(status=RegistrationStatus.CONFIRMED))
    )


def _people(registrations):
    """A person counts once however many events they attended; after the
    purge their email is gone and each anonymous record counts once."""
    return (
        registrations.filter(purged_at__isnull=True).values("email").distinct().count()
        + registrations.filter(purged_at__isnull=False).count()
    )


def _breakdown(participants, field, label, limit=None):
    """People trained (each once) per value of `field`, largest first, with
    each row's share of the largest for the bar charts."""
    rows = (
        participants.values(field)
        .annotate(
            n=Count("email", distinct=True, filter=Q(purged_at__isnull=True))
            + Count("pk", filter=Q(purged_at__isnull=False))
        )
        .order_by("-n", field)
    )
    if limit:
        rows = rows[:limit]
    rows = [{"label": label(row[field]), "count": row["n"]} for row in rows]
    largest = max((row["count"] for row in rows), default=0)
    for row in rows:
        row["share"] = round(100 * row["count"] / largest) if largest else 0
    return rows


def report_rows(report):
    """The report as (section, label, number) rows for the spreadsheet."""
    summary = [
        (_("Events held"), report["events_held"]),
        (_("Upcoming events"), report["events_upcoming"]),
        (_("Confirmed for upcoming events"), report["upcoming_confirmed"]),
        (_("Distinct locations"), report["locations"]),
        (_("Institutions represented"), report["institutions"]),
        (_("Border Guard field offices represented"), report["field_offices"]),
        (_("Participations"), report["participations"]),
        (_("People trained (each counted once)"), report["people"]),
    ]
    yield from ((_("Summary"), label, value) for label, value in summary)
    for key, title in BREAKDOWNS:
        for row in report[key]:
            yield (str(title), row["label"], row["count"])


def attendance_report(events):
    now = timezone.now()
    # An event counts as held once it has ended, or as soon as anyone has been
    # checked in (today's training shows its numbers while it runs).
    checked_in = Registration.objects.filter(attended_at__isnull=False).values("event_id")
    held = events.filter(Q(end__lt=now) | Q(pk__in=checked_in)).exclude(
        status=EventStatus.CANCELLED
    )
    participants = _participants(held)
    kind_labels = dict(InstitutionKind.choices)
    by_kind = _breakdown(
        participants,
        "institution__kind",
        lambda kind: kind_labels.get(kind, _("Other or not given")),
    )
    by_region = _breakdown(
        participants,
        "institution__region",
        lambda region: region_name(region) if region else _("Not given"),
    )
    by_language = _breakdown(
        participants,
        "language",
        lambda code: str(LANGUAGE_NAMES.get(code, code or _("Not given"))),
    )
    by_institution = _breakdown(
        participants, "institution__name", lambda name: name or _("Other (typed in)"), limit=100
    )
    people = _people(participants)
    upcoming = (
        events.filter(end__gte=now)
        .exclude(status=EventStatus.CANCELLED)
        .exclude(pk__in=held.values("pk"))
    )
    upcoming_confirmed = Registration.objects.filter(
        event__in=upcoming, status=RegistrationStatus.CONFIRMED
    ).count()
    locations = held.exclude(venue_city="").values("venue_city").distinct().count()
    return {
        "events_held": held.count(),
        "events_upcoming": upcoming.count(),
        "upcoming_confirmed": upcoming_confirmed,
        "locations": locations,
        "institutions": participants.exclude(institution=None)
        .values("institution")
        .distinct()
        .count(),
        "field_offices": participants.filter(
            institution__kind=InstitutionKind.BORDER_GUARD,
            institution__parent__parent__isnull=False,
        )
        .values("institution")
        .distinct()
        .count(),
        "participations": participants.count(),
        "people": people,
        "by_kind": by_kind,
        "by_region": by_region,
        "by_language": by_language,
        "by_institution": by_institution,
    }
