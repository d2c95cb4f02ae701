import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.directory.factories import ContactPersonFactory, InstitutionFactory, MembershipFactory
from tests.factories import UserFactory


def test_reminders_email_members_about_stale_records(db):
    today = timezone.localdate()
    stale = InstitutionFactory(
        name="Stale Office", last_verified_at=today - datetime.timedelta(days=400)
    )
    ContactPersonFactory(
        institution=stale, name="Old Contact", last_verified_at=today - datetime.timedelta(days=500)
    )
    fresh_with_stale_person = InstitutionFactory(name="Fresh Office")
    ContactPersonFactory(
        institution=fresh_with_stale_person,
        name="Forgotten Person",
        last_verified_at=today - datetime.timedelta(days=366),
    )
    ContactPersonFactory(
        institution=fresh_with_stale_person,
        name="Gone Person",
        is_active=False,
        last_verified_at=today - datetime.timedelta(days=900),
    )
    all_fresh = InstitutionFactory(name="All Fresh")
    ContactPersonFactory(institution=all_fresh)
    nobody = InstitutionFactory(name="No Members", last_verified_at=None)

    polish = UserFactory(email="pl@example.org", preferred_language="pl")
    MembershipFactory(user=polish, institution=stale)
    MembershipFactory(user=UserFactory(email="b@example.org"), institution=fresh_with_stale_person)
    MembershipFactory(user=UserFactory(email="c@example.org"), institution=all_fresh)
    MembershipFactory(
        user=UserFactory(email="d@example.org"), institution=nobody, status="requested"
    )

    call_command("directory_reminders", stdout=io.StringIO())
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"pl@example.org", "b@example.org"}
    polish_message = by_recipient["pl@example.org"]
    assert "Sprawdź wpis" in polish_message.subject
    assert "Stale Office" in polish_message.body and "Old Contact" in polish_message.body
    other = by_recipient["b@example.org"].body
    assert "Forgotten Person" in other
    assert "Gone Person" not in other


def test_reminders_dry_run_sends_nothing(db):
    institution = InstitutionFactory(last_verified_at=None)
    MembershipFactory(institution=institution)
    call_command("directory_reminders", "--dry-run", stdout=io.StringIO())
    assert mail.outbox == []
