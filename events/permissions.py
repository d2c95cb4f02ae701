"""Who may see and change an event's attendee data: its organisers and the
administrators. Nobody else, and never the public.

An event's organisers are members of the Organisers group who may edit the
event page in Wagtail (the group's page permissions on the events section,
granted by the demo loader or by an administrator). Editors and moderators
may edit pages but do not see attendees."""

from portal.roles import ORGANISERS


def is_organiser(user):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_events_is_organiser", None)
    if cached is None:
        cached = user.groups.filter(name=ORGANISERS).exists()
        user._events_is_organiser = cached
    return cached


def can_manage_event(user, event):
    if not is_organiser(user):
        return False
    if user.is_superuser:
        return True
    return event.permissions_for_user(user).can_edit()
