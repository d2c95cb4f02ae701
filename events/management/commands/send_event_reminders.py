from django.core.management.base import BaseCommand

from events import reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders and follow-up messages that are due (each reaches an attendee "
        "at most once). Run it every 15 minutes from cron."
    )

    def handle(self, *args, **options):
        messages, mails = reminders.send_due()
        self.stdout.write(f"Queued {mails} emails for {messages} scheduled messages.")
