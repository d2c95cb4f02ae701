from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from resources.models import ScenarioStatement
from resources.scenarios import lrs
from resources.scenarios.statement_models import StatementStatus


class Command(BaseCommand):
    help = (
        "Send the scenarios' xAPI statements that are still pending or failed (e.g. while the "
        "learning record store was down) to XAPI_LRS_ENDPOINT. Run it every few minutes from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age",
            type=int,
            default=0,
            help="Only statements recorded at least this many seconds ago (leave fresh ones to the task worker).",
        )
        parser.add_argument("--max-attempts", type=int, default=50)

    def handle(self, *args, min_age=0, max_attempts=50, **options):
        if not lrs.configured():
            kept = ScenarioStatement.objects.filter(status__in=lrs.OPEN).count()
            self.stdout.write(
                f"No learning record store configured (XAPI_LRS_ENDPOINT); {kept} statement(s) kept."
            )
            return
        before = timezone.now() - timedelta(seconds=min_age)
        totals = lrs.deliver_pending(max_tries=max_attempts, before=before)
        waiting = ScenarioStatement.objects.filter(status=StatementStatus.FAILED).count()
        self.stdout.write(
            f"Sent {totals['sent']}, failed {totals['failed']}; {waiting} waiting for the next run."
        )
