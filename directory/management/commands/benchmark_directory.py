import re
import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.utils import timezone

from directory.models import Institution

SCENARIOS = [
    ("text: city", "/directory/?q=lublin"),
    ("text: person name", "/directory/?q=Kowalczyk"),
    ("text + kind", "/directory/?q=centre&kind=border_guard"),
    ("text + region + focal", "/directory/?q=unit&region=lubelskie&focal=on"),
    ("language + topic", "/directory/?language=uk&topic=labour-exploitation"),
    ("text: two words + sort", "/directory/?q=labour+lublin&sort=verified"),
    ("no filter, page 3", "/directory/?page=3"),
]


class Command(BaseCommand):
    help = (
        "Time the directory list (full request, as an anonymous visitor and as a "
        "member) on the current database; prints median and 95th percentile."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="First add synthetic institutions up to N (about 5 people each).",
        )
        parser.add_argument("--repeat", type=int, default=30, help="Requests per scenario.")

    def handle(self, *args, scale=0, repeat=30, **options):
        if scale:
            from directory import demo

            demo.build_scale(scale, timezone.localdate(), self.stdout)
        from directory.models import ContactPerson

        self.stdout.write(
            f"Database: {connection.vendor}; {Institution.objects.count()} institutions, "
            f"{ContactPerson.objects.count()} contact people; {repeat} requests each."
        )
        viewers = {"anonymous": Client(HTTP_HOST="localhost")}
        member = self._member()
        if member is not None:
            client = Client(HTTP_HOST="localhost")
            client.force_login(member)
            viewers["member"] = client
        medians = []
        self.stdout.write(
            f"{'scenario':<28}{'viewer':<11}{'results':>8}{'median ms':>11}{'p95 ms':>9}"
        )
        for label, url in SCENARIOS:
            for viewer, client in viewers.items():
                response = client.get(url)  # warm-up
                if response.status_code != 200:
                    self.stderr.write(f"{url}: HTTP {response.status_code}")
                    continue
                timings = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    client.get(url)
                    timings.append((time.perf_counter() - start) * 1000)
                timings.sort()
                median = statistics.median(timings)
                p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
                medians.append(median)
                found = re.search(rb'data-count="(\d+)"', response.content)
                count = found.group(1).decode() if found else "?"
                self.stdout.write(f"{label:<28}{viewer:<11}{count:>8}{median:>11.1f}{p95:>9.1f}")
        if medians:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Slowest median: {max(medians):.1f} ms; median of medians: "
                    f"{statistics.median(medians):.1f} ms"
                )
            )

    def _member(self):
        from directory.choices import MembershipStatus
        from directory.models import Membership

        membership = (
            Membership.objects.filter(
                status=MembershipStatus.APPROVED,
                user__emailaddress__verified=True,
                user__is_active=True,
            )
            .select_related("user")
            .first()
        )
        return membership.user if membership else None
