import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.test import RequestFactory

from directory import services
from directory.choices import MembershipStatus
from directory.models import Membership
from directory.visibility import is_member
from portal.models import User
from tests.directory.factories import EmailDomainFactory, InstitutionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.database


@pytest.fixture
def border_guard(db):
    institution = InstitutionFactory(name="Border Guard Post Terespol", slug="bg-terespol")
    EmailDomainFactory(institution=institution, domain="strazgraniczna.example.org")
    return institution


def test_verified_domain_email_approves_automatically(
    border_guard, django_capture_on_commit_callbacks
):
    user = UserFactory(email="officer@strazgraniczna.example.org", verified=False)
    assert not is_member(User.objects.get(pk=user.pk))
    address = EmailAddress.objects.get(user=user)
    address.verified = True
    address.save()
    with django_capture_on_commit_callbacks(execute=True):
        email_confirmed.send(
            sender=EmailAddress, request=RequestFactory().get("/"), email_address=address
        )
    membership = Membership.objects.get(user=user)
    assert membership.status == MembershipStatus.APPROVED
    assert membership.method == "domain"
    assert is_member(User.objects.get(pk=user.pk))
    assert user.groups.filter(name="Members").exists()
    assert len(mail.outbox) == 1
    assert "Border Guard Post Terespol" in mail.outbox[0].subject


def test_other_domains_are_not_approved(border_guard):
    user = UserFactory(email="someone@gmail.example.com")
    assert services.apply_domain_membership(user) == []
    assert not Membership.objects.filter(user=user).exists()
    # An unverified address at the right domain does not count either.
    other = UserFactory(email="fake@strazgraniczna.example.org", verified=False)
    assert services.apply_domain_membership(other) == []


def test_request_and_moderator_approval(
    client, border_guard, moderator, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ngo.worker@example.org", preferred_language="pl")
    client.force_login(user)
    response = client.get("/directory/membership/", {"q": "terespol"})
    assert "Border Guard Post Terespol" in response.content.decode()
    response = client.get("/directory/membership/", {"institution": border_guard.pk})
    assert f'value="{border_guard.pk}"' in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/directory/membership/",
            {"institution": border_guard.pk, "position": "Officer", "message": "Hi"},
        )
    assert response.status_code == 302
    membership = Membership.objects.get(user=user)
    assert membership.status == MembershipStatus.REQUESTED
    assert not is_member(User.objects.get(pk=user.pk))
    assert mail.outbox[-1].to == [moderator.email]
    mail.outbox.clear()

    # My account shows the pending request.
    account = client.get("/account/").content.decode()
    assert "My institution" in account
    assert "Pending" in account

    with django_capture_on_commit_callbacks(execute=True):
        services.approve_membership(membership, by=moderator)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED
    assert membership.decided_by == moderator
    assert membership.decided_at is not None
    assert is_member(User.objects.get(pk=user.pk))
    (message,) = mail.outbox
    assert message.to == [user.email]
    # The user chose Polish for emails.
    assert "Jesteś teraz członkiem" in message.subject


def test_rejection_emails_the_user(border_guard, moderator, django_capture_on_commit_callbacks):
    user = UserFactory()
    membership = services.request_membership(user, border_guard, "please")
    with django_capture_on_commit_callbacks(execute=True):
        services.reject_membership(membership, by=moderator, reason="We could not confirm.")
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REJECTED
    assert "We could not confirm." in mail.outbox[-1].body
    assert not is_member(User.objects.get(pk=user.pk))
    # Asking again reopens the request.
    again = services.request_membership(user, border_guard, "second try")
    assert again.status == MembershipStatus.REQUESTED


def test_request_page_needs_login_and_valid_institution(client, border_guard):
    response = client.get("/directory/membership/")
    assert response.status_code == 302
    client.force_login(UserFactory())
    response = client.post("/directory/membership/", {"institution": "999999"})
    assert response.status_code == 400
    assert "Choose an institution from the directory." in response.content.decode()
    assert not Membership.objects.exists()


def test_moderator_decides_in_admin(client, border_guard, moderator):
    user = UserFactory()
    membership = services.request_membership(user, border_guard)
    client.force_login(moderator)
    index = client.get("/admin/directory_membership/")
    assert index.status_code == 200
    assert "Approve or reject" in index.content.decode()
    url = f"/admin/directory_membership/decide/{membership.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED


def test_members_cannot_decide(client, border_guard, approved_member):
    membership = services.request_membership(UserFactory(), border_guard)
    client.force_login(approved_member)
    response = client.post(
        f"/admin/directory_membership/decide/{membership.pk}/", {"decision": "approve"}
    )
    assert response.status_code in {302, 403}
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.REQUESTED


def test_moderators_are_told_in_their_own_language(
    border_guard, django_capture_on_commit_callbacks
):
    UserFactory(email="mod.en@example.org", preferred_language="en", groups=["Moderators"])
    UserFactory(email="mod.pl@example.org", preferred_language="pl", groups=["Moderators"])
    UserFactory(email="mod.pl2@example.org", preferred_language="pl", groups=["Moderators"])
    applicant = UserFactory(email="applicant@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_membership(applicant, border_guard, position="Officer")
    by_recipients = {tuple(sorted(m.to)): m for m in mail.outbox}
    assert set(by_recipients) == {
        ("mod.en@example.org",),
        ("mod.pl2@example.org", "mod.pl@example.org"),
    }
    assert by_recipients[("mod.en@example.org",)].subject.startswith("Membership request for")
    polish = by_recipients[("mod.pl2@example.org", "mod.pl@example.org")]
    assert polish.subject.startswith("Wniosek o członkostwo")

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_outdated(border_guard, applicant, "The phone number has changed.")
    assert len(mail.outbox) == 2
    assert {m.subject == mail.outbox[0].subject for m in mail.outbox} == {True, False}
