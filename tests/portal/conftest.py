import pytest

from portal.models import SiteSettings
from tests.factories import StandardPageFactory


@pytest.fixture
def site_settings(home_page):
    """Made before the test: the first page read would otherwise create
    them (a write, which makes what that page remembered stale at once)."""
    return SiteSettings.for_site(home_page.get_site())


@pytest.fixture
def about(home_page, site_settings):
    return StandardPageFactory(parent=home_page, title="About the portal", slug="about")
