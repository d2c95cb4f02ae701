from django.core.management.base import BaseCommand

from resources.surveys.services import purge_expired_answers


class Command(BaseCommand):
    help = (
        "Delete survey answers older than their survey's retention period "
        "(set per survey, 'keep answers for (days)'). Run it daily, from cron."
    )

    def handle(self, *args, **options):
        purged = purge_expired_answers()
        total = sum(purged.values())
        for survey, count in purged.items():
            self.stdout.write(f"{survey.title}: {count} answers deleted.")
        self.stdout.write(f"{total} survey answers deleted.")
