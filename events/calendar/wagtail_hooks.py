"""The calendar in Wagtail: the "My calendar feed" panel on My account, the
partner calendars in the admin menu, and the demo partner calendar."""

from django.urls import reverse
from wagtail import hooks

from events.calendar import services as calendar_services
from events.calendar.admin_views import calendar_source_viewset


@hooks.register("portal_account_sections", order=21)
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


@hooks.register("register_admin_viewset")
def register_calendar_sources():
    return calendar_source_viewset


@hooks.register("portal_seed_demo", order=21)
def seed_partner_calendar(context):
    """Demo data: a partner calendar with two imported events (idempotent:
    importing the same file again changes nothing).

    The partner is a Polish NGO whose feed, like a real one, is written in its
    own language: an imported event has one title, so it reads in Polish on
    both language versions of the site."""
    import datetime

    from django.utils import timezone
    from icalendar import Calendar, Event

    from directory.choices import InstitutionKind
    from directory.models import Institution
    from events.models import ExternalCalendarSource

    la_strada, _ = Institution.objects.get_or_create(
        slug="la-strada",
        defaults={
            "name": "La Strada Foundation against Trafficking in Persons and Slavery",
            "name_pl": "Fundacja przeciwko Handlowi Ludźmi i Niewolnictwu La Strada",
            "kind": InstitutionKind.NGO,
            "city": "Warsaw",
        },
    )
    # Earlier demos imported an English feed under this name; one partner is enough.
    ExternalCalendarSource.objects.filter(name="IOM Poland – events").delete()
    source, _ = ExternalCalendarSource.objects.update_or_create(
        name="Fundacja La Strada", defaults={"institution": la_strada}
    )
    # Fixed dates relative to today's month, so that re-seeding matches by UID.
    base = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    calendar = Calendar.new(prodid="-//Fundacja La Strada//Kalendarz wydarzen//PL")
    specs = [
        (
            "lastrada-demo-1@la-strada.example.org",
            "Webinarium: bezpieczna migracja zarobkowa – jak sprawdzić pracodawcę",
            "Dla organizacji pomocowych i urzędów: jak sprawdzić pracodawcę i agencję "
            "zatrudnienia, zanim migrant podpisze umowę.",
            "Online",
            0,
            10,
            12,
        ),
        (
            "lastrada-demo-2@la-strada.example.org",
            "Okrągły stół: pomoc ofiarom handlu ludźmi w Małopolsce",
            "Spotkanie organizacji pozarządowych, Policji, Straży Granicznej i ośrodków "
            "pomocy społecznej z województwa małopolskiego.",
            "Małopolski Urząd Wojewódzki, Kraków",
            7,
            9,
            15,
        ),
    ]
    warsaw = timezone.get_default_timezone()
    for uid, title, description, location, day, start, end in specs:
        date = base + datetime.timedelta(days=day)
        calendar.add_component(
            Event.new(
                uid=uid,
                summary=title,
                description=description,
                location=location,
                start=datetime.datetime.combine(date, datetime.time(start), tzinfo=warsaw),
                end=datetime.datetime.combine(date, datetime.time(end), tzinfo=warsaw),
                url="https://la-strada.example.org/wydarzenia/",
                stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
                sequence=0,
            )
        )
    result = calendar_services.import_calendar(source, calendar.to_ical())
    context["stdout"].write(f"Calendar: partner calendar {source.name}: {result.summary()}")
