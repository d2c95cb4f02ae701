from django_tasks import task

from events.emails import deliver, deliver_invitation


@task()
def deliver_registration_mail(mail_id):
    """Send one RegistrationMail. A failure is recorded on the row and
    retried by `manage.py send_pending_mail` (run it from cron)."""
    return deliver(mail_id)


@task()
def deliver_invitation_reminder(reminder_id):
    """Send one InvitationReminder; retried like registration mail."""
    return deliver_invitation(reminder_id)
