from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.choices import MailStatus
from events.emails import deliver, deliver_invitation
from events.models import InvitationReminder, RegistrationMail


class Command(BaseCommand):
    help = (
        "Send registration emails that are still pending or failed (e.g. while the mail "
        "server was down). Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=0,
            help="Only messages queued at least this many seconds ago (leave fresh ones to the task worker).",
        )
        parser.add_argument("--max-attempts", type=int, default=20)

    def handle(self, *args, min_age=0, max_attempts=20, **options):
        cutoff = timezone.now() - timedelta(seconds=min_age)
        ids = list(
            RegistrationMail.objects.filter(
                status__in=[MailStatus.PENDING, MailStatus.FAILED],
                created_at__lte=cutoff,
                attempts__lt=max_attempts,
            )
            .order_by("created_at")
            .values_list("pk", flat=True)
        )
        results = {"sent": 0, "failed": 0, "gone": 0}
        for pk in ids:
            results[deliver(pk)] += 1
        # Reminders to invitees who have not registered travel the same way.
        for pk in InvitationReminder.objects.filter(
            status__in=[MailStatus.PENDING, MailStatus.FAILED],
            created_at__lte=cutoff,
            attempts__lt=max_attempts,
        ).values_list("pk", flat=True):
            results[deliver_invitation(pk)] += 1
        self.stdout.write(
            f"Sent {results['sent']}, failed {results['failed']}, skipped {results['gone']}."
        )
