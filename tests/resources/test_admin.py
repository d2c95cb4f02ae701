import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from resources.models import MaterialPage
from tests.factories import TopicFactory
from tests.resources.factories import DocumentFactory

pytestmark = pytest.mark.django_db


def test_editors_get_the_page_forms(client, superuser, materials_index, visits_index, locales):
    TopicFactory(name="English topic", locale=locales["en"])
    TopicFactory(name="Polish topic", locale=locales["pl"])
    client.force_login(superuser)
    material_form = client.get(f"/admin/pages/add/resources/materialpage/{materials_index.pk}/")
    assert material_form.status_code == 200
    html = material_form.content.decode()
    assert "English topic" in html
    assert "Polish topic" not in html  # topics of the page's own language
    visit_form = client.get(f"/admin/pages/add/resources/studyvisitpage/{visits_index.pk}/")
    assert visit_form.status_code == 200
    assert "Related event" in visit_form.content.decode()


def test_material_needs_a_file_or_a_link(client, superuser, materials_index):
    client.force_login(superuser)
    url = f"/admin/pages/add/resources/materialpage/{materials_index.pk}/"
    data = nested_form_data(
        {
            "title": "Leaflet",
            "slug": "leaflet",
            "introduction": "Short.",
            "material_type": "leaflet",
            "audience": "everyone",
            "publication_date": "2025-01-01",
            "visibility": "public",
            "external_url": "",
            "description": rich_text(""),
            "files": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Attach at least one file or give an external link." in response.content.decode()
    assert not MaterialPage.objects.filter(slug="leaflet").exists()
    data["external_url"] = "https://example.org/leaflet"
    response = client.post(url, data)
    assert response.status_code == 302
    assert MaterialPage.objects.filter(slug="leaflet").exists()


def test_a_material_with_a_file_needs_no_link(client, superuser, materials_index, locales):
    client.force_login(superuser)
    url = f"/admin/pages/add/resources/materialpage/{materials_index.pk}/"
    document = DocumentFactory()
    data = nested_form_data(
        {
            "title": "Leaflet",
            "slug": "leaflet",
            "introduction": "Short.",
            "material_type": "leaflet",
            "audience": "everyone",
            "publication_date": "2025-01-01",
            "visibility": "public",
            "external_url": "",
            "description": rich_text(""),
            "files": inline_formset([{"document": document.pk, "language": "en", "label": ""}]),
            "comments": inline_formset([]),
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    material = MaterialPage.objects.get(slug="leaflet")
    assert [file.document for file in material.files.all()] == [document]
