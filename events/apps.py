from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events import seats
        from events.models import EventPage, Registration
        from portal import page_cache

        page_published.connect(_event_published, sender=EventPage, dispatch_uid="events_published")
        # A registration changes the seats of its own event's pages only.
        page_cache.tag_rows(Registration, seats.registration_tags)
        # Calendar: cache invalidation and .ics email attachments; reminders:
        # the .ics attachment of the first reminder.
        from events import reminders  # noqa: F401
        from events.calendar import signals  # noqa: F401


def _event_published(sender, instance, **kwargs):
    from events.services import handle_event_published

    handle_event_published(instance)
