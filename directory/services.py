"""Membership of users in institutions, and reports of outdated entries.

Views, the admin, signals and commands all go through these functions.
Mail goes out after the transaction commits, in the recipient's language."""

import datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from directory.choices import MembershipStatus
from directory.models import InstitutionEmailDomain, Membership, OutdatedReport
from portal import roles

REPORTS_PER_HOUR = 5


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_mail(template, context, language):
    """Subject (the template's first line) and text of a plain-text mail, in `language`."""
    with translation.override(language):
        body = render_to_string(template, context)
    subject, _sep, text = body.strip().partition("\n")
    return subject.strip(), text.strip()


def _queue_mail(template, context, recipients_by_language):
    """Send after the transaction commits: one message per language."""

    def send():
        for language, emails in sorted(recipients_by_language.items()):
            subject, text = render_mail(template, context, language)
            send_mail(subject, text, None, emails)

    transaction.on_commit(send)


def _mail_user(user, template, context):
    """Queue a plain-text message to a user in their preferred language."""
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    _queue_mail(template, context, {language: [user.email]})


def _mail_moderators(template, context):
    """Queue one message per language to the moderators, each in the language
    its recipients prefer."""
    by_language = {}
    moderators = Group.objects.filter(name=roles.MODERATORS).values_list(
        "user__email", "user__preferred_language"
    )
    for email, language in moderators:
        if email:
            by_language.setdefault(language or settings.LANGUAGE_CODE, []).append(email)
    if by_language:
        _queue_mail(template, context, by_language)


def _add_to_members_group(user):
    group, _created = Group.objects.get_or_create(name=roles.MEMBERS)
    user.groups.add(group)
    if hasattr(user, "_portal_is_member"):
        del user._portal_is_member


def request_membership(user, institution, message="", position=""):
    """A pending request, or the existing membership when there already is one
    (a rejected request may be asked again)."""
    with transaction.atomic():
        membership, created = Membership.objects.select_for_update().get_or_create(
            user=user,
            institution=institution,
            defaults={"message": message, "position": position},
        )
        if not created and membership.status == MembershipStatus.REJECTED:
            membership.status = MembershipStatus.REQUESTED
            membership.message, membership.position = message, position
            membership.decided_at = membership.decided_by = None
            membership.method = ""
            membership.save()
            created = True
        if created:
            _notify_moderators(membership)
    return membership


def _notify_moderators(membership):
    _mail_moderators(
        "directory/email/membership_requested.txt",
        {
            "membership": membership,
            "queue_url": _site_url(reverse("directory_membership:index")),
        },
    )


def approve_membership(membership, by=None, method=Membership.Method.MODERATOR):
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        membership.status = MembershipStatus.APPROVED
        membership.method = method
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.save()
        _add_to_members_group(membership.user)
        _mail_user(
            membership.user,
            "directory/email/membership_approved.txt",
            {"membership": membership, "directory_url": _site_url(reverse("directory:index"))},
        )
    return membership


def reject_membership(membership, by=None, reason=""):
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.status == MembershipStatus.APPROVED and membership.method == "domain":
            raise ValidationError(_("Memberships granted by email domain cannot be rejected."))
        membership.status = MembershipStatus.REJECTED
        membership.method = ""
        membership.decided_at = timezone.now()
        membership.decided_by = by
        membership.save()
        _mail_user(
            membership.user,
            "directory/email/membership_rejected.txt",
            {"membership": membership, "reason": reason},
        )
    return membership


def institution_for_email(email):
    domain = email.rsplit("@", 1)[-1].strip().lower()
    match = (
        InstitutionEmailDomain.objects.filter(domain=domain).select_related("institution").first()
    )
    return match.institution if match else None


def apply_domain_membership(user):
    """Approve membership of every institution whose email domain matches one
    of the user's verified addresses. Returns the memberships approved now."""
    approved = []
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    for email in emails:
        institution = institution_for_email(email)
        if institution is None:
            continue
        membership, _created = Membership.objects.get_or_create(user=user, institution=institution)
        if membership.status != MembershipStatus.APPROVED:
            approved.append(approve_membership(membership, method=Membership.Method.DOMAIN))
    return approved


class ReportLimitReached(Exception):
    pass


def report_outdated(institution, user, message):
    since = timezone.now() - datetime.timedelta(hours=1)
    limit = getattr(settings, "DIRECTORY_REPORTS_PER_HOUR", REPORTS_PER_HOUR)
    with transaction.atomic():
        recent = OutdatedReport.objects.filter(reported_by=user, created_at__gte=since).count()
        if recent >= limit:
            raise ReportLimitReached
        report = OutdatedReport.objects.create(
            institution=institution, reported_by=user, message=message
        )
    _mail_moderators(
        "directory/email/outdated_report.txt",
        {"report": report, "institution_url": _site_url(institution.get_absolute_url())},
    )
    return report


def mark_verified(institution, by=None):
    institution.last_verified_at = timezone.localdate()
    institution.last_verified_by = by
    institution.save(update_fields=["last_verified_at", "last_verified_by", "updated_at"])
