from django.core.management.base import BaseCommand
from django.db import connection, transaction

from demo.loader import Loader
from portal import public_address
from portal.models import HomePage

DEMO_ACCOUNTS = [
    ("admin@example.org", "administrator"),
    ("organiser@example.org", "organiser (events and registrations)"),
    ("editor@example.org", "editor (pages, materials, study visits)"),
    ("moderator@example.org", "moderator (directory, memberships, reviews)"),
    ("member@example.org", "verified member of an institution"),
]


class Command(BaseCommand):
    help = (
        "Load the demo site from demo/data: pages, topics, accounts, institutions, events, "
        "materials, study visits, scenarios and surveys. Safe to run again: it updates what "
        "exists instead of duplicating it, and it sends no mail."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="Also add N synthetic institutions (about 5 contacts each) with "
            "proportional events and registrations, for benchmarks.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the demo site has already been loaded.",
        )

    def handle(self, *args, scale=0, if_empty=False, **options):
        if if_empty and HomePage.objects.exists():
            self.stdout.write("Demo data already loaded; leaving it as it is.")
            return
        with transaction.atomic():
            Loader(stdout=self.stdout).load_all(scale=scale)
            # The loader may have replaced Wagtail's placeholder site.
            public_address.apply_public_address()
        if connection.vendor == "postgresql":
            # Thousands of new rows leave the planner with no statistics until
            # autovacuum comes by: the site search then plans a nested loop
            # ten times slower than with them.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Demo accounts (password: demo-password-2026):")
        for email, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<24} {role}")
