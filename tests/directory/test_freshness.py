"""One cutoff decides what is out of date: the public badge, the admin filter
and the monthly reminders agree, and all follow DIRECTORY_STALE_AFTER_DAYS."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.directory.factories import ContactPersonFactory, InstitutionFactory, MembershipFactory

OUT_OF_DATE = "may be out of date"


def _days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_page_badge_admin_filter_and_reminders_share_one_cutoff(
    client, home_page, moderator, settings
):
    settings.DIRECTORY_STALE_AFTER_DAYS = 30
    old = InstitutionFactory(
        name="Month Old Office", slug="month-old", last_verified_at=_days_ago(31)
    )
    new = InstitutionFactory(name="Week Old Office", slug="week-old", last_verified_at=_days_ago(7))
    MembershipFactory(institution=old)
    MembershipFactory(institution=new)

    assert OUT_OF_DATE in client.get("/directory/month-old/").content.decode()
    assert OUT_OF_DATE not in client.get("/directory/week-old/").content.decode()

    client.force_login(moderator)
    stale_only = client.get("/admin/directory_institution/?stale=true").content.decode()
    assert "Month Old Office" in stale_only and "Week Old Office" not in stale_only
    fresh_only = client.get("/admin/directory_institution/?stale=false").content.decode()
    assert "Week Old Office" in fresh_only and "Month Old Office" not in fresh_only

    call_command("directory_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "Month Old Office" in mail.outbox[0].body


def test_never_verified_person_is_flagged_and_filtered(client, moderator):
    institution = InstitutionFactory(last_verified_at=_days_ago(1))
    ContactPersonFactory(institution=institution, name="Never Checked", last_verified_at=None)
    ContactPersonFactory(
        institution=institution, name="Checked Today", last_verified_at=_days_ago(0)
    )
    client.force_login(moderator)
    stale_only = client.get("/admin/directory_contactperson/?stale=true").content.decode()
    assert "Never Checked" in stale_only and "Checked Today" not in stale_only
