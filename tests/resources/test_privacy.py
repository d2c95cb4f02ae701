"""Members-only materials are refused at every door: listing, page, document
URL, media URL, site search, feed, sitemap, home, topic and institution
sections, study-visit attachments."""

import pytest
from wagtail.models import Collection

from directory.models import Membership
from resources.models import DocumentDownload, StudyVisitMaterial
from resources.privacy import MEMBERS_COLLECTION_NAME, members_collection
from resources.queries import for_institution
from tests.factories import TopicFactory, UserFactory
from tests.resources.factories import (
    DocumentFactory,
    InstitutionFactory,
    MaterialPageFactory,
    StudyVisitPageFactory,
    attach_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.database]


@pytest.fixture
def topic(locales):
    return TopicFactory(slug="labour-exploitation", name="Labour exploitation")


@pytest.fixture
def publisher(db):
    return InstitutionFactory(slug="chief-labour-inspectorate", name="Chief Labour Inspectorate")


@pytest.fixture
def materials(materials_index, topic, publisher):
    public = MaterialPageFactory(
        parent=materials_index, title="Open leaflet zebra", slug="open", publisher=publisher
    )
    secret = MaterialPageFactory(
        parent=materials_index,
        title="Inspection manual zebra",
        slug="secret",
        visibility="members",
        publisher=publisher,
    )
    for page in (public, secret):
        page.topics.set([topic])
        page.save_revision().publish()
    public_doc = attach_file(public)
    secret_doc = attach_file(secret)
    return {"public": public, "secret": secret, "public_doc": public_doc, "secret_doc": secret_doc}


@pytest.fixture
def non_member(db):
    # Signed in and verified, but no approved membership.
    return UserFactory(email="outsider@example.org")


def test_listing_hides_members_only_from_anonymous_and_non_members(
    client, materials, non_member, approved_member
):
    html = client.get("/resources/").content.decode()
    assert "Open leaflet zebra" in html
    assert "Inspection manual zebra" not in html
    client.force_login(non_member)
    assert "Inspection manual zebra" not in client.get("/resources/").content.decode()
    client.force_login(approved_member)
    html = client.get("/resources/").content.decode()
    assert "Inspection manual zebra" in html
    assert "Members only" in html


def test_page_refuses_anonymous_and_non_members(client, materials, non_member, approved_member):
    response = client.get("/resources/secret/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(non_member)
    response = client.get("/resources/secret/")
    assert response.status_code == 403
    assert "Inspection manual zebra" not in response.content.decode()
    client.force_login(approved_member)
    response = client.get("/resources/secret/")
    assert response.status_code == 200
    assert "Inspection manual zebra" in response.content.decode()


def test_document_url_refuses_anonymous_and_non_members(
    client, materials, non_member, approved_member
):
    url = materials["secret_doc"].url
    assert url.startswith("/documents/")
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(non_member)
    assert client.get(url).status_code == 403
    assert not DocumentDownload.objects.filter(document=materials["secret_doc"]).exists()
    client.force_login(approved_member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert DocumentDownload.objects.get(document=materials["secret_doc"]).count == 1


def test_public_document_is_served_and_counted(client, materials, editor):
    response = client.get(materials["public_doc"].url)
    assert response.status_code == 200
    client.get(materials["public_doc"].url)
    assert DocumentDownload.objects.get(document=materials["public_doc"]).count == 2
    # The count is for those who edit the material.
    assert "Downloaded" not in client.get("/resources/open/").content.decode()
    client.force_login(editor)
    page = client.get("/resources/open/").content.decode()
    assert "Downloaded 2 times" in page
    assert "PDF" in page


def test_media_url_of_a_document_is_not_served(client, materials):
    # The stored file's own address must never bypass the check.
    assert client.get(materials["secret_doc"].file.url).status_code == 404


def test_document_in_private_collection_refused_even_if_unused(client, home_page, non_member):
    document = DocumentFactory(collection=members_collection())
    assert client.get(document.url).status_code == 302
    client.force_login(non_member)
    assert client.get(document.url).status_code == 403


def test_publishing_a_members_only_material_files_its_documents_privately(materials):
    secret, public = materials["secret"], materials["public"]
    secret.save_revision().publish()
    public.save_revision().publish()
    materials["secret_doc"].refresh_from_db()
    materials["public_doc"].refresh_from_db()
    assert materials["secret_doc"].collection.name == MEMBERS_COLLECTION_NAME
    assert materials["public_doc"].collection == Collection.get_first_root_node()
    # Wagtail's own lock on that collection: login required.
    assert materials["secret_doc"].collection.get_view_restrictions().exists()


def test_site_search_hides_members_only(client, materials, non_member, approved_member):
    html = client.get("/search/?q=zebra").content.decode()
    assert "Open leaflet zebra" in html
    assert "Inspection manual zebra" not in html
    client.force_login(non_member)
    assert "Inspection manual zebra" not in client.get("/search/?q=zebra").content.decode()
    client.force_login(approved_member)
    assert "Inspection manual zebra" in client.get("/search/?q=zebra").content.decode()


def test_feed_never_contains_members_only(client, materials, approved_member):
    client.force_login(approved_member)  # the feed is the same for everyone
    response = client.get("/resources/feed.atom")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Open leaflet zebra" in body
    assert "Inspection manual zebra" not in body


def test_sitemap_never_contains_members_only(client, materials):
    body = client.get("/sitemap.xml").content.decode()
    assert "/resources/open/" in body
    assert "/resources/secret/" not in body


def test_home_and_topic_sections_hide_members_only(client, materials, approved_member):
    home = client.get("/").content.decode()
    assert "Open leaflet zebra" in home
    assert "Inspection manual zebra" not in home
    topic = client.get("/topics/labour-exploitation/").content.decode()
    assert "Open leaflet zebra" in topic
    assert "Inspection manual zebra" not in topic
    client.force_login(approved_member)
    assert "Inspection manual zebra" in client.get("/").content.decode()


def test_institution_section_hides_members_only(materials, publisher):
    public_view = for_institution(publisher, viewer_is_member=False)
    assert [m.title for m in public_view["materials"]] == ["Open leaflet zebra"]
    member_view = for_institution(publisher, viewer_is_member=True)
    assert {m.title for m in member_view["materials"]} == {
        "Open leaflet zebra",
        "Inspection manual zebra",
    }


def test_study_visit_shows_attached_members_only_material_to_members_only(
    client, materials, visits_index, approved_member
):
    visit = StudyVisitPageFactory(parent=visits_index, slug="sofia", title="Visit to Sofia")
    for material in (materials["public"], materials["secret"]):
        StudyVisitMaterial.objects.create(page=visit, material=material)
    html = client.get("/study-visits/sofia/").content.decode()
    assert "Open leaflet zebra" in html
    assert "Inspection manual zebra" not in html
    client.force_login(approved_member)
    assert "Inspection manual zebra" in client.get("/study-visits/sofia/").content.decode()


def test_unverified_member_is_not_a_member(client, materials):
    user = UserFactory(email="unverified@example.org", verified=False, groups=["Members"])
    Membership.objects.create(user=user, institution=InstitutionFactory(), status="approved")
    client.force_login(user)
    assert client.get(materials["secret_doc"].url).status_code == 403
