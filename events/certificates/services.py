"""Who gets a certificate, and issuing it once."""

from django.db import IntegrityError, transaction

from events import attendance
from events.choices import RegistrationStatus
from events.models import Certificate
from events.models.certificates import normalise_code


def certificate_for(registration):
    """The registration's certificate, issued now if its holder qualifies and
    has none yet; None when they do not qualify."""
    existing = Certificate.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    if not attendance.qualifies_for_certificate(registration):
        return None
    try:
        with transaction.atomic():
            return Certificate.objects.create(registration=registration)
    except IntegrityError:  # issued by a simultaneous request
        return Certificate.objects.get(registration=registration)


def issue_certificates(event):
    """Certificates for every attendee of the event who qualifies, in name order."""
    event = event.canonical
    options = attendance.options_for(event)
    days = attendance.event_days(event)
    registrations = (
        event.registrations_queryset()
        .filter(status=RegistrationStatus.CONFIRMED, purged_at__isnull=True)
        .select_related("institution", "event")
        .order_by("name", "pk")
    )
    certificates = []
    for registration in registrations:
        existing = Certificate.objects.filter(registration=registration).first()
        if existing is None and attendance.qualifies_for_certificate(
            registration, options=options, days=days
        ):
            existing = certificate_for(registration)
        if existing is not None:
            certificates.append(existing)
    return certificates


def find_certificate(code):
    """The certificate with this code (as typed), or None."""
    code = normalise_code(code)
    if not code:
        return None
    return (
        Certificate.objects.select_related("registration", "registration__event")
        .filter(code=code)
        .first()
    )
