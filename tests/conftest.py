import shutil

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from tests.factories import HomePageFactory, UserFactory


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


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
