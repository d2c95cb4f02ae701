from django_tasks import task

from events.emails import deliver


@task()
def deliver_registration_mail(mail_id):
    """Send one RegistrationMail. A failure is recorded on the row and
    retried by `manage.py send_pending_mail` (run it from cron)."""
    return deliver(mail_id)
