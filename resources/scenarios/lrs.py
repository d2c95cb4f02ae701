"""Delivery of stored statements to the learning record store (LRS).

Settings: `XAPI_LRS_ENDPOINT` (the LRS's xAPI base address, e.g.
``https://lrs.example.org/xapi/``), `XAPI_LRS_KEY` and `XAPI_LRS_SECRET`
(HTTP Basic). Without an endpoint nothing is sent and statements are kept.

Like the registration mail: a statement is marked delivered only after the
LRS accepted it; a failure (no answer, an error status) is written on the row
and `send_pending_statements` tries again later. Rows being sent are locked,
so a task worker and the cron command never send the same row at once. If an
LRS stored a batch but its answer was lost, the batch goes again with the same
statement ids, which the LRS recognises (xAPI makes ids idempotent); a 409
Conflict for an id therefore means "already stored", not a failure.
"""

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from resources.models import ScenarioStatement
from resources.scenarios.statement_models import StatementStatus

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
OPEN = (StatementStatus.PENDING, StatementStatus.FAILED)


def configured():
    return bool(settings.XAPI_LRS_ENDPOINT)


def statements_url():
    return settings.XAPI_LRS_ENDPOINT.rstrip("/") + "/statements"


def _headers():
    credentials = f"{settings.XAPI_LRS_KEY}:{settings.XAPI_LRS_SECRET}".encode()
    return {
        "Authorization": "Basic " + base64.b64encode(credentials).decode("ascii"),
        "Content-Type": "application/json",
        "X-Experience-API-Version": "1.0.3",
    }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """urllib would follow a redirect of the POST as a GET, whose 200 would
    look like a delivery: a redirect is an error to fix in the settings."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def _call(method, url, body):
    """(status, start of the answer); raises OSError when there is no answer."""
    request = urllib.request.Request(  # noqa: S310 - the operator's configured https URL
        url, data=json.dumps(body).encode(), method=method, headers=_headers()
    )
    try:
        with _OPENER.open(request, timeout=settings.XAPI_LRS_TIMEOUT) as response:
            return response.status, response.read(500).decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read(500).decode("utf-8", "replace")


def _put_one(row):
    """One statement on its own (PUT with its id): None when stored, else the error."""
    url = f"{statements_url()}?{urllib.parse.urlencode({'statementId': str(row.pk)})}"
    status, text = _call("PUT", url, row.statement)
    if status in (200, 204):
        return None
    if status == 409:
        logger.info("The LRS already holds statement %s", row.pk)
        return None
    return f"HTTP {status}: {text[:300]}"


def _send(rows):
    """{row id: None (stored) or the error} for a batch."""
    status, text = _call("POST", statements_url(), [row.statement for row in rows])
    if status == 200:
        return dict.fromkeys((row.pk for row in rows), None)
    if status in (400, 409) and len(rows) > 1:
        # One statement the LRS refuses (or already has) must not hold back the
        # others: send them one by one.
        return {row.pk: _put_one(row) for row in rows}
    if status == 409:
        logger.info("The LRS already holds statement %s", rows[0].pk)
        return {rows[0].pk: None}
    return dict.fromkeys((row.pk for row in rows), f"HTTP {status}: {text[:300]}")


def deliver_batch(statement_ids=None, max_tries=None):
    """Send up to BATCH_SIZE open statements (those named, or the oldest).
    Returns counts: {"sent": n, "failed": n}. Never raises: the player's
    request or the worker must not fail because the LRS did."""
    counts = {"sent": 0, "failed": 0}
    if not configured():
        return counts
    try:
        with transaction.atomic():
            rows = ScenarioStatement.objects.select_for_update(skip_locked=True).filter(
                status__in=OPEN
            )
            if statement_ids is not None:
                rows = rows.filter(pk__in=list(statement_ids))
            if max_tries is not None:
                rows = rows.filter(tries__lt=max_tries)
            rows = list(rows.order_by("created_at", "pk")[:BATCH_SIZE])
            if not rows:
                return counts
            try:
                outcome = _send(rows)
            except Exception as error:  # no answer: refused, timed out, bad address
                outcome = dict.fromkeys(
                    (row.pk for row in rows), f"{type(error).__name__}: {error}"
                )
            now = timezone.now()
            for row in rows:
                error = outcome.get(row.pk, "no answer for this statement")
                row.tries += 1
                if error is None:
                    row.status, row.sent_at, row.last_error = StatementStatus.SENT, now, ""
                    counts["sent"] += 1
                else:
                    row.status, row.last_error = StatementStatus.FAILED, error[:2000]
                    counts["failed"] += 1
            ScenarioStatement.objects.bulk_update(
                rows, ["status", "sent_at", "last_error", "tries"]
            )
    except Exception:
        logger.exception("Delivering xAPI statements failed")
        return counts
    if counts["failed"]:
        logger.warning(
            "The learning record store refused or missed %s statement(s): %s",
            counts["failed"],
            next(row.last_error for row in rows if row.status == StatementStatus.FAILED),
        )
    return counts


def deliver_pending(max_tries=20, before=None):
    """Every open statement, oldest first, in batches; stops at the first
    batch that fails entirely (the LRS is down: the rest waits for next time)."""
    totals = {"sent": 0, "failed": 0}
    if not configured():
        return totals
    rows = ScenarioStatement.objects.filter(status__in=OPEN, tries__lt=max_tries)
    if before is not None:
        rows = rows.filter(created_at__lte=before)
    ids = list(rows.order_by("created_at", "pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH_SIZE):
        counts = deliver_batch(ids[start : start + BATCH_SIZE], max_tries=max_tries)
        totals["sent"] += counts["sent"]
        totals["failed"] += counts["failed"]
        if counts["failed"] and not counts["sent"]:
            break
    return totals
