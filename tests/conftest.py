import shutil

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.utils import translation
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English: a request to /pl/ activates Polish for
    the thread, and it would otherwise stay active for the next test."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def migrated_data(django_db_setup, django_db_blocker):
    """What the migrations put in the fresh test database (root page, site,
    collection, groups, languages), captured once before any test changes it.

    Transactional tests (browser tests, concurrency tests) flush the database
    afterwards; `migrated_db` puts this back. pytest-django's serialized
    rollback cannot be used: Playwright's sync API runs tests in another
    context, where Django opens a connection without the serialized copy.
    pytest-django runs transactional tests after all the others, so the first
    one to ask for it sees the database as migrated: every transactional test
    must use `migrated_db`.
    """
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def migrated_db(transactional_db, migrated_data):
    """A transactional database that starts with the migrations' data."""
    if not Page.objects.filter(depth=1).exists():
        # The previous flush re-created content types and permissions with new
        # keys; clear them so the captured rows go back with their own.
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_data)
        # Rows came back with their own keys: move PostgreSQL's sequences past them.
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
    # Content type ids and cached site roots may come from a previous test.
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.fixture
def locales(db):
    english, _ = Locale.objects.get_or_create(language_code="en")
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    return {"en": english, "pl": polish}


@pytest.fixture
def home_page(locales):
    """A HomePage as the default site's root, in place of Wagtail's placeholder."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="home-test")
    site = Site.objects.get(is_default_site=True)
    placeholder = site.root_page
    site.root_page = home
    site.save()
    if placeholder.pk != home.pk and placeholder.specific_class is Page:
        placeholder.delete()
    return home


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def member(db):
    return UserFactory(email="member.test@example.org", groups=["Members"])


@pytest.fixture
def editor(db):
    return UserFactory(email="editor.test@example.org", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return UserFactory(email="moderator.test@example.org", groups=["Moderators"])


@pytest.fixture
def organiser(db):
    return UserFactory(email="organiser.test@example.org", groups=["Organisers"])


@pytest.fixture
def superuser(db):
    return UserFactory(email="admin.test@example.org", is_superuser=True, is_staff=True)


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
