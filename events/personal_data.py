"""What the events app holds about a user, for the export and erasure hooks
(see portal/personal_data.py).

Erasure works like the retention purge (`services.anonymise_registrations`):
registrations stay as anonymous records so organisers' counts do not change.
A place still held for an event that has not started is first cancelled
through the usual service, so the waiting list moves up and the organisers'
lists show the cancellation; no cancellation mail goes to an address that is
being erased.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from events import services
from events.choices import RegistrationStatus
from events.models import CalendarFeedToken, Registration
from portal.personal_data import iso


def _answers(registration):
    labels = {question.key: question.label for question in registration.event.questions.all()}
    return {labels.get(key, key): value for key, value in registration.answers.items()}


def describe(user):
    registrations = (
        Registration.objects.of_user(user)
        .select_related("event", "institution")
        .prefetch_related("event__questions")
        .order_by("event__start", "pk")
    )
    return (
        "events",
        _("Events"),
        {
            "registrations": [
                {
                    "event": registration.event.title,
                    "event_start": iso(registration.event.start),
                    "event_end": iso(registration.event.end),
                    "status": registration.status,
                    "name": registration.name,
                    "email": registration.email,
                    "institution": registration.institution_label,
                    "position": registration.position,
                    "phone": registration.phone,
                    "dietary_needs": registration.dietary,
                    "accessibility_needs": registration.accessibility,
                    "answers": _answers(registration),
                    "language": registration.language,
                    "registered_at": iso(registration.created_at),
                    "confirmed_at": iso(registration.confirmed_at),
                    "cancelled_at": iso(registration.cancelled_at),
                    "attended_at": iso(registration.attended_at),
                    "consent_given_at": iso(registration.consent_at),
                }
                for registration in registrations
            ],
            # Whether the personal feed exists; its secret address is never exported.
            "personal_calendar_feed": CalendarFeedToken.objects.filter(user=user).exists(),
        },
    )


def erase(user):
    registrations = Registration.objects.of_user(user)
    now = timezone.now()
    held = registrations.filter(event__start__gt=now).exclude(status=RegistrationStatus.CANCELLED)
    for registration in held.select_related("event"):
        services.cancel(registration, notify=False)
    services.anonymise_registrations(Registration.objects.of_user(user), now=now)
    CalendarFeedToken.objects.filter(user=user).delete()
