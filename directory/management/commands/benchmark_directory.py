import re
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client

from directory import cache as directory_cache
from directory.choices import MembershipStatus
from directory.models import ContactPerson, Institution, Membership

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
            help="First load the demo with synthetic institutions up to N (about 5 people "
            "each), as `seed_demo --scale N` does.",
        )
        parser.add_argument("--repeat", type=int, default=30, help="Requests per scenario.")

    def handle(self, *args, scale=0, repeat=30, **options):
        if scale:
            # By name: the demo app loads the data, and no app imports it.
            call_command("seed_demo", scale=scale, stdout=self.stdout)

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
        cold_medians, warm_medians = [], []
        self.stdout.write(
            f"{'scenario':<26}{'viewer':<11}{'results':>8}"
            f"{'cold median':>13}{'cold p95':>10}{'warm median':>13}{'warm p95':>10}  (ms)"
        )
        for label, url in SCENARIOS:
            for viewer, client in viewers.items():
                response = client.get(url)  # warm-up
                if response.status_code != 200:
                    self.stderr.write(f"{url}: HTTP {response.status_code}")
                    continue
                found = re.search(rb'data-count="(\d+)"', response.content)
                count = found.group(1).decode() if found else "?"
                # Cold: the cached filter counts are invalidated before each
                # request, as after any change to the directory.
                cold = self._time(client, url, repeat, invalidate=True)
                warm = self._time(client, url, repeat, invalidate=False)
                cold_medians.append(cold[0])
                warm_medians.append(warm[0])
                self.stdout.write(
                    f"{label:<26}{viewer:<11}{count:>8}"
                    f"{cold[0]:>13.1f}{cold[1]:>10.1f}{warm[0]:>13.1f}{warm[1]:>10.1f}"
                )
        if cold_medians:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Median of medians: cold {statistics.median(cold_medians):.1f} ms, "
                    f"warm {statistics.median(warm_medians):.1f} ms; slowest cold median "
                    f"{max(cold_medians):.1f} ms"
                )
            )

    @staticmethod
    def _time(client, url, repeat, invalidate):
        timings = []
        for _ in range(repeat):
            if invalidate:
                directory_cache.bump()
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))]

    def _member(self):
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
