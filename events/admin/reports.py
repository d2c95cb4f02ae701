"""Attendance figures for organisers and funders."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.choices import InstitutionKind
from events.choices import EventStatus, RegistrationStatus
from events.models import Registration


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
    by_kind = [
        {
            "label": kind_labels.get(row["institution__kind"], _("Other or not given")),
            "count": row["n"],
        }
        for row in participants.values("institution__kind").annotate(n=Count("pk")).order_by("-n")
    ]
    by_region = [
        {"label": row["institution__region"] or _("Not given"), "count": row["n"]}
        for row in participants.values("institution__region").annotate(n=Count("pk")).order_by("-n")
    ]
    by_institution = [
        {"label": row["institution__name"] or _("Other (typed in)"), "count": row["n"]}
        for row in participants.values("institution__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "institution__name")[:100]
    ]
    # A person counts once however many events they attended; after the
    # purge their email is gone and each anonymous record counts once.
    people = (
        participants.filter(purged_at__isnull=True).values("email").distinct().count()
        + participants.filter(purged_at__isnull=False).count()
    )
    locations = held.exclude(venue_city="").values("venue_city").distinct().count()
    return {
        "events_held": held.count(),
        "events_upcoming": events.filter(end__gte=now)
        .exclude(status=EventStatus.CANCELLED)
        .exclude(pk__in=held.values("pk"))
        .count(),
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
        "by_institution": by_institution,
    }
