"""Fetch every active partner calendar that has a feed URL and import it.

Run it from cron (e.g. hourly). One source failing does not stop the others;
the error is kept on the source and shown in the admin."""

from django.core.management.base import BaseCommand

from events.calendar import services as calendar_services
from events.models import ExternalCalendarSource


class Command(BaseCommand):
    help = "Refresh partner institutions' calendar feeds (events matched by UID)."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, help="Only the source with this id.")

    def handle(self, *args, source=None, **options):
        sources = ExternalCalendarSource.objects.filter(is_active=True).exclude(url="")
        if source:
            sources = sources.filter(pk=source)
        failed = 0
        for item in sources:
            result = calendar_services.refresh_source(item)
            if result is None:
                failed += 1
                self.stderr.write(f"{item.name}: {item.last_error}")
            else:
                self.stdout.write(f"{item.name}: {result.summary()}")
        if failed:
            self.stderr.write(f"{failed} source(s) failed.")
