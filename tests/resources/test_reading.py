"""A text file of a material reads as a page in its own language; download
counts are for the people who edit the material."""

import pytest
from django.core.files.base import ContentFile

from directory.choices import Visibility
from portal.models import Language
from tests.events.factories import EventImageFactory
from tests.resources.factories import DocumentFactory, MaterialPageFactory, attach_file

pytestmark = pytest.mark.django_db

UKRAINIAN = (
    "Якщо вас змушують працювати без оплати, зверніться по допомогу.\n\n"
    "Гаряча лінія працює цілодобово.\nДзвінок безкоштовний."
)


@pytest.fixture
def leaflet(materials_index):
    material = MaterialPageFactory(parent=materials_index, title="Leaflet for seasonal workers")
    Language.objects.get_or_create(code="uk", defaults={"name": "Ukrainian"})
    text = DocumentFactory(
        title="Листівка для сезонних працівників",
        file=ContentFile(UKRAINIAN.encode(), name="leaflet-uk.txt"),
    )
    attach_file(material, text, language="uk")
    pdf = attach_file(material, language="en")
    material.save_revision().publish()
    return material, material.files.get(document=text), material.files.get(document=pdf)


def test_a_text_file_reads_as_a_page_in_its_language(client, leaflet):
    material, text_file, pdf_file = leaflet
    page = client.get(material.url).content.decode()
    read_url = f"{material.url}read/{text_file.pk}/"
    assert f'href="{read_url}"' in page
    assert f"read/{pdf_file.pk}/" not in page  # a PDF stays a download

    response = client.get(read_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<article class="material-reading" lang="uk">' in html
    assert "<p>Якщо вас змушують працювати без оплати, зверніться по допомогу.</p>" in html
    assert "Гаряча лінія працює цілодобово.<br>Дзвінок безкоштовний." in html
    assert text_file.document.url in html  # the download is still offered


@pytest.mark.parametrize("which", ["pdf", "missing", "other"])
def test_only_readable_files_of_this_material(client, leaflet, materials_index, which):
    material, text_file, pdf_file = leaflet
    other = MaterialPageFactory(parent=materials_index, title="Another")
    file_id = {"pdf": pdf_file.pk, "missing": 999999, "other": text_file.pk}[which]
    page = other if which == "other" else material
    assert client.get(f"{page.url}read/{file_id}/").status_code == 404


def test_members_only_material_keeps_its_rule(client, leaflet, member, approved_member):
    material, text_file, _pdf = leaflet
    material.visibility = Visibility.MEMBERS
    material.save_revision().publish()
    url = f"{material.url}read/{text_file.pk}/"
    assert client.get(url).status_code == 302  # to the login
    client.force_login(approved_member)
    assert client.get(url).status_code == 200


def test_download_counts_are_for_editors(client, leaflet, editor):
    material, _text, _pdf = leaflet
    assert "Downloaded" not in client.get(material.url).content.decode()
    client.force_login(editor)
    assert "Downloaded" in client.get(material.url).content.decode()


def test_file_types_show_as_icons(client, leaflet, materials_index):
    material, _text, _pdf = leaflet
    page = client.get(material.url).content.decode()
    assert 'class="file-type-icon file-type-icon--txt"' in page
    assert 'class="file-type-icon file-type-icon--pdf"' in page
    listing = client.get(materials_index.url).content.decode()
    assert 'class="material-card__thumb"' in listing
    assert "file-type-icon--" in listing


def test_a_material_with_an_image_shows_it_instead_of_the_icon(client, leaflet, materials_index):
    material, _text, _pdf = leaflet
    material.image = EventImageFactory(title="Leaflet cover")
    material.save_revision().publish()
    listing = client.get(materials_index.url).content.decode()
    assert 'class="material-card__image"' in listing
    assert (
        "file-type-icon--"
        not in listing.split('class="material-card__thumb"')[1].split("</div>")[0]
    )
    assert 'class="material__image"' in client.get(material.url).content.decode()
