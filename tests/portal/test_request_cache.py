"""What requests take from the cache instead of the database (the Site, the
locales, the site settings, permissions, view restrictions, the user bar,
breadcrumbs, menus, search results): every change shows on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.users.models import UserProfile

from portal import request_cache
from portal.models import SiteSettings
from portal.roles import EDITORS
from tests.factories import StandardPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Anonymous pages are rendered each time: what is checked here is the
    cache below the page cache."""
    settings.PORTAL_PAGE_CACHE = False


def signed_in(user=None):
    client = Client()
    client.force_login(user or UserFactory())
    return client


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def publish(page, **fields):
    page = Page.objects.get(pk=page.pk).specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_site_settings_change_shows_at_once(client, about, site_settings):
    member = signed_in()
    for visitor in (client, member):
        assert "Cooperation Portal" in html(visitor, "/about/")
    site_settings.organisation_name = "Border Cooperation Hub"
    site_settings.save()
    for visitor in (client, member):
        assert "Border Cooperation Hub" in html(visitor, "/about/")


def test_new_permissions_show_at_once(about):
    user = UserFactory()
    visitor = signed_in(user)
    assert "Administration" not in html(visitor, "/about/")
    user.groups.add(Group.objects.get(name=EDITORS))
    page = html(visitor, "/about/")
    assert "Administration" in page and "wagtail-userbar" in page
    user.groups.clear()
    page = html(visitor, "/about/")
    assert "Administration" not in page and "wagtail-userbar" not in page


def test_view_restriction_applies_at_once(client, about):
    html(client, "/about/")
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/about/").status_code == 302
    restriction.delete()
    assert client.get("/about/").status_code == 200


def test_search_hides_a_page_restricted_since_the_last_search(client, about, home_page):
    StandardPageFactory(parent=about, title="Zebra crossing rules", slug="zebra")
    assert "Zebra crossing rules" in html(client, "/search/?q=zebra")
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert "Zebra crossing rules" not in html(client, "/search/?q=zebra")
    assert "Zebra crossing rules" in html(signed_in(), "/search/?q=zebra")


def test_user_bar_follows_the_editors_profile(about):
    editor = UserFactory(groups=[EDITORS])
    visitor = signed_in(editor)
    assert "w-theme-system" in html(visitor, "/about/")
    profile = UserProfile.get_for_user(editor)
    profile.theme = "dark"
    profile.save()
    assert "w-theme-dark" in html(visitor, "/about/")


def test_user_bar_follows_the_page(about):
    visitor = signed_in(UserFactory(groups=[EDITORS]))
    other = StandardPageFactory(parent=about, title="Other page", slug="other")
    assert f"/admin/pages/{about.pk}/edit/" in html(visitor, "/about/")
    assert f"/admin/pages/{other.pk}/edit/" in html(visitor, "/about/other/")


def test_search_results_follow_publishing(client, about):
    assert "Zebra" not in html(client, "/search/?q=zebra")
    page = StandardPageFactory(parent=about, title="Zebra crossing rules", slug="zebra")
    assert "Zebra crossing rules" in html(client, "/search/?q=zebra")
    publish(page, title="Zebra crossing rules, revised")
    assert "Zebra crossing rules, revised" in html(client, "/search/?q=zebra")
    Page.objects.get(pk=page.pk).unpublish()
    assert "Zebra crossing rules" not in html(client, "/search/?q=zebra")


def test_breadcrumbs_and_menus_follow_changes(client, about):
    StandardPageFactory(parent=about, title="Our team", slug="team", show_in_menus=True)
    assert "About the portal</a>" in html(client, "/about/team/")
    assert "Our team" in html(client, "/about/")
    publish(about, title="Who we are")
    assert "Who we are</a>" in html(client, "/about/team/")
    StandardPageFactory(parent=about, title="Our partners", slug="partners", show_in_menus=True)
    assert "Our partners" in html(client, "/about/")


def test_home_hero_follows_publishing(client, home_page, site_settings):
    assert home_page.hero_title in html(client, "/")
    publish(home_page, hero_title="Together against trafficking")
    assert "Together against trafficking" in html(client, "/")


def test_language_links_follow_a_new_translation(client, home_page, about, locales):
    home_page.copy_for_translation(locales["pl"]).save_revision().publish()
    assert "/not-translated/" in html(client, "/about/")
    polish = about.copy_for_translation(locales["pl"])
    polish.slug = "o-portalu"
    polish.save_revision().publish()
    page = html(client, "/about/")
    assert "/not-translated/" not in page and "/pl/o-portalu/" in page


def test_polish_home_page_follows_publishing(client, home_page, locales, site_settings):
    assert home_page.hero_title in html(client, "/pl/")
    polish = home_page.copy_for_translation(locales["pl"])
    polish.hero_title = "Razem przeciw handlowi ludźmi"
    polish.save_revision().publish()
    assert "Razem przeciw handlowi ludźmi" in html(client, "/pl/")
    Page.objects.get(pk=polish.pk).unpublish()
    assert home_page.hero_title in html(client, "/pl/")


def test_locale_lookup_follows_new_locales(db):
    english = Locale.objects.get_or_create(language_code="en")[0]
    Locale.objects.filter(language_code="pl").delete()
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("pl")
    polish = Locale.objects.create(language_code="pl")
    assert Locale.objects.get_for_language("pl") == polish
    assert Locale.objects.get_for_language("en") == english


def test_a_request_sees_its_own_changes(home_page, site_settings):
    """A view that saves a setting and then renders sees the new value."""
    seen = []

    def view(request):
        seen.append(SiteSettings.for_site(home_page.get_site()).organisation_name)
        SiteSettings.objects.filter(pk=site_settings.pk).update(organisation_name="unseen")
        fresh = SiteSettings.objects.get(pk=site_settings.pk)
        fresh.organisation_name = "Renamed"
        fresh.save()
        seen.append(SiteSettings.for_site(home_page.get_site()).organisation_name)
        return HttpResponse()

    request_cache.RequestCacheMiddleware(view)(RequestFactory().get("/"))
    assert seen == ["Cooperation Portal", "Renamed"]


def test_the_site_and_locales_are_read_once_per_request(about, django_assert_num_queries):
    visitor = Client()
    html(visitor, "/about/")
    # The page's route (its row, with its specific row joined) and nothing
    # else: no Site, locale, settings or view restriction query.
    with django_assert_num_queries(1):
        html(visitor, "/about/")
