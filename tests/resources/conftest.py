import pytest

from directory.models import Membership
from tests.resources.factories import (
    InstitutionFactory,
    MaterialIndexPageFactory,
    StudyVisitIndexPageFactory,
)


@pytest.fixture
def materials_index(home_page):
    return MaterialIndexPageFactory(parent=home_page)


@pytest.fixture
def visits_index(home_page):
    return StudyVisitIndexPageFactory(parent=home_page)


@pytest.fixture
def approved_member(member):
    """A verified user with an approved membership: directory's is_member."""
    Membership.objects.create(user=member, institution=InstitutionFactory(), status="approved")
    return member
