"""`make benchmark`: the portal under production settings and gunicorn,
against a bare Django "hello" view served the same way; see README, Performance."""

import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from benchmarks import pages, registrations, report, servers, wrk
from directory.models import Institution
from portal.models import HomePage

CHILD_FLAG = "PORTAL_BENCHMARK_RUN"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_answers(url):
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


class Command(BaseCommand):
    help = (
        "Load the portal (production settings, gunicorn, 2 workers) and a bare Django "
        "view with wrk, three interleaved rounds, and print one table."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Seed `seed_demo --scale N` first unless the database has N institutions already.",
        )
        parser.add_argument("--duration", type=int, default=5, help="Seconds per wrk run.")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument(
            "--redis-url",
            default=DEFAULT_REDIS_URL,
            help="A Redis database the benchmark may empty (local memory "
            "cache when Redis does not answer).",
        )
        parser.add_argument(
            "--queries-only",
            action="store_true",
            help="Count each page's SQL queries (the table's last column) and stop: "
            "no gunicorn, no load, a few seconds.",
        )

    def handle(self, *args, **options):
        if os.environ.get(CHILD_FLAG):
            return self.run(**options)
        return self.launch(**options)

    # --- in the calling process: production environment, then run again in it ---

    def launch(self, *, scale, duration, rounds, redis_url, queries_only, **options):
        if not queries_only and not shutil.which("wrk"):
            raise CommandError("wrk is not installed (Debian: apt-get install wrk).")
        static_root = tempfile.mkdtemp(prefix="portal-benchmark-static-")
        env = dict(os.environ)
        env.pop("REDIS_URL", None)
        env.update(
            {
                CHILD_FLAG: "1",
                "DJANGO_SETTINGS_MODULE": "portal.settings.production",
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "STATIC_ROOT": static_root,
                "LOG_LEVEL": "WARNING",
                # Every benchmark client comes from 127.0.0.1; each registers
                # with its own address, so the per-address limit stays on.
                "EVENTS_REGISTRATION_LIMIT_PER_CLIENT": "0",
            }
        )
        env.setdefault("DATABASE_URL", f"sqlite:///{settings.BASE_DIR / 'benchmark.sqlite3'}")
        if redis_answers(redis_url):
            env["REDIS_URL"] = redis_url
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "benchmark",
            f"--scale={scale}",
            f"--duration={duration}",
            f"--rounds={rounds}",
            f"--redis-url={redis_url}",
            *(["--queries-only"] if queries_only else []),
        ]
        try:
            done = subprocess.run(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603
        finally:
            shutil.rmtree(static_root, ignore_errors=True)
        if done.returncode:
            raise CommandError(f"The benchmark failed (exit status {done.returncode}).")

    # --- under production settings ------------------------------------------------

    def run(self, *, scale, duration, rounds, queries_only, **options):
        say = self.stderr.write
        say(f"Database: {connection.vendor}; cache: {settings.CACHES['default']['BACKEND']}")
        call_command("migrate", interactive=False, verbosity=0)
        if not HomePage.objects.exists() or Institution.objects.count() < scale:
            say(f"Seeding the demo{f' at scale {scale}' if scale else ''}...")
            call_command("seed_demo", scale=scale, stdout=self.stderr)
        call_command("collectstatic", interactive=False, verbosity=0)

        event, registration_path = pages.create_registration_event()
        try:
            lines = pages.public_pages()
            member_lines = [
                report.PageLine("a member's varied directory searches", pages.member_searches()),
                report.PageLine("a member's site searches", pages.member_site_searches()),
            ]
            member = pages.member()
            feed = report.PageLine("public calendar feed", ["/events/calendar/feed.ics"])
            for line in [*lines, feed]:
                pages.count_queries(line, member)
            for line in member_lines:
                pages.count_queries(line, member, member_only=True)
            lines += [*member_lines, feed]
            if queries_only:
                for line in lines:
                    self.stdout.write(f"{line.label}: {report.queries_text(line)}")
                return
            cache.clear()
            session = pages.member_client(member).cookies[settings.SESSION_COOKIE_NAME].value
            result = self.load(
                lines,
                member_lines,
                session,
                registration_path,
                duration,
                rounds,
                servers,
                registrations,
                wrk,
                report,
            )
            registered, without_mail, overbooked = pages.registration_checks(event)
        finally:
            pages.remove_registration_event()

        hello, rate, failures, memory, masters = result
        self.stdout.write(
            report.table(
                hello,
                lines,
                registrations_per_second=rate,
                registration_path=registration_path,
                memory=memory,
                masters=masters,
            )
        )
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
        self.stdout.write(
            f"\n{timezone.localtime():%Y-%m-%d %H:%M %Z}; {connection.vendor} "
            f"({Institution.objects.count()} institutions); cache "
            f"{settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; "
            f"wrk -t{wrk.THREADS} -c{wrk.CONNECTIONS} -d{duration}s, {rounds} interleaved "
            f"round{'s, medians' if rounds > 1 else ''}; gunicorn -w {servers.WORKERS}; "
            f"{os.cpu_count()} CPUs "
            f"({platform.processor() or platform.machine()}), load average {load} at the end."
        )
        self.stdout.write(
            f"Registrations: {registered} made, {len(failures)} failed"
            f"{' (' + failures[0] + ')' if failures else ''}; {without_mail} without their "
            f"confirmation mail row; overbooked events: {', '.join(overbooked) or 'none'}."
        )

    def load(
        self,
        lines,
        member_lines,
        session,
        registration_path,
        duration,
        rounds,
        servers,
        registrations,
        wrk,
        report,
    ):
        # As behind the TLS proxy production expects: no redirect to https.
        headers = {"X-Forwarded-Proto": "https"}
        header_lines = [f"{k}: {v}" for k, v in headers.items()]
        cwd = settings.BASE_DIR
        portal = servers.Server("portal", "portal.wsgi:application", cwd=cwd, headers=headers)
        hello_server = servers.Server(
            "hello", "benchmarks.hello:application", cwd=cwd, headers=headers
        )
        try:
            portal.wait_until_ready("/health/")
            hello_server.wait_until_ready("/")
            hello = report.PageLine("hello", ["/"])
            storm = registrations.Storm(portal.port, registration_path, headers=headers)
            rates = []
            for number in range(1, rounds + 1):
                self.stderr.write(f"Round {number} of {rounds}...")
                for line in [hello, *lines]:
                    server = hello_server if line is hello else portal
                    cookie = (
                        {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}
                        if line in member_lines
                        else {}
                    )
                    for path in line.paths if number == 1 else ():
                        # Warm up, and stop at once on an error page.
                        status = server.get(path, cookie)
                        if status != 200:
                            raise CommandError(f"{path}: HTTP {status}")
                    measured = wrk.run(
                        server.base_url,
                        line.paths,
                        duration=duration,
                        headers=header_lines + [f"{k}: {v}" for k, v in cookie.items()],
                    )
                    line.rates.append(measured.requests_per_second)
                    line.p50s.append(measured.p50_ms)
                    line.bad_responses += measured.bad_responses + measured.socket_errors
                rates.append(storm.run(duration))
            time.sleep(0.5)
            memory = {
                "portal": portal.worker_memory_kb(),
                "hello": hello_server.worker_memory_kb(),
            }
            masters = {
                "portal": [portal.master_memory_kb()],
                "hello": [hello_server.master_memory_kb()],
            }
        finally:
            portal.stop()
            hello_server.stop()
        return hello, statistics.median(rates), storm.failures, memory, masters
