"""The directory's part of a user's personal data."""

import pytest

from directory.models import ContactPerson, Membership, OutdatedReport
from directory.personal_data import describe
from portal.personal_data import erase
from tests.directory.factories import ContactPersonFactory, InstitutionFactory, MembershipFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_memberships_and_reports_are_exported_and_erased():
    institution = InstitutionFactory(name="Ombudsman's Office")
    leaver, other = UserFactory(), UserFactory()
    MembershipFactory(user=leaver, institution=institution, message="Please let me in")
    MembershipFactory(user=other, institution=institution)
    OutdatedReport.objects.create(institution=institution, reported_by=leaver, message="Moved")
    OutdatedReport.objects.create(institution=institution, reported_by=other, message="Kept")
    ContactPersonFactory(institution=institution, email=leaver.email)

    key, _title, data = describe(leaver)
    assert key == "directory"
    assert [m["message"] for m in data["memberships"]] == ["Please let me in"]
    assert [r["message"] for r in data["outdated_reports"]] == ["Moved"]

    erase(leaver)

    assert list(Membership.objects.values_list("user", flat=True)) == [other.pk]
    assert list(OutdatedReport.objects.values_list("message", flat=True)) == ["Kept"]
    # The institution's contact record is institution data and stays.
    assert ContactPerson.objects.filter(email=leaver.email).exists()
