"""Time the public calendar feed at scale: build (cold cache) and cached.

    python manage.py benchmark_calendar --events 1000

Synthetic events are added inside a transaction that is rolled back at the
end, so the database is left as it was (existing events count towards the
total)."""

import datetime
import time

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.calendar import services as calendar_services
from events.calendar import views as calendar_views
from events.choices import EventKind
from events.models import EventIndexPage, EventPage


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Measure building and serving the public events feed (.ics)."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=1000, help="Events in the feed.")
        parser.add_argument("--repeat", type=int, default=3, help="Runs to average.")

    def handle(self, *args, events, repeat, **options):
        index = EventIndexPage.objects.live().first()
        if index is None:
            raise CommandError("No events index page: run `manage.py seed_demo` first.")
        try:
            with transaction.atomic():
                self._run(index, events, repeat)
                raise Rollback
        except Rollback:
            pass

    def _feed_count(self):
        return calendar_services.public_feed_events(EventIndexPage.objects.live().first()).count()

    def _run(self, index, wanted, repeat):
        existing = self._feed_count()
        missing = max(wanted - existing, 0)
        if missing:
            self.stdout.write(f"Adding {missing} synthetic events (rolled back at the end)...")
        now = timezone.now()
        kinds = list(EventKind.values)
        for n in range(missing):
            start = now + datetime.timedelta(days=(n % 400) - 80, hours=n % 8)
            index.add_child(
                instance=EventPage(
                    title=f"Benchmark event {n}, with commas; and semicolons",
                    slug=f"calendar-benchmark-{n}",
                    kind=kinds[n % len(kinds)],
                    start=start,
                    end=start + datetime.timedelta(hours=6),
                    venue_name=f"Room {n}",
                    venue_city="Lublin",
                    introduction="A synthetic event for the calendar benchmark. " * 3,
                    live=True,
                )
            )
        total = self._feed_count()
        factory = RequestFactory()

        def request():
            return calendar_views.public_feed(factory.get("/events/calendar/feed.ics"))

        builds, cached = [], []
        for _ in range(repeat):
            cache.clear()
            # Creating the events filled Django's query log; empty it so that
            # the captures below count from zero.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as build_queries:
                started = time.perf_counter()
                response = request()
                builds.append(time.perf_counter() - started)
            build_count = len(build_queries.captured_queries)
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as cached_queries:
                started = time.perf_counter()
                again = request()
                cached.append(time.perf_counter() - started)
            cached_count = len(cached_queries.captured_queries)
            if again.content != response.content:
                raise CommandError("The cached feed differs from the built one.")
        self.stdout.write(
            f"Events in the feed: {total}; feed size: {len(response.content) // 1024} KiB"
        )
        self.stdout.write(
            f"Build (cold cache): {min(builds) * 1000:.0f} ms best, "
            f"{sum(builds) / len(builds) * 1000:.0f} ms mean, "
            f"{build_count} SQL queries"
        )
        self.stdout.write(
            f"Cached: {min(cached) * 1000:.2f} ms best, "
            f"{sum(cached) / len(cached) * 1000:.2f} ms mean, "
            f"{cached_count} SQL queries"
        )
