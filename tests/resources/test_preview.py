"""A study visit with its materials previews for the editor who writes it and
for the moderator who reviews it, before anything is saved or published."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from resources.models import StudyVisitPage
from resources.workflow import ensure_moderation_workflow
from tests.admin_forms import page_edit_data
from tests.resources.factories import MaterialPageFactory, StudyVisitPageFactory, attach_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(materials_index):
    material = MaterialPageFactory(parent=materials_index, title="Referral handbook")
    attach_file(material)
    return material


@pytest.fixture
def visit(visits_index):
    ensure_moderation_workflow(visits_index)
    visit = StudyVisitPageFactory(parent=visits_index, title="Visit to Sofia", live=False)
    visit.save_revision()
    return visit


def with_material(data, material):
    """The form data with the material chosen in a new row of "Materials"."""
    return {
        **data,
        "attached_materials-TOTAL_FORMS": "1",
        "attached_materials-INITIAL_FORMS": "0",
        "attached_materials-0-material": str(material.pk),
        "attached_materials-0-id": "",
        "attached_materials-0-ORDER": "1",
    }


def preview(client, url, data):
    answer = client.post(url, data)
    assert answer.json() == {"is_valid": True, "is_available": True}
    return client.get(url)


def test_editor_previews_a_visit_with_a_material_not_saved_yet(client, editor, visit, material):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[visit.pk])
    response = preview(client, url, with_material(page_edit_data(visit, editor), material))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Visit to Sofia" in html
    assert "Referral handbook" in html
    assert material.url in html


def test_editor_previews_a_new_visit_with_a_material(
    client, editor, visits_index, material, locales
):
    client.force_login(editor)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["resources", "studyvisitpage", visits_index.pk],
    )
    form = StudyVisitPage().get_edit_handler().get_form_class()
    data = {
        "title": "Visit to Vilnius",
        "slug": "vilnius",
        "introduction": "",
        "host_country": "LT",
        "start_date": "2025-05-05",
        "end_date": "2025-05-07",
        "objectives": rich_text(""),
        "body-count": "0",
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
    }
    assert "attached_materials" in form.formsets
    response = preview(client, url, with_material(data, material))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Visit to Vilnius" in html
    assert "Referral handbook" in html


def test_moderator_previews_the_visit_sent_for_review(client, editor, moderator, visit, material):
    client.force_login(editor)
    edit = client.post(
        reverse("wagtailadmin_pages:edit", args=[visit.pk]),
        with_material(page_edit_data(visit, editor), material) | {"action-submit": "1"},
    )
    assert edit.status_code == 302
    visit.refresh_from_db()
    task = visit.current_workflow_task
    assert task is not None

    client.force_login(moderator)
    response = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[visit.pk, task.pk]))
    assert response.status_code == 200
    assert "Referral handbook" in response.content.decode()
    # The moderator's preview opens in a dialog frame of the admin.
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
