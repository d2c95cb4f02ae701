import pytest

from directory.models import Membership
from tests.resources.factories import (
    InstitutionFactory,
    MaterialPageFactory,
    StudyVisitPageFactory,
)


@pytest.mark.django_db
def test_institution_page_shows_its_materials_and_study_visits(
    client, materials_index, visits_index
):
    commission = InstitutionFactory(name="National Commission", country="BG")
    MaterialPageFactory(parent=materials_index, title="Referral guidelines", publisher=commission)
    MaterialPageFactory(
        parent=materials_index, title="Internal roster", publisher=commission, visibility="members"
    )
    visit = StudyVisitPageFactory(parent=visits_index, title="Visit to Sofia")
    visit.host_institutions.set([commission])
    visit.save_revision().publish()

    html = client.get(commission.get_absolute_url()).content.decode()
    assert "Materials published" in html
    assert "Referral guidelines" in html
    assert "Visit to Sofia" in html
    # Members-only material stays hidden from the public on the institution page too.
    assert "Internal roster" not in html


@pytest.mark.django_db
def test_members_see_members_only_materials_on_the_institution_page(
    client, materials_index, member
):
    commission = InstitutionFactory(name="National Commission", country="BG")
    Membership.objects.create(user=member, institution=commission, status="approved")
    MaterialPageFactory(
        parent=materials_index, title="Internal roster", publisher=commission, visibility="members"
    )
    client.force_login(member)
    html = client.get(commission.get_absolute_url()).content.decode()
    assert "Internal roster" in html
