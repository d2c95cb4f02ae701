from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import Registration
from events.models.pages import retention_days
from events.services import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Remove attendees' personal data from events that ended more than "
        "EVENTS_PERSONAL_DATA_RETENTION_DAYS days ago (default 365). The records "
        "stay, anonymous, so that attendance counts by institution remain."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the setting.")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        registrations = Registration.objects.filter(event__end__lt=cutoff, purged_at__isnull=True)
        count = registrations.count()
        if dry_run:
            self.stdout.write(f"{count} registrations would be anonymised.")
            return
        anonymise_registrations(registrations)
        self.stdout.write(
            f"{count} registrations anonymised (events ended before {cutoff:%Y-%m-%d})."
        )
