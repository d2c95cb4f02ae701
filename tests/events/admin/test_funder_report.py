"""The funder report of a training series: events held, people trained each
once, by institution kind, region and language, upcoming confirmed apart; on
screen with bars, as a spreadsheet and as a PDF to print."""

import pytest
from django.utils import timezone

from events.models import EventSeries, Registration
from tests import downloads
from tests.events.admin.conftest import admin_url
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def series(events_index):
    series = EventSeries.objects.create(
        name="Identifying victims – Border Guard field offices 2026", funder="ISF"
    )
    post = InstitutionFactory(name="Post Terespol", kind="border_guard", region="lubelskie")
    ngo = InstitutionFactory(name="La Strada", kind="ngo", region="mazowieckie")
    held = EventPageFactory(
        parent=events_index, series=series, start=in_days(-5), end=in_days(-5, 16), capacity=None
    )
    other_held = EventPageFactory(
        parent=events_index, series=series, start=in_days(-3), end=in_days(-3, 16), capacity=None
    )
    outside = EventPageFactory(parent=events_index, start=in_days(-4), end=in_days(-4, 16))
    upcoming = EventPageFactory(parent=events_index, series=series, start=in_days(10))
    people = [
        (held, "anna@example.org", post, "pl"),
        (held, "olena@example.org", ngo, "uk"),
        (other_held, "anna@example.org", post, "pl"),  # the same person again
        (outside, "someone@example.org", ngo, "en"),
        (upcoming, "piotr@example.org", post, "pl"),
        (upcoming, "jan@example.org", post, "pl"),
    ]
    for n, (event, email, institution, language) in enumerate(people):
        Registration.objects.create(
            event=event,
            status="confirmed",
            queue_number=n + 1,
            name=email.split("@")[0].title(),
            email=email,
            institution=institution,
            language=language,
            attended_at=timezone.now() if event is not upcoming else None,
        )
    return series


def test_series_report_counts_each_person_once(client, organiser, series):
    client.force_login(organiser)
    response = client.get(admin_url("report"), {"series": series.pk})
    assert response.status_code == 200
    report = response.context["report"]
    assert report["events_held"] == 2
    assert report["people"] == 2
    assert report["participations"] == 3
    assert report["upcoming_confirmed"] == 2
    assert {row["label"]: row["count"] for row in report["by_language"]} == {
        "Polish": 1,
        "Ukrainian": 1,
    }
    assert {row["label"]: row["count"] for row in report["by_region"]} == {
        "lubelskie": 1,
        "mazowieckie": 1,
    }
    html = response.content.decode()
    assert "For the funder: Identifying victims" in html
    assert "<svg" in html and 'width="100"' in html  # a bar drawn by the site


def test_the_report_downloads_as_xlsx_csv_and_pdf(client, organiser, series):
    client.force_login(organiser)
    response = client.get(admin_url("report"), {"series": series.pk, "export": "xlsx"})
    assert response.status_code == 200
    rows = downloads.sheet_rows(downloads.xlsx_sheet(response))
    assert ["Summary", "People trained (each counted once)", 2] in [list(r) for r in rows]
    assert any(r[0] == "People trained by language" and r[1] == "Ukrainian" for r in rows)
    csv_rows = downloads.csv_rows(
        client.get(admin_url("report"), {"series": series.pk, "export": "csv"})
    )
    assert csv_rows[0] == ["Section", "Item", "Number"]
    pdf = client.get(admin_url("report"), {"series": series.pk, "export": "pdf"})
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "funder-report-" in pdf["Content-Disposition"]


@pytest.mark.parametrize(
    "query",
    [{"series": "abc"}, {"series": "99999999"}, {"export": "docx"}, {"date_from": "yesterday"}],
)
def test_bad_input_gets_a_400(client, organiser, series, query):
    client.force_login(organiser)
    assert client.get(admin_url("report"), query).status_code == 400


def test_the_report_is_for_organisers(client, editor, series):
    client.force_login(editor)
    response = client.get(admin_url("report"), {"series": series.pk, "export": "xlsx"})
    assert response.status_code in (302, 403)
