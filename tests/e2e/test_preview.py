"""The editor's live preview panel shows the page being edited, a study visit
with its material included, without a console or server error."""

import pytest
from playwright.sync_api import expect

from resources.workflow import ensure_moderation_workflow
from tests.e2e.test_journeys import _log_in
from tests.factories import DEFAULT_PASSWORD
from tests.resources.factories import (
    MaterialIndexPageFactory,
    MaterialPageFactory,
    StudyVisitIndexPageFactory,
    StudyVisitPageFactory,
    attach_file,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_sees_a_study_visit_with_its_material_in_the_preview_panel(
    page, home_page, superuser
):
    material = MaterialPageFactory(
        parent=MaterialIndexPageFactory(parent=home_page), title="Referral handbook"
    )
    attach_file(material)
    visits = StudyVisitIndexPageFactory(parent=home_page)
    ensure_moderation_workflow(visits)
    visit = StudyVisitPageFactory(parent=visits, title="Visit to Sofia")
    visit.attached_materials.create(material=material, sort_order=0)
    visit.save_revision().publish()

    problems = []

    def console_error(message):
        if message.type == "error":
            problems.append(message.text)

    def server_error(response):
        if response.status >= 500:
            problems.append(f"{response.status} {response.url}")

    page.on("console", console_error)
    page.on("response", server_error)
    _log_in(page, superuser.email, DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{visit.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Visit to Sofia")
    expect(preview.get_by_role("link", name="Referral handbook").first).to_be_visible()
    assert problems == []
