"""Who may see and change an event's attendee data: its organisers (users
who may edit the event page in Wagtail, i.e. the Organisers group on the
events section, or anyone granted more) and administrators. Nobody else,
and never the public."""


def can_manage_event(user, event):
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return event.permissions_for_user(user).can_edit()
