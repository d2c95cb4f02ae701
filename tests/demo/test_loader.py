"""The demo loader: relative dates, create-or-update by natural key, clear
errors for bad data, and no mail at any time."""

import datetime
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command

from demo.loader import DATA_DIR, DemoDataError, Loader, relative_date
from directory.models import Institution
from events.models import EventPage, RegistrationMail
from portal.models import HomePage, StandardPage

TODAY = datetime.date(2026, 3, 18)
PROJECT_APPS = ("portal", "directory", "events", "resources")


@pytest.mark.parametrize(
    ("text", "day", "time"),
    [
        ("+10d 09:00", datetime.date(2026, 3, 28), datetime.time(9, 0)),
        ("+11d 15:30", datetime.date(2026, 3, 29), datetime.time(15, 30)),
        ("-30d", datetime.date(2026, 2, 16), datetime.time(0, 0)),
        ("+0d", TODAY, datetime.time(0, 0)),
        ("month+40d 10:00", datetime.date(2026, 4, 10), datetime.time(10, 0)),
    ],
)
def test_relative_dates(text, day, time):
    assert relative_date(text, TODAY) == (day, time)


@pytest.mark.parametrize("text", ["10 days", "+10", "+10d 9", "+10d 25:00", "tomorrow", ""])
def test_a_bad_relative_date_names_where_it_is(text):
    with pytest.raises(
        DemoDataError, match=r"events\.yaml: event 'x': start: .* relative date|no such time"
    ):
        relative_date(text, TODAY, "events.yaml: event 'x': start")


def copy_of_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_an_unknown_institution_is_named_with_its_file_and_record(tmp_path):
    data = copy_of_data(tmp_path)
    events = data / "events.yaml"
    text = events.read_text(encoding="utf-8")
    # The closing conference is the first event; its organisers come first.
    organisers = "organisers: [border-guard-hq, ministry-interior]"
    assert organisers in text
    events.write_text(
        text.replace(organisers, "organisers: [border-guard-hq, no-such-ministry]", 1),
        encoding="utf-8",
    )
    with pytest.raises(DemoDataError) as error:
        Loader(data_dir=data).check()
    assert "events.yaml: events 'closing-conference': organisers" in str(error.value)
    assert "'no-such-ministry'" in str(error.value)
    assert "institutions.yaml" in str(error.value)


@pytest.mark.django_db
def test_bad_data_stops_the_load_before_anything_is_written(tmp_path):
    data = copy_of_data(tmp_path)
    materials = data / "materials.yaml"
    text = materials.read_text(encoding="utf-8")
    materials.write_text(text.replace("publisher: border-guard-hq", "publisher: nobody", 1))
    with pytest.raises(
        DemoDataError, match=r"materials\.yaml: materials '[a-z-]+': publisher names 'nobody'"
    ):
        Loader(data_dir=data).load_all()
    assert not Institution.objects.exists()
    assert not HomePage.objects.exists()


def test_an_unknown_field_and_broken_yaml_are_named(tmp_path):
    with pytest.raises(
        DemoDataError, match=r"site\.yaml: page 'about': StandardPage has no field 'titel'"
    ):
        Loader().fields(StandardPage, {"titel": "About"}, "site.yaml: page 'about'")
    data = copy_of_data(tmp_path)
    (data / "topics.yaml").write_text("- slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"^topics\.yaml: not valid YAML"):
        Loader(data_dir=data).read("topics.yaml")


def test_every_institution_is_defined_once_and_every_reference_resolves():
    loader = Loader()
    loader.check()
    names = [i["name"] for i in loader.read("institutions.yaml")["institutions"].values()]
    assert len(names) == len(set(names))
    # Names are written in one file only: the others use slugs.
    for path in Path(DATA_DIR).glob("*.yaml"):
        if path.name != "institutions.yaml":
            assert "Trafficking in Persons and Slavery" not in path.read_text(encoding="utf-8")


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
    }


@pytest.mark.django_db
def test_seeding_again_changes_no_counts_and_sends_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", scale=10, verbosity=0)
    first = counts()
    assert first["events.EventPage"] > 20 and first["directory.Institution"] > 100
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", scale=10, verbosity=0)
    assert counts() == first
    # A day later every relative date has moved: published events change time,
    # which would tell their attendees. The demo's attendees hear nothing.
    tomorrow = Loader(today=datetime.date.today() + datetime.timedelta(days=1))
    home = HomePage.objects.get(locale__language_code="en")
    before = EventPage.objects.get(slug="training-chelm", locale__language_code="en").start
    with django_capture_on_commit_callbacks(execute=True):
        tomorrow.load_events(home, scale=10)
    after = EventPage.objects.get(slug="training-chelm", locale__language_code="en").start
    assert after - before == datetime.timedelta(days=1)
    assert not RegistrationMail.objects.exists()
    assert mail.outbox == []


def test_no_production_app_imports_the_demo():
    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"^\s*(from demo\b|import demo\b)", re.MULTILINE)
    for app in PROJECT_APPS:
        for path in (root / app).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path
