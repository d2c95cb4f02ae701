import datetime

import pytest

from portal.models import Language
from resources.models import DocumentDownload
from tests.factories import TopicFactory
from tests.resources.factories import (
    InstitutionFactory,
    MaterialPageFactory,
    StudyVisitPageFactory,
    attach_file,
)

pytestmark = pytest.mark.django_db


def titles(response):
    return [m.title for m in response.context["materials"]]


@pytest.fixture
def library(materials_index, locales):
    labour = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    children = TopicFactory(slug="child-victims", name="Child victims")
    gip = InstitutionFactory(slug="gip", name="Labour Inspectorate")
    strada = InstitutionFactory(slug="la-strada", name="La Strada")
    Language.objects.get_or_create(code="uk")
    guide = MaterialPageFactory(
        parent=materials_index,
        title="Guide on forced labour",
        material_type="guideline",
        publisher=gip,
        publication_date=datetime.date(2024, 5, 1),
    )
    leaflet = MaterialPageFactory(
        parent=materials_index,
        title="Leaflet for children",
        material_type="leaflet",
        publisher=strada,
        publication_date=datetime.date(2025, 2, 1),
        introduction="Where a child can get help.",
    )
    report = MaterialPageFactory(
        parent=materials_index,
        title="Annual report",
        material_type="report",
        publisher=gip,
        publication_date=datetime.date(2025, 6, 1),
    )
    guide.topics.set([labour])
    leaflet.topics.set([children])
    report.topics.set([labour, children])
    for page in (guide, leaflet, report):
        page.save_revision().publish()
    attach_file(guide, language="pl")
    leaflet_doc = attach_file(leaflet, language="uk")
    attach_file(report, language="en")
    DocumentDownload.objects.create(document=leaflet_doc, count=5)
    return {"guide": guide, "leaflet": leaflet, "report": report}


def test_default_listing_is_newest_first(client, library):
    assert titles(client.get("/resources/")) == [
        "Annual report",
        "Leaflet for children",
        "Guide on forced labour",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=leaflet", ["Leaflet for children"]),
        ("topic=labour-exploitation", ["Annual report", "Guide on forced labour"]),
        ("language=uk", ["Leaflet for children"]),
        ("institution=gip", ["Annual report", "Guide on forced labour"]),
        ("year=2024", ["Guide on forced labour"]),
        ("q=child", ["Leaflet for children"]),
        ("q=inspectorate", ["Annual report", "Guide on forced labour"]),
        ("topic=child-victims&year=2025&type=report", ["Annual report"]),
        ("sort=oldest", ["Guide on forced labour", "Leaflet for children", "Annual report"]),
        ("sort=title", ["Annual report", "Guide on forced labour", "Leaflet for children"]),
        ("sort=downloads", ["Leaflet for children", "Annual report", "Guide on forced labour"]),
    ],
)
def test_material_filters(client, library, query, expected):
    response = client.get(f"/resources/?{query}")
    assert response.status_code == 200
    assert titles(response) == expected


def test_filter_choices_offer_only_what_exists(client, library):
    form = client.get("/resources/").context["filter"].form
    assert [c[0] for c in form.fields["year"].choices] == ["", "2025", "2024"]
    assert {c[0] for c in form.fields["language"].choices} == {"", "en", "pl", "uk"}
    assert {c[0] for c in form.fields["institution"].choices} == {"", "gip", "la-strada"}


def test_unknown_filter_value_is_reported_not_a_crash(client, library):
    response = client.get("/resources/?type=spaceship")
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_no_result_message(client, library):
    html = client.get("/resources/?q=nothing-like-this").content.decode()
    assert "No material matches these filters" in html


def test_listing_shows_file_type_size_and_language(client, library):
    html = client.get("/resources/?type=leaflet").content.decode()
    assert "PDF" in html
    assert "KB" in html
    assert "Ukrainian" in html


@pytest.fixture
def visits(visits_index, locales):
    labour = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    sofia = StudyVisitPageFactory(
        parent=visits_index,
        title="Sofia",
        host_country="BG",
        start_date=datetime.date(2025, 4, 7),
        end_date=datetime.date(2025, 4, 9),
    )
    vilnius = StudyVisitPageFactory(
        parent=visits_index,
        title="Vilnius",
        host_country="LT",
        start_date=datetime.date(2024, 9, 1),
        end_date=datetime.date(2024, 9, 2),
    )
    sofia.topics.set([labour])
    sofia.save_revision().publish()
    return {"sofia": sofia, "vilnius": vilnius}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Sofia", "Vilnius"]),
        ("country=LT", ["Vilnius"]),
        ("year=2025", ["Sofia"]),
        ("topic=labour-exploitation", ["Sofia"]),
        ("country=BG&year=2024", []),
    ],
)
def test_study_visit_filters(client, visits, query, expected):
    response = client.get(f"/study-visits/?{query}")
    assert response.status_code == 200
    assert [v.title for v in response.context["visits"]] == expected


def test_study_visit_country_choices_are_named(client, visits):
    html = client.get("/study-visits/").content.decode()
    assert '<option value="BG">Bulgaria</option>' in html
    assert '<option value="LT">Lithuania</option>' in html
