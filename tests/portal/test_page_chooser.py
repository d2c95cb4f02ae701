"""Choosing a material opens the chooser in the materials section of the
editor's language, not at the root of both language trees."""

import pytest

from tests.resources.factories import MaterialIndexPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


def test_material_chooser_starts_in_the_materials_section(client, editor, home_page, locales):
    index = MaterialIndexPageFactory(parent=home_page)
    MaterialPageFactory(parent=index, title="Guide for labour inspectors")
    MaterialPageFactory(parent=index, title="Leaflet for seasonal workers")
    polish_home = home_page.copy_for_translation(locales["pl"])
    polish_home.save_revision().publish()
    polish_index = index.copy_for_translation(locales["pl"])
    polish_index.save_revision().publish()
    MaterialPageFactory(parent=polish_index, title="Ulotka dla pracowników sezonowych")

    client.force_login(editor)
    response = client.get("/admin/choose-page/", {"page_type": "resources.materialpage"})
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Guide for labour inspectors" in html
    assert "Leaflet for seasonal workers" in html
    assert "Ulotka" not in html

    polish = client.get(
        "/admin/choose-page/", {"page_type": "resources.materialpage", "locale": "pl"}
    ).json()["html"]
    assert "Ulotka dla pracowników sezonowych" in polish


def test_chooser_keeps_wagtails_rules(client, editor, member, home_page):
    client.force_login(editor)
    assert client.get("/admin/choose-page/", {"page_type": "no.suchmodel"}).status_code == 404
    # Without a page type it starts at the root as before.
    assert client.get("/admin/choose-page/").status_code == 200
    client.force_login(member)
    assert client.get("/admin/choose-page/").status_code in (302, 403)
    client.logout()
    assert client.get("/admin/choose-page/").status_code == 302
