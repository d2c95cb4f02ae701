import shutil
import sqlite3

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings
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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Counts kept in the cache (e.g. registration attempts per client) would
    otherwise add up over every test a worker runs."""
    cache.clear()


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


def _put_back(serialized):
    """Replace every row with the serialized ones (which keep their keys)."""
    # The previous flush re-created content types and permissions with new
    # keys; clear them so the captured rows go back with their own.
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    connection.creation.deserialize_db_from_string(serialized)
    # Rows came back with their own keys: move PostgreSQL's sequences past them.
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _forget_cached_rows():
    """Content type ids and cached site roots may come from a previous test."""
    ContentType.objects.clear_cache()
    cache.clear()


@pytest.fixture
def migrated_db(transactional_db, migrated_data):
    """A transactional database that starts with the migrations' data."""
    if not Page.objects.filter(depth=1).exists():
        _put_back(migrated_data)
    _forget_cached_rows()


class DemoCopy:
    """The demo site, seeded once per test session (once per xdist worker)
    and kept aside, so that a test needing it gets a copy in milliseconds
    instead of seeding it again (the slowest thing the suite does).

    The copy is the whole SQLite database, taken and put back with SQLite's
    backup API; the images the demo draws are kept in a folder of their own
    and copied into each test's MEDIA_ROOT. On other databases the demo is
    seeded for each test: its serialized rows do not go back cleanly (loading
    them re-creates content types), and CI runs the demo's tests on SQLite.
    """

    def __init__(self, media_root):
        self.media_root = media_root
        self.copy = None

    def restore(self, media_root):
        if connection.vendor != "sqlite":
            call_command("seed_demo", verbosity=0)
            return
        connection.ensure_connection()
        if self.copy is None:
            with override_settings(MEDIA_ROOT=self.media_root):
                call_command("seed_demo", verbosity=0)
            self.copy = sqlite3.connect(":memory:")
            connection.connection.backup(self.copy)
        else:
            self.copy.backup(connection.connection)
        if self.media_root.exists():
            shutil.copytree(self.media_root, media_root, dirs_exist_ok=True)
        _forget_cached_rows()


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory):
    return DemoCopy(tmp_path_factory.mktemp("demo") / "media")


@pytest.fixture
def demo(migrated_db, demo_copy, settings):
    """A transactional database holding the demo site, as `seed_demo` leaves
    it; the test may change it (the next test gets a fresh copy). Seeding is
    done once per session, so a test asks for this instead of calling
    seed_demo, unless seeding itself is what it checks."""
    demo_copy.restore(settings.MEDIA_ROOT)


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


# CI runs the suite twice: all of it on SQLite, then on PostgreSQL only the
# tests marked `database`, whose outcome can depend on the database engine:
# row locks and real commits, query counts, searches (Wagtail's and the
# directory's), JSON and date lookups. Migrations are applied by every run.
# A module says so with `pytestmark`; a test that counts queries or needs real
# transactions is marked here, except browser tests and the demo's, which do
# not depend on the engine and are the slowest.
DATABASE_FIXTURES = {
    "django_assert_num_queries",
    "django_assert_max_num_queries",
    "transactional_db",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        fixtures = set(item.fixturenames)
        if fixtures & DATABASE_FIXTURES and not fixtures & {"demo", "live_server"}:
            item.add_marker(pytest.mark.database)


def pytest_report_header(config):
    return f"database: {settings.DATABASES['default']['ENGINE']}"
