"""Generated registrations for the demo events, and synthetic events for
benchmarks. Registrations are written straight into the table in arrival
order, the first `capacity` confirmed and the rest on the waiting list — the
same outcome the registration service gives — without its mail."""

import datetime

from django.utils import timezone

from demo.generators.people import POSITIONS, person
from events import attendance
from events.choices import AttendanceStatus, Audience, EventKind, RegistrationStatus
from events.models import Attendance, EventPage, Registration

BENCHMARK_KINDS = [EventKind.TRAINING, EventKind.WORKSHOP, EventKind.WEBINAR, EventKind.MEETING]
BENCHMARK_PLACES = [
    ("Terespol", "lubelskie"), ("Dorohusk", "lubelskie"), ("Hrubieszów", "lubelskie"),
    ("Kuźnica", "podlaskie"), ("Białowieża", "podlaskie"), ("Medyka", "podkarpackie"),
    ("Korczowa", "podkarpackie"), ("Gdynia", "pomorskie"), ("Świnoujście", "zachodniopomorskie"),
    ("Warszawa-Okęcie", "mazowieckie"),
]  # fmt: skip


def add_registrations(event, count, institutions, rng, attended=False):
    """`count` registrations for an event that has none yet."""
    if count == 0 or Registration.objects.filter(event=event).exists():
        return 0
    now = timezone.now()
    rows = []
    for n in range(1, count + 1):
        name, email = person(rng, f"{event.pk}-{n}")
        confirmed = event.capacity is None or n <= event.capacity
        institution = rng.choice(institutions)
        rows.append(
            Registration(
                event=event,
                status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
                queue_number=n,
                confirmed_at=now if confirmed else None,
                attended_at=(event.start + datetime.timedelta(minutes=rng.randint(-30, 20)))
                if attended and confirmed and rng.random() < 0.92
                else None,
                name=name,
                email=email,
                institution=institution,
                position=rng.choice(POSITIONS),
                language=rng.choice(["pl", "pl", "en"]),
                consent_at=now,
                added_by_organiser=event.audience == Audience.INVITATION,
            )
        )
    Registration.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def add_attendance(event, rng):
    """The register of a past event, as the check-ins and the organiser left it:
    those checked in present every day (now and then excused for one day of a
    longer event), the others absent or excused. Only for a register still empty."""
    registrations = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
    )
    if Attendance.objects.filter(registration__in=registrations).exists():
        return 0
    days = attendance.event_days(event)
    rows = []
    for registration in registrations:
        for index, day in enumerate(days):
            if registration.attended_at:
                status = AttendanceStatus.PRESENT
                if index and rng.random() < 0.06:
                    status = AttendanceStatus.EXCUSED
            else:
                status = AttendanceStatus.EXCUSED if rng.random() < 0.4 else AttendanceStatus.ABSENT
            rows.append(
                Attendance(registration=registration, day=day, status=status, by_check_in=not index)
            )
    Attendance.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def add_benchmark_events(index, scale, institutions, rng, today):
    """scale/10 synthetic events with 20 registrations each; returns how many
    registrations were added."""
    existing = set(
        index.get_children()
        .filter(slug__startswith="benchmark-event-")
        .values_list("slug", flat=True)
    )
    for i in range(1, max(scale // 10, 1) + 1):
        slug = f"benchmark-event-{i}"
        if slug in existing:
            continue
        city, region = BENCHMARK_PLACES[i % len(BENCHMARK_PLACES)]
        day = today + datetime.timedelta(days=(i % 400) - 100)
        start = datetime.datetime.combine(
            day, datetime.time(9), tzinfo=timezone.get_default_timezone()
        )
        index.add_child(
            instance=EventPage(
                slug=slug,
                title=f"Benchmark training {i} – {city}",
                kind=BENCHMARK_KINDS[i % len(BENCHMARK_KINDS)],
                start=start,
                end=start + datetime.timedelta(hours=6),
                venue_name=f"Training room {i}",
                venue_city=city,
                venue_region=region,
                capacity=30,
                live=True,
            )
        )
    events = EventPage.objects.filter(slug__startswith="benchmark-event-").exclude(
        pk__in=Registration.objects.values("event_id")
    )
    now = timezone.now()
    rows = [
        Registration(
            event=event,
            status=RegistrationStatus.CONFIRMED,
            queue_number=n,
            confirmed_at=now,
            name=f"Benchmark Person {n}",
            email=f"bench-{event.pk}-{n}@example.org",
            institution=rng.choice(institutions),
            consent_at=now,
        )
        for event in events
        for n in range(1, 21)
    ]
    Registration.objects.bulk_create(rows, batch_size=5000)
    return len(rows)
