"""The "My calendar feed" panel on My account (issue #5)."""

from django.urls import reverse

from events import calendar_services


def account_feed_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    token = calendar_services.feed_token_for(user)
    section = {"template": "events/calendar/account_feed.html", "feed_url": None}
    if token is not None:
        url = request.build_absolute_uri(reverse("events:calendar:personal", args=[token.token]))
        section.update({"feed_url": url, "webcal_url": calendar_services.webcal(url)})
    return section


def seed_partner_calendar(context):
    """Demo data: a partner calendar with two imported events (idempotent:
    importing the same file again changes nothing)."""
    import datetime

    from django.utils import timezone
    from icalendar import Calendar, Event

    from directory.choices import InstitutionKind
    from directory.models import Institution
    from events.models import ExternalCalendarSource

    iom, _ = Institution.objects.get_or_create(
        slug="iom-poland",
        defaults={"name": "IOM Poland", "kind": InstitutionKind.INTERNATIONAL, "city": "Warsaw"},
    )
    source, _ = ExternalCalendarSource.objects.update_or_create(
        name="IOM Poland – events", defaults={"institution": iom}
    )
    # Fixed dates relative to today's month, so that re-seeding matches by UID.
    base = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    calendar = Calendar.new(prodid="-//IOM Poland//Demo//EN")
    specs = [
        ("iom-demo-1@iom.example.org", "Webinar: safe labour migration", 0, 10, 12),
        ("iom-demo-2@iom.example.org", "Round table on victim assistance, Kraków", 7, 9, 15),
    ]
    warsaw = timezone.get_default_timezone()
    for uid, title, day, start, end in specs:
        date = base + datetime.timedelta(days=day)
        calendar.add_component(
            Event.new(
                uid=uid,
                summary=title,
                start=datetime.datetime.combine(date, datetime.time(start), tzinfo=warsaw),
                end=datetime.datetime.combine(date, datetime.time(end), tzinfo=warsaw),
                url="https://poland.iom.int/",
                stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
                sequence=0,
            )
        )
    result = calendar_services.import_calendar(source, calendar.to_ical())
    context["stdout"].write(f"Calendar: partner calendar {source.name}: {result.summary()}")
