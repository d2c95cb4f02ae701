"""The event page's admin form: times are typed in the event's own zone."""

import zoneinfo

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

LOCAL_TIME_FIELDS = ("start", "end", "registration_opens_at", "registration_closes_at")


def _rezone(value, from_zone, to_zone):
    """The same wall-clock reading, moved from one zone to another."""
    naive = timezone.make_naive(value, from_zone)
    return timezone.make_aware(naive, to_zone)


class EventPageForm(WagtailAdminPageForm):
    """Django reads and shows datetimes in the admin user's current zone; an
    organiser in Warsaw typing 10:00 for a visit in Sofia means 10:00 Sofia
    time. So the form shows stored instants as the event's wall-clock time
    and reinterprets what is typed in the event's zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance is None or not instance.timezone:
            return
        event_zone = zoneinfo.ZoneInfo(instance.timezone)
        current = timezone.get_current_timezone()
        for name in LOCAL_TIME_FIELDS:
            if name not in self.fields:
                continue
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = _rezone(
                    timezone.localtime(value, event_zone), event_zone, current
                )

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("timezone") or "Europe/Warsaw"
        try:
            event_zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned_data
        current = timezone.get_current_timezone()
        for name in LOCAL_TIME_FIELDS:
            value = cleaned_data.get(name)
            if value is not None and timezone.is_aware(value):
                cleaned_data[name] = _rezone(
                    timezone.localtime(value, current), current, event_zone
                )
        return cleaned_data
