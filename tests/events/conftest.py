import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from tests.events.factories import EventIndexPageFactory, EventPageFactory


def valid_form_data(**overrides):
    data = {
        "name": "Jan Kowalski",
        "email": "jan.kowalski@example.org",
        "institution_name": "Some association",
        "position": "Inspector",
        "phone": "",
        "dietary": "",
        "accessibility": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def person(n, **extra):
    data = {"name": f"Person {n}", "email": f"person{n}@example.org"}
    data.update(extra)
    return data


@pytest.fixture
def events_index(home_page):
    index = EventIndexPageFactory(parent=home_page)
    group = Group.objects.get(name="Organisers")
    for action in ("add", "change", "publish"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            ),
        )
    return index


@pytest.fixture
def event(events_index):
    return EventPageFactory(parent=events_index, title="Training in Chełm", slug="training-chelm")


@pytest.fixture(autouse=True)
def _run_on_commit_at_once(request, monkeypatch):
    """Tests run inside one transaction that never commits, so callbacks
    registered with on_commit (our mail) would never run. Run them at once
    here; the transactional tests (test_transactions.py) check the real
    after-commit behaviour."""
    if "migrated_db" in request.fixturenames or "transactional_db" in request.fixturenames:
        return

    def run_now(func, using=None, robust=False):
        func()

    monkeypatch.setattr("django.db.transaction.on_commit", run_now)
