import datetime

import pytest
from django.utils import timezone

from demo.loader import Loader
from directory.choices import InstitutionKind, Visibility
from directory.models import Institution
from tests.directory.factories import ContactPersonFactory, InstitutionFactory
from tests.factories import TopicFactory

pytestmark = pytest.mark.database


@pytest.fixture
def sample(home_page):
    labour = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    shelter = TopicFactory(slug="assistance-and-shelter", name="Assistance and shelter")
    lublin = InstitutionFactory(
        name="District Labour Inspectorate in Lublin",
        name_pl="Okręgowy Inspektorat Pracy w Lublinie",
        short_name="OIP Lublin",
        slug="oip-lublin",
        kind=InstitutionKind.LABOUR_INSPECTORATE,
        region="lubelskie",
        city="Lublin",
        languages=["pl", "uk"],
        competences=[labour],
        last_verified_at=timezone.localdate() - datetime.timedelta(days=300),
    )
    ContactPersonFactory(
        institution=lublin,
        name="Oksana Kowalczyk",
        is_focal_point=True,
        visibility=Visibility.PUBLIC,
        languages=["uk"],
    )
    gdansk = InstitutionFactory(
        name="District Labour Inspectorate in Gdańsk",
        slug="oip-gdansk",
        kind=InstitutionKind.LABOUR_INSPECTORATE,
        region="pomorskie",
        city="Gdańsk",
        languages=["pl"],
        competences=[labour],
        last_verified_at=timezone.localdate() - datetime.timedelta(days=5),
    )
    shelter_ngo = InstitutionFactory(
        name="Shelter Foundation",
        slug="shelter",
        kind=InstitutionKind.NGO,
        region="mazowieckie",
        city="Warsaw",
        hotline="+48 800 000 111",
        languages=["pl", "en", "uk"],
        competences=[shelter],
        last_verified_at=timezone.localdate() - datetime.timedelta(days=100),
    )
    sofia = InstitutionFactory(
        name="National Commission",
        slug="bg-commission",
        kind=InstitutionKind.FOREIGN_COUNTERPART,
        country="BG",
        region="Sofia City",
        city="Sofia",
        languages=["bg"],
        last_verified_at=None,
    )
    return {"lublin": lublin, "gdansk": gdansk, "shelter": shelter_ngo, "sofia": sofia}


def names(response):
    """The names of the listed institutions, in the order of their cards."""
    ids = response.context["result_ids"]
    assert len(response.context["cards"]) == len(ids)
    by_pk = Institution.objects.in_bulk(ids)
    return [by_pk[pk].name for pk in ids]


FILTERS = [
    ({"q": "lublin"}, ["District Labour Inspectorate in Lublin"]),
    ({"q": "OIP"}, ["District Labour Inspectorate in Lublin"]),
    ({"q": "okręgowy"}, ["District Labour Inspectorate in Lublin"]),
    ({"q": "gdansk"}, ["District Labour Inspectorate in Gdańsk"]),
    ({"q": "Kowalczyk"}, ["District Labour Inspectorate in Lublin"]),
    ({"kind": "ngo"}, ["Shelter Foundation"]),
    ({"country": "BG"}, ["National Commission"]),
    ({"country": "bg"}, ["National Commission"]),
    ({"region": "pomorskie"}, ["District Labour Inspectorate in Gdańsk"]),
    ({"topic": "assistance-and-shelter"}, ["Shelter Foundation"]),
    ({"language": "uk"}, ["District Labour Inspectorate in Lublin", "Shelter Foundation"]),
    ({"focal": "on"}, ["District Labour Inspectorate in Lublin"]),
    ({"hotline": "on"}, ["Shelter Foundation"]),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS)
def test_each_filter_alone(client, sample, params, expected):
    response = client.get("/directory/", params)
    assert response.status_code == 200
    assert names(response) == expected


def test_filters_combined(client, sample):
    params = {
        "q": "labour",
        "kind": "labour_inspectorate",
        "region": "lubelskie",
        "topic": "labour-exploitation",
        "language": "uk",
        "focal": "on",
        "country": "PL",
    }
    response = client.get("/directory/", params)
    assert names(response) == ["District Labour Inspectorate in Lublin"]
    assert response.context["result_count"] == 1
    assert (
        client.get("/directory/", {"q": "labour", "region": "mazowieckie"}).context["result_count"]
        == 0
    )
    assert names(client.get("/directory/", {"language": "uk", "hotline": "on"})) == [
        "Shelter Foundation"
    ]


def test_result_count_and_filter_counts(client, sample):
    response = client.get("/directory/", {"kind": "labour_inspectorate"})
    body = response.content.decode()
    assert "2 institutions" in body
    facets = response.context["facets"]
    # A facet counts as if its own filter were not set, with the others kept.
    kinds = {option["value"]: option["count"] for option in facets["kind"]["options"]}
    assert kinds == {"labour_inspectorate": 2, "ngo": 1, "foreign_counterpart": 1}
    regions = {option["value"]: option["count"] for option in facets["region"]["options"]}
    assert regions == {"lubelskie": 1, "pomorskie": 1}
    languages = {option["value"]: option["count"] for option in facets["language"]["options"]}
    assert languages == {"pl": 2, "uk": 1}
    assert facets["focal"]["count"] == 1
    assert facets["hotline"]["count"] == 0
    assert "Labour inspectorate (2)" in body
    assert "1 institution" in client.get("/directory/", {"q": "sofia"}).content.decode()


def test_sorting(client, sample):
    by_name = names(client.get("/directory/"))
    assert by_name == sorted(by_name)
    recent = names(client.get("/directory/", {"sort": "verified"}))
    assert recent == [
        "District Labour Inspectorate in Gdańsk",
        "Shelter Foundation",
        "District Labour Inspectorate in Lublin",
        "National Commission",
    ]


def test_polish_list_uses_polish_names(client, sample):
    response = client.get("/pl/directory/", {"q": "lublin"})
    assert response.status_code == 200
    assert "Okręgowy Inspektorat Pracy w Lublinie" in response.content.decode()


def test_pagination_25_per_page(client, home_page):
    for number in range(30):
        InstitutionFactory(name=f"Unit {number:02d}")
    first = client.get("/directory/")
    assert len(first.context["cards"]) == 25
    assert "30 institutions" in first.content.decode()
    second = client.get("/directory/", {"page": 2})
    assert len(second.context["cards"]) == 5
    assert 'rel="prev"' in second.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "spaceship"},
        {"country": "Poland!"},
        {"language": "klingon"},
        {"topic": "<script>"},
        {"q": "x" * 201},
        {"q": "x" * 5000},
        {"region": "r" * 101},
    ],
)
def test_bad_filter_values_get_a_clear_message(client, sample, params):
    response = client.get("/directory/", params)
    assert response.status_code == 400
    body = response.content.decode()
    assert "could not be used" in body
    assert "<script>" not in body.replace("&lt;script&gt;", "")
    # The other filters still work and the page still lists institutions.
    assert response.context["result_count"] == 4


@pytest.mark.parametrize("page", ["999", "0", "abc", "-1"])
def test_page_out_of_range_is_404(client, sample, page):
    assert client.get("/directory/", {"page": page}).status_code == 404


def test_unknown_institution_and_contact_are_404(client, home_page):
    assert client.get("/directory/no-such-place/").status_code == 404
    assert client.get("/directory/no-such-place.vcf").status_code == 404
    assert client.get("/directory/contacts/999999.vcf").status_code == 404
    assert client.get("/directory/contacts/999999/").status_code == 404


def test_directory_page_and_polish_slug(client, home_page, locales):
    page, _ = Loader().directory_page(home_page)
    assert page.url.endswith("/directory/")
    response = client.get("/pl/katalog/")
    assert response.status_code == 200
    assert "Katalog kontaktów" in response.content.decode()


def test_filter_counts_follow_data_changes(client, sample):
    first = client.get("/directory/", {"kind": "ngo"})
    assert first.context["result_count"] == 1
    InstitutionFactory(name="Second Shelter", kind=InstitutionKind.NGO)
    second = client.get("/directory/", {"kind": "ngo"})
    assert second.context["result_count"] == 2
    kinds = {o["value"]: o["count"] for o in second.context["facets"]["kind"]["options"]}
    assert kinds["ngo"] == 2
    sample["shelter"].delete()
    assert client.get("/directory/", {"kind": "ngo"}).context["result_count"] == 1


def test_language_switch_keeps_filters_on_the_list_and_detail(client, sample):
    body = client.get("/directory/", {"q": "lublin"}).content.decode()
    assert 'href="/pl/directory/?q=lublin"' in body
    detail = client.get("/directory/oip-lublin/").content.decode()
    assert 'href="/pl/directory/oip-lublin/"' in detail


def test_huge_ids_are_404_not_500(client, sample, user):
    huge = "9" * 30
    assert client.get(f"/directory/contacts/{huge}.vcf").status_code == 404
    assert client.get(f"/directory/contacts/{huge}/").status_code == 404
    assert client.get("/directory/", {"page": huge}).status_code == 404
    assert client.get("/directory/api/hsds/organizations", {"page": huge}).status_code == 404
    client.force_login(user)
    assert client.get("/directory/membership/", {"institution": huge}).status_code == 200
    assert client.post("/directory/membership/", {"institution": huge}).status_code == 400
