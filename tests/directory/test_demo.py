import pytest
from django.core.management import call_command

from directory.choices import MembershipStatus, Visibility
from directory.models import ContactPerson, Institution, Membership
from directory.visibility import is_member
from portal.models import User

SHARED_SLUGS = [
    "ministry-interior",
    "ministry-family-labour",
    "ministry-justice",
    "ministry-education",
    "ministry-foreign-affairs",
    "border-guard-hq",
    "border-guard-nadwislanski",
    "border-guard-nadbuzanski",
    "border-guard-podlaski",
    "border-guard-bieszczadzki",
    "border-guard-morski",
    "chief-labour-inspectorate",
    "office-for-foreigners",
    "mazowiecki-voivodship-office",
    "lubelski-voivodship-office",
    "police-hq",
    "national-prosecutors-office",
    "kcik",
    "la-strada",
    "iom-poland",
    "bulgaria-national-commission",
    "ukraine-national-police",
]


def snapshot():
    return {
        "institutions": sorted(Institution.objects.values_list("slug", "name", "parent__slug")),
        "people": sorted(
            ContactPerson.objects.values_list("institution__slug", "email", "visibility")
        ),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "institution__slug", "status")
        ),
    }


@pytest.mark.django_db
def test_seed_demo_builds_a_realistic_directory_idempotently(client, demo):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first

    slugs = set(Institution.objects.values_list("slug", flat=True))
    assert set(SHARED_SLUGS) <= slugs
    hq = Institution.objects.get(slug="border-guard-hq")
    assert hq.children.count() == 9
    field_offices = Institution.objects.filter(parent__parent=hq)
    assert field_offices.count() >= 25
    assert field_offices.filter(name_pl="Placówka Straży Granicznej w Terespolu").exists()
    assert Institution.objects.filter(parent__slug="chief-labour-inspectorate").count() == 16
    assert Institution.objects.filter(kind="voivodship_office").count() == 16
    assert Institution.objects.filter(country="BG").exists()
    assert Institution.objects.filter(country="UA").exists()

    people = ContactPerson.objects.all()
    assert people.filter(visibility=Visibility.MEMBERS).exists()
    assert people.filter(visibility=Visibility.PUBLIC).exists()
    assert people.filter(is_focal_point=True).exists()
    assert people.filter(is_active=False).exists()
    assert Institution.objects.stale().exists()
    assert all(email.endswith("example.org") for email in people.values_list("email", flat=True))

    member = User.objects.get(email="member@example.org")
    assert Membership.objects.filter(
        user=member,
        institution__slug="labour-inspectorate-lublin",
        status=MembershipStatus.APPROVED,
    ).exists()
    assert is_member(member)

    # The directory answers the example question for a member.
    client.force_login(member)
    response = client.get(
        "/directory/",
        {"q": "lublin", "kind": "labour_inspectorate", "focal": "on", "language": "uk"},
    )
    assert response.context["result_count"] == 1
    assert "Oksana Kowalczyk" in response.content.decode()
    # …and the public sees the institution but not the officer.
    client.logout()
    detail = client.get("/directory/labour-inspectorate-lublin/").content.decode()
    assert "Okręgowy" not in detail  # English page shows the English name
    assert "District Labour Inspectorate in Lublin" in detail
    assert "Oksana Kowalczyk" not in detail
    assert client.get("/pl/katalog/").status_code == 200


@pytest.mark.django_db
def test_seed_demo_scale_adds_synthetic_institutions_once():
    call_command("seed_demo", scale=20, verbosity=0)
    synthetic = Institution.objects.filter(slug__startswith="synthetic-")
    assert synthetic.count() == 20
    assert ContactPerson.objects.filter(institution__in=synthetic).count() == 100
    assert synthetic.filter(focal_members=True).count() == 20
    call_command("seed_demo", scale=20, verbosity=0)
    assert synthetic.count() == 20
