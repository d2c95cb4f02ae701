import logging

from django_tasks import task

from resources.scenarios import lrs

logger = logging.getLogger(__name__)


@task()
def deliver_scenario_statements(statement_ids):
    """Send stored statements to the learning record store. A failure is
    recorded on the rows and retried by `manage.py send_pending_statements`."""
    return lrs.deliver_batch(statement_ids)


def enqueue_statement(statement_id):
    if not lrs.configured():
        return  # kept for the JSON lines export; nothing to send to
    try:
        deliver_scenario_statements.enqueue([str(statement_id)])
    except Exception:
        # The row stays pending; `send_pending_statements` will deliver it.
        logger.exception("Could not queue xAPI statement %s", statement_id)
