"""What an attendee must do before an event: complete a training scenario.

The event stores only a page link; which users completed that page is asked
of the apps through the `events_attendance_requirements` hook
(`hook(page, user_ids) -> set of user ids`, or None if the page is not one
the app knows). Registration is never refused for it: the requirement is for
attendance, so registrants see a notice with a link, and organisers see at
check-in and in the export who has completed it. Someone registering without
an account cannot be checked and is shown as "unknown".
"""

from wagtail import hooks


def _source(event):
    # Like registrations, the requirement belongs to the event in the default
    # language, so translations need not repeat it.
    return getattr(event, "canonical", event)


def required_page(event):
    """The required scenario in the visitor's language, if it is live."""
    event = _source(event)
    if not event.required_scenario_id:
        return None
    page = event.required_scenario
    if page is None or not page.live:
        return None
    return page.specific.localized


def completed_user_ids(event, user_ids):
    event = _source(event)
    user_ids = [pk for pk in user_ids if pk]
    if not event.required_scenario_id or not user_ids:
        return set()
    page = event.required_scenario
    done = set()
    for hook in hooks.get_hooks("events_attendance_requirements"):
        result = hook(page, user_ids)
        if result:
            done |= set(result)
    return done


def requirement_for(event, user):
    """{"page", "completed"} for the event page and registration, or None."""
    page = required_page(event)
    if page is None:
        return None
    completed = None
    if user.is_authenticated:
        completed = user.pk in completed_user_ids(event, [user.pk])
    return {"page": page, "completed": completed}


def attendee_status(event, registrations):
    """Registration pk → True (completed), False (not yet) or None (no account)."""
    registrations = list(registrations)
    if not _source(event).required_scenario_id:
        return {}
    done = completed_user_ids(event, [r.user_id for r in registrations])
    return {r.pk: (r.user_id in done) if r.user_id else None for r in registrations}
