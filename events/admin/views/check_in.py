"""Check-in at the door, on the public site: one tap on an attendee's QR code,
or the searchable list of confirmed attendees."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from events import attendance, requirements, services
from events.choices import AttendanceStatus
from events.models import Attendance, EventPage, Registration
from events.permissions import can_manage_event
from events.views import forbidden, registration_from_token
from portal.converters import parse_id
from portal.two_factor import requires_two_factor


@requires_two_factor
def check_in(request, token):
    # Permission first: a stranger learns nothing, not even whether the token exists.
    if not request.user.is_authenticated:
        return forbidden(request)
    registration = registration_from_token(token, "checkin_token")
    event = registration.event
    if not can_manage_event(request.user, event):
        return forbidden(request)
    error = None
    if request.method == "POST":
        try:
            services.check_in(registration, undo=request.POST.get("action") == "undo")
        except services.RegistrationError as exc:
            error = exc.message
        else:
            return redirect(registration.get_checkin_path())
    registration.refresh_from_db()
    window_error = services.check_in_window_error(event)
    return render(
        request,
        "events/admin/check_in.html",
        {
            "registration": registration,
            "event": event,
            "error": error,
            "window_error": window_error,
            "checked_in_today": registration.attendance.filter(
                day=attendance.check_in_day(event), status=AttendanceStatus.PRESENT
            ).exists(),
        },
        status=400 if error else 200,
    )


@requires_two_factor
def check_in_list(request, event_id):
    if not request.user.is_authenticated:
        return forbidden(request)
    event = get_object_or_404(EventPage, pk=event_id).canonical
    if not can_manage_event(request.user, event):
        return forbidden(request)
    error = None
    if request.method == "POST":
        registration_id = parse_id(request.POST.get("registration"))
        if registration_id is None:
            return HttpResponseBadRequest(_("Choose an attendee from the list."))
        registration = get_object_or_404(Registration, pk=registration_id, event=event)
        try:
            services.check_in(registration, undo=request.POST.get("action") == "undo")
        except services.RegistrationError as exc:
            # Shown on the list itself with a 4xx: a redirect would hide from
            # scripts and tests that the check-in was refused.
            error = exc.message
        else:
            messages.success(
                request,
                _("%(name)s: checked in.") % {"name": registration.name}
                if request.POST.get("action") != "undo"
                else _("%(name)s: check-in undone.") % {"name": registration.name},
            )
            return redirect(request.get_full_path())
    query = (request.GET.get("q") or "").strip()[:100]
    registrations = event.registrations_queryset().confirmed().select_related("institution")
    if query:
        registrations = registrations.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(institution__name__icontains=query)
            | Q(institution_other__icontains=query)
        )
    registrations = registrations.order_by("name", "pk")
    paginator = Paginator(registrations, 100)
    page_obj = paginator.get_page(request.GET.get("page"))
    scenario_status = requirements.attendee_status(event, page_obj.object_list)
    day = attendance.check_in_day(event)
    present_today = set(
        Attendance.objects.filter(
            registration__event_id=event.pk, day=day, status=AttendanceStatus.PRESENT
        ).values_list("registration_id", flat=True)
    )
    for registration in page_obj.object_list:
        registration.scenario_completed = scenario_status.get(registration.pk)
        registration.present_today = registration.pk in present_today
    confirmed = event.registrations_queryset().confirmed()
    counts = {
        "confirmed": confirmed.count(),
        "attended": confirmed.filter(pk__in=present_today).count(),
    }
    return render(
        request,
        "events/admin/check_in_list.html",
        {
            "event": event,
            "registrations": page_obj,
            "query": query,
            "counts": counts,
            "required_scenario": requirements.required_page(event),
            "error": error,
            "window_error": services.check_in_window_error(event),
            "day": day,
            "multi_day": len(attendance.event_days(event)) > 1,
            "register_url": reverse("events_admin:register", args=[event.pk]),
        },
        status=400 if error else 200,
    )
