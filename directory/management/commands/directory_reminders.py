from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.db.models import Prefetch, Q
from django.utils import translation

from directory.choices import MembershipStatus
from directory.models import ContactPerson, Institution, Membership
from directory.models.freshness import stale_condition
from directory.services import render_mail


class Command(BaseCommand):
    help = (
        "Email each institution's approved members about its records (the institution "
        "and its active contact people) not verified for 12 months. Run it monthly."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        stale_people = ContactPerson.objects.filter(is_active=True).stale()
        members = Membership.objects.filter(status=MembershipStatus.APPROVED).select_related("user")
        institutions = (
            Institution.objects.filter(memberships__status=MembershipStatus.APPROVED)
            .filter(stale_condition() | Q(pk__in=stale_people.values("institution_id")))
            .distinct()
            .order_by("name")
            .prefetch_related(
                Prefetch("contact_people", queryset=stale_people, to_attr="stale_people"),
                Prefetch("memberships", queryset=members, to_attr="approved_memberships"),
            )
        )
        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        sent = 0
        for institution in institutions:
            for membership in institution.approved_memberships:
                user = membership.user
                if not user.is_active or not user.email:
                    continue
                language = user.preferred_language or settings.LANGUAGE_CODE
                with translation.override(language):
                    lines = [institution.localized_name] if institution.is_stale else []
                lines += [
                    f"{person.name}{f', {person.position}' if person.position else ''}"
                    for person in institution.stale_people
                ]
                subject, text = render_mail(
                    "directory/email/reminder.txt",
                    {
                        "institution": institution,
                        "lines": lines,
                        "stale_count": len(lines),
                        "institution_url": base_url + institution.get_absolute_url(),
                    },
                    language,
                )
                if dry_run:
                    self.stdout.write(f"{user.email}: {subject} ({len(lines)} stale)")
                else:
                    send_mail(subject, text, None, [user.email])
                sent += 1
        verb = "Would send" if dry_run else "Sent"
        self.stdout.write(self.style.SUCCESS(f"{verb} {sent} reminder(s)."))
