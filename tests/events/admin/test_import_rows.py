"""Import, row by row: duplicates can be skipped instead of stopping the
file, the event's questions are columns, a template names them all, and the
result tells what became of each line."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from events import services
from events.models import EventQuestion, Registration
from tests import downloads
from tests.events.admin.conftest import admin_url
from tests.events.conftest import person

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def upload(content):
    return SimpleUploadedFile("list.csv", content.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def questions(event):
    diet = EventQuestion.objects.create(
        event=event, label="Arrival day", question_type="single", choices="Monday\nTuesday"
    )
    topics = EventQuestion.objects.create(
        event=event, label="Topics of interest", question_type="multiple", choices="Labour\nBorder"
    )
    hotel = EventQuestion.objects.create(event=event, label="Hotel needed", question_type="yes_no")
    return diet, topics, hotel


def test_skipping_duplicates_imports_the_rest_and_says_so(client, event, organiser):
    services.register(event, person(9))
    client.force_login(organiser)
    csv_text = (
        "name,email\n"
        "Anna Nowak,anna@example.org\n"
        "Anna again,anna@example.org\n"
        "Already,person9@example.org\n"
        "Piotr Lis,piotr@example.org\n"
    )
    response = client.post(
        admin_url("import", event.pk), {"file": upload(csv_text), "skip_duplicates": "on"}
    )
    preview = response.context["preview"]
    assert not preview.has_errors
    assert [row.line for row in preview.skipped_rows] == [3, 4]
    html = response.content.decode()
    assert "Will be skipped: The same email is on line 2." in html
    assert "Import 2 attendees" in html
    response = client.post(
        admin_url("import", event.pk),
        {"confirm": "1", "payload": response.context["payload"], "skip_duplicates": "1"},
    )
    assert response.status_code == 200
    outcomes = {row.line: row.outcome for row in response.context["result"].rows}
    assert outcomes[2] == "Confirmed"
    assert outcomes[3].startswith("Skipped: The same email")
    assert outcomes[4] == "Skipped: This person is already registered."
    assert Registration.objects.filter(email="anna@example.org").count() == 1
    assert Registration.objects.count() == 3


def test_question_columns_become_answers(client, event, organiser, questions):
    arrival, topics, hotel = questions
    client.force_login(organiser)
    csv_text = (
        "name,email,arrival day,Topics of interest,Hotel needed\n"
        "Anna Nowak,anna@example.org,tuesday,Labour; Border,tak\n"
    )
    response = client.post(admin_url("import", event.pk), {"file": upload(csv_text)})
    assert not response.context["preview"].has_errors
    client.post(
        admin_url("import", event.pk), {"confirm": "1", "payload": response.context["payload"]}
    )
    answers = Registration.objects.get(email="anna@example.org").answers
    assert answers == {arrival.key: "Tuesday", topics.key: ["Labour", "Border"], hotel.key: "yes"}


@pytest.mark.parametrize(
    ("cells", "error"),
    [
        ("Friday,Labour,yes", "“Friday” is not a choice of “Arrival day”."),
        ("Monday,Labour; Sea,yes", "“Sea” is not a choice of “Topics of interest”."),
        ("Monday,Labour,maybe", "“Hotel needed” takes yes or no."),
    ],
)
def test_a_bad_answer_is_a_clear_error_and_nothing_is_imported(
    client, event, organiser, questions, cells, error
):
    client.force_login(organiser)
    csv_text = (
        f"name,email,Arrival day,Topics of interest,Hotel needed\nAnna,anna@example.org,{cells}\n"
    )
    response = client.post(admin_url("import", event.pk), {"file": upload(csv_text)})
    preview = response.context["preview"]
    assert preview.rows[0].errors == [error]
    assert 'name="confirm"' not in response.content.decode()
    assert Registration.objects.count() == 0


def test_the_template_names_every_column_and_question(client, event, organiser, questions):
    client.force_login(organiser)
    response = client.get(admin_url("import", event.pk), {"template": "csv"})
    assert response.status_code == 200
    assert downloads.csv_rows(response)[0] == [
        "name",
        "email",
        "institution",
        "position",
        "phone",
        "dietary",
        "accessibility",
        "language",
        "Arrival day",
        "Topics of interest",
        "Hotel needed",
    ]
    assert "import-template-" in response["Content-Disposition"]
    page = client.get(admin_url("import", event.pk)).content.decode()
    assert "?template=csv" in page
