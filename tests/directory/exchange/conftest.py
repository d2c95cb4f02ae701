import pytest

from directory.choices import Visibility
from tests.directory.factories import ContactPersonFactory, InstitutionFactory


@pytest.fixture
def office(home_page):
    institution = InstitutionFactory(
        name="Help Desk Łódź",
        slug="help-desk-lodz",
        city="Łódź",
        region="lodzkie",
        street="ul. Piotrkowska 1",
        postal_code="90-001",
        latitude="51.759200",
        longitude="19.456000",
        phone="+48 42 000 00 01",
        hotline="+48 800 000 002",
        website="https://helpdesk.example.org/",
        description="Help for migrants.",
        languages=["pl", "uk"],
    )
    person = ContactPersonFactory(
        institution=institution,
        name="Jan Kowalski",
        position="Coordinator",
        email="jan.kowalski@example.org",
        phone="+48 42 000 00 03",
        mobile="+48 500 000 004",
        visibility=Visibility.PUBLIC,
    )
    hidden = ContactPersonFactory(institution=institution, name="Hidden Officer")
    return institution, person, hidden
