"""The directory's cached fragments (result cards, result pages, institution
pages, the help page's channels) are never stale and never cross from a
member to anyone else: every change shows at once."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from directory import cache as directory_cache
from directory.choices import Visibility
from directory.models import DirectoryIndexPage
from portal.models import Language
from portal.request_cache import RequestCacheMiddleware
from tests.directory.factories import ContactPersonFactory, InstitutionFactory
from tests.factories import TopicFactory


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # The anonymous page cache has its own tests; here the directory's own
    # caches answer every request.
    settings.PORTAL_PAGE_CACHE = False


@pytest.fixture
def office(home_page):
    parent = InstitutionFactory(name="Regional Headquarters", slug="regional-hq")
    institution = InstitutionFactory(
        name="Border Guard Post Lublin",
        slug="bg-post-lublin",
        city="Lublin",
        parent=parent,
        phone="+48 81 111 11 11",
        phone_visibility=Visibility.MEMBERS,
        hotline="+48 800 222 222",
    )
    ContactPersonFactory(
        institution=institution,
        name="Anna Secretkowska",
        is_focal_point=True,
        visibility=Visibility.MEMBERS,
    )
    ContactPersonFactory(
        institution=institution,
        name="Piotr Publiczny",
        is_focal_point=True,
        visibility=Visibility.PUBLIC,
    )
    return institution


@pytest.fixture
def member_client(approved_member):
    client = Client()
    client.force_login(approved_member)
    return client


LIST = "/directory/?q=lublin"
PAGE = "/directory/bg-post-lublin/"


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", [LIST, "/directory/", PAGE])
def test_members_only_data_never_reaches_an_anonymous_visitor(client, member_client, office, url):
    as_member = html(member_client, url)
    assert "Anna Secretkowska" in as_member
    assert "+48 81 111 11 11" in as_member
    for _again in range(2):
        anonymous = html(client, url)
        assert "Piotr Publiczny" in anonymous
        assert "Anna Secretkowska" not in anonymous
        assert "+48 81 111 11 11" not in anonymous
    # …and the other way round: a member is not served the anonymous version.
    assert "Anna Secretkowska" in html(member_client, url)


def test_signed_in_non_member_sees_what_anonymous_visitors_see(client, member_client, office, user):
    html(member_client, LIST)
    html(member_client, PAGE)
    client.force_login(user)
    for url in (LIST, PAGE):
        page = html(client, url)
        assert "Piotr Publiczny" in page
        assert "Anna Secretkowska" not in page


@pytest.mark.parametrize("viewer", ["anonymous", "member"])
def test_editing_an_institution_changes_its_card_and_page_at_once(
    client, member_client, office, viewer
):
    client = member_client if viewer == "member" else client
    assert "+48 800 222 222" in html(client, LIST)
    assert "+48 800 222 222" in html(client, PAGE)
    office.hotline = "+48 800 333 333"
    office.name = "Border Guard Post Lublin-Airport"
    office.save()
    for url in (LIST, PAGE):
        page = html(client, url)
        assert "+48 800 333 333" in page
        assert "+48 800 222 222" not in page
        assert "Border Guard Post Lublin-Airport" in page


def test_a_new_institution_joins_the_list_at_once(client, office):
    assert "1 institution" in html(client, LIST)
    InstitutionFactory(name="Lublin Shelter", city="Lublin")
    page = html(client, LIST)
    assert "2 institutions" in page
    assert "Lublin Shelter" in page


def test_deleting_an_institution_removes_it_at_once(client, office):
    other = InstitutionFactory(name="Lublin Shelter", city="Lublin")
    assert "Lublin Shelter" in html(client, LIST)
    other.delete()
    assert "Lublin Shelter" not in html(client, LIST)


def test_a_person_change_shows_on_the_card_and_the_page(client, office):
    html(client, LIST)
    html(client, PAGE)
    person = office.contact_people.get(name="Piotr Publiczny")
    person.name = "Piotr Nowy"
    person.save()
    for url in (LIST, PAGE):
        page = html(client, url)
        assert "Piotr Nowy" in page
        assert "Piotr Publiczny" not in page
    person.visibility = Visibility.MEMBERS
    person.save()
    for url in (LIST, PAGE):
        assert "Piotr Nowy" not in html(client, url)


def test_a_person_removed_from_the_page_at_once(member_client, office):
    assert "Anna Secretkowska" in html(member_client, PAGE)
    office.contact_people.get(name="Anna Secretkowska").delete()
    assert "Anna Secretkowska" not in html(member_client, PAGE)
    assert "Anna Secretkowska" not in html(member_client, LIST)


def test_languages_and_competences_show_at_once(client, office):
    ukrainian, _ = Language.objects.get_or_create(code="uk")
    topic = TopicFactory(name="Labour exploitation", slug="labour-exploitation")
    assert "Ukrainian" not in html(client, LIST)
    assert "Labour exploitation" not in html(client, PAGE)
    office.languages.add(ukrainian)
    office.competences.add(topic)
    assert "Ukrainian" in html(client, LIST)
    assert "Labour exploitation" in html(client, PAGE)
    # A topic renamed elsewhere (a content change) shows on the page too.
    topic.name = "Forced labour"
    topic.save()
    assert "Forced labour" in html(client, PAGE)


def test_a_renamed_parent_shows_on_its_childrens_cards_and_pages(client, office):
    assert "Regional Headquarters" in html(client, LIST)
    parent = office.parent
    parent.name = "Regional Command"
    parent.save()
    assert "Regional Command" in html(client, LIST)
    assert "Regional Command" in html(client, PAGE)


def test_cards_follow_the_language(client, office):
    office.name_pl = "Placówka Straży Granicznej w Lublinie"
    office.save()
    assert "Border Guard Post Lublin" in html(client, LIST)
    polish = html(client, "/pl" + LIST)
    assert "Placówka Straży Granicznej w Lublinie" in polish
    assert "Placówka Straży Granicznej w Lublinie" not in html(client, LIST)


def test_may_be_out_of_date_turns_on_at_midnight_without_a_change(client, office):
    today = timezone.localdate()
    office.last_verified_at = today - datetime.timedelta(days=365)
    office.save()
    assert "may be out of date" not in html(client, LIST)
    assert "may be out of date" not in html(client, PAGE).split("Contact people")[0]
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert "may be out of date" in html(client, LIST)
        assert "may be out of date" in html(client, PAGE).split("Contact people")[0]


def test_the_cache_state_changes_again_when_a_change_commits(migrated_db):
    """A fragment rendered by another request between a save and its commit
    read the old rows: it is stored under a state that the commit leaves."""
    office = InstitutionFactory(name="Border Guard Post Lublin")
    before = directory_cache.state()
    with transaction.atomic():
        office.hotline = "+48 800 444 444"
        office.save()
        during = directory_cache.state()
        assert during != before
    assert directory_cache.state() not in (before, during)


def test_the_help_page_changes_with_the_directory(client, home_page):
    hotline = InstitutionFactory(name="Help Foundation", hotline="+48 800 100 100")
    assert "+48 800 100 100" in html(client, "/help/")
    assert "+48 800 100 100" in html(client, "/help/uk/")
    hotline.hotline = "+48 800 200 200"
    hotline.save()
    for url in ("/help/", "/help/uk/", "/pl/help/"):
        page = html(client, url)
        assert "+48 800 200 200" in page
        assert "+48 800 100 100" not in page
    hotline.hotline_visibility = Visibility.MEMBERS
    hotline.save()
    assert "+48 800 200 200" not in html(client, "/help/")


def test_the_report_form_keeps_its_own_csrf_token(member_client, approved_member, office):
    """The cached part of the page never holds a visitor's token."""
    first = member_client.get(PAGE)
    other = Client()
    other.force_login(approved_member)
    second = other.get(PAGE)
    token = "csrfmiddlewaretoken"
    assert token in first.content.decode() and token in second.content.decode()
    assert first.context["csrf_token"] != second.context["csrf_token"]


def test_a_version_lost_from_the_cache_never_brings_back_old_entries(client, office):
    """An evicted (or restarted) cache starts a version never used before."""
    html(client, LIST)
    before = directory_cache.state()
    cache.delete(directory_cache.VERSION_KEY)
    after = directory_cache.state()
    assert after != before
    directory_cache.bump()
    assert directory_cache.state() not in (before, after)


def test_a_preview_of_the_directory_page_shows_the_draft(client, home_page, office):
    page = home_page.add_child(
        instance=DirectoryIndexPage(title="Directory", slug="directory", introduction="Live.")
    )
    assert "Live." in html(client, "/directory/")
    assert "Live." in page.make_preview_request().content.decode()
    page.title = "Draft directory"
    page.introduction = "Draft introduction."
    preview = page.make_preview_request().content.decode()
    assert "Draft introduction." in preview
    assert "Draft directory" in preview
    assert "Live." in html(client, "/directory/")


def test_a_request_that_changes_the_directory_reads_the_new_version(rf, office):
    """The data version is read once per request, but a change the request
    makes itself is seen by the rest of it."""
    seen = []

    def view(request):
        seen.append(directory_cache.state())
        seen.append(directory_cache.state())
        office.hotline = "+48 800 444 444"
        office.save()
        seen.append(directory_cache.state())
        directory_cache.bump()
        seen.append(directory_cache.state())
        return HttpResponse()

    RequestCacheMiddleware(view)(rf.get("/directory/"))
    versions = [state[0] for state in seen]
    assert versions[0] == versions[1]
    assert len(set(versions[1:])) == 3
