"""Sections the events app adds to the home page, topic pages and My account."""

from django.utils import timezone
from wagtail.models import Locale

from events import attendance, seats
from events.choices import Audience, RegistrationStatus
from events.models import EventIndexPage, EventPage, Registration
from events.models.pages import with_card_images
from events.translations import in_language
from portal import index_pages
from portal.visibility import visible_pages


def upcoming_public_events(request, limit):
    """Counted afterwards (`seats.attach_confirmed_counts`): the page then
    depends on these events' seats only."""
    queryset = visible_pages(request, EventPage.objects.filter(locale=Locale.get_active()))
    return queryset.filter(end__gte=timezone.now(), audience=Audience.PUBLIC).order_by(
        "start", "pk"
    )


def index_page():
    """The live events index in the active language (a plain Page: links
    need no more), or None."""
    return index_pages.index_page(EventIndexPage)


def home_section(request, home_page):
    events = seats.attach_confirmed_counts(with_card_images(upcoming_public_events(request, 3))[:3])
    if not events:
        return None
    return {"template": "events/sections/home.html", "events": events, "index": index_page()}


def topic_section(request, topic):
    # Titles and dates only: no seats, so no dependency on them.
    events = list(upcoming_public_events(request, 5).filter(topics__slug=topic.slug).distinct()[:5])
    if not events:
        return None
    return {"template": "events/sections/topic.html", "events": events, "index": index_page()}


def account_section(request):
    user = request.user
    if not user.is_authenticated:
        return None
    registrations = list(
        Registration.objects.of_user(user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__start")[:20]
    )
    _show_in_reader_language(registrations)
    # Only those checked in can have earned one: the rest cost no query.
    for registration in registrations:
        registration.certificate_available = (
            registration.attended_at is not None
            and attendance.qualifies_for_certificate(registration)
        )
    return {
        "template": "events/sections/account.html",
        "registrations": registrations,
        "now": timezone.now(),
        "index": index_page(),
    }


def _show_in_reader_language(registrations):
    language = Locale.get_active().language_code
    shown = in_language([r.event for r in registrations], language)
    for registration, event in zip(registrations, shown, strict=True):
        registration.shown_event = event


def institution_section(request, institution):
    """Upcoming public events an institution organises, on its directory page."""
    events = list(upcoming_public_events(request, 5).filter(organisers=institution).distinct()[:5])
    if not events:
        return None
    return {"template": "events/sections/topic.html", "events": events, "index": index_page()}
