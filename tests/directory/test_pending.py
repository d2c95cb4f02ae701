"""A membership request reads "pending" wherever the user sees it until a
moderator decides, and the notices say what the next step is."""

import pytest

from directory.choices import MembershipStatus
from tests.directory.factories import InstitutionFactory, MembershipFactory

NOTICE = "Public focal points are shown to everyone."


@pytest.fixture
def institution(home_page):
    return InstitutionFactory(name="Lublin Help Desk", slug="lublin-help-desk")


def test_anonymous_visitor_is_told_to_log_in_or_sign_up(client, institution):
    for url in ("/directory/", "/directory/lublin-help-desk/"):
        html = client.get(url).content.decode()
        assert NOTICE in html
        assert "Named officers and their direct lines are visible to approved" not in html
        assert 'href="/accounts/signup/"' in html


def test_signed_in_user_can_ask_to_join_this_institution(client, institution, user):
    client.force_login(user)
    html = client.get("/directory/lublin-help-desk/").content.decode()
    assert f'href="/directory/membership/?institution={institution.pk}"' in html
    assert "Request membership of this institution" in html


def test_pending_request_is_shown_everywhere(client, institution, user):
    MembershipFactory(user=user, institution=institution, status=MembershipStatus.REQUESTED)
    client.force_login(user)
    detail = client.get("/directory/lublin-help-desk/").content.decode()
    assert "Your request to join this institution is pending." in detail
    assert "Request membership of this institution" not in detail
    listing = client.get("/directory/").content.decode()
    assert "Your request to join Lublin Help Desk is pending." in listing
    other = InstitutionFactory(name="Other Unit", slug="other-unit")
    elsewhere = client.get(f"/directory/{other.slug}/").content.decode()
    assert "Your request to join Lublin Help Desk is pending." in elsewhere
    account = client.get("/account/").content.decode()
    assert "Pending" in account
    assert "Requested requested" not in account
    assert "a moderator will decide" in account


def test_once_approved_the_notices_go(client, institution, user):
    MembershipFactory(user=user, institution=institution, status=MembershipStatus.APPROVED)
    client.force_login(user)
    html = client.get("/directory/lublin-help-desk/").content.decode()
    assert NOTICE not in html
    assert "is pending" not in html
