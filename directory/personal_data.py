"""What the directory holds about a user, for the export and erasure hooks
(see portal/personal_data.py).

Contact-person records belong to institutions, not to accounts: they are
neither exported nor erased with an account (moderators keep them current).
Outdated-entry reports are free text that may name their author, so a
deleted account's reports are deleted, not just unlinked.
"""

from django.utils.translation import gettext as _

from directory.models import ApiToken, Membership, OutdatedReport
from portal.personal_data import iso


def describe(user):
    memberships = Membership.objects.filter(user=user).select_related("institution")
    reports = OutdatedReport.objects.filter(reported_by=user).select_related("institution")
    return (
        "directory",
        _("Directory"),
        {
            "memberships": [
                {
                    "institution": membership.institution.name,
                    "status": membership.status,
                    "position": membership.position,
                    "message": membership.message,
                    "requested_at": iso(membership.requested_at),
                    "decided_at": iso(membership.decided_at),
                }
                for membership in memberships
            ],
            "outdated_reports": [
                {
                    "institution": report.institution.name,
                    "message": report.message,
                    "reported_at": iso(report.created_at),
                    "resolved": report.resolved,
                }
                for report in reports
            ],
            # Names and dates only: the secrets are not kept, only their digests.
            "api_tokens": [
                {
                    "name": token.name,
                    "created_at": iso(token.created_at),
                    "last_used_at": iso(token.last_used_at),
                    "revoked_at": iso(token.revoked_at),
                }
                for token in ApiToken.objects.filter(user=user)
            ],
            "note": _(
                "Contact-person records in institutions' entries belong to the institutions, "
                "not to your account; they are not part of this export. Ask the moderators "
                "to correct or remove them."
            ),
        },
    )


def erase(user):
    Membership.objects.filter(user=user).delete()
    OutdatedReport.objects.filter(reported_by=user).delete()
    ApiToken.objects.filter(user=user).delete()
