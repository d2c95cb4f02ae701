"""Editors submit materials and study visits for review; moderators publish."""

import datetime

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from resources.models import StudyVisitPage
from resources.workflow import ensure_moderation_workflow
from tests.factories import StandardPageFactory
from tests.resources.factories import StudyVisitPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_visit(visits_index):
    ensure_moderation_workflow(visits_index)
    visit = StudyVisitPageFactory(
        parent=visits_index, slug="sofia", title="Visit to Sofia", live=False
    )
    visit.save_revision()
    return visit


def edit_data(page, **extra):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "host_country": page.host_country,
        "start_date": page.start_date.isoformat(),
        "end_date": page.end_date.isoformat(),
        "objectives": rich_text("<p>Learn how referral works.</p>"),
        "body-count": "0",
        "attached_materials-TOTAL_FORMS": "0",
        "attached_materials-INITIAL_FORMS": "0",
        "attached_materials-MIN_NUM_FORMS": "0",
        "attached_materials-MAX_NUM_FORMS": "1000",
        "authors-TOTAL_FORMS": "0",
        "authors-INITIAL_FORMS": "0",
        "authors-MIN_NUM_FORMS": "0",
        "authors-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return data


def test_editor_cannot_publish_without_review(client, editor, draft_visit):
    client.force_login(editor)
    edit_url = f"/admin/pages/{draft_visit.pk}/edit/"
    page = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in page
    assert 'name="action-submit"' in page
    client.post(edit_url, edit_data(draft_visit, **{"action-publish": "1"}))
    assert not Page.objects.get(pk=draft_visit.pk).live


def test_editor_cannot_create_a_published_visit(client, editor, visits_index):
    ensure_moderation_workflow(visits_index)
    client.force_login(editor)
    page = client.get(
        f"/admin/pages/add/resources/studyvisitpage/{visits_index.pk}/"
    ).content.decode()
    assert 'name="action-publish"' not in page
    new = StudyVisitPage(
        title="New",
        slug="new",
        host_country="BG",
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 1, 2),
    )
    client.post(
        f"/admin/pages/add/resources/studyvisitpage/{visits_index.pk}/",
        edit_data(new, **{"action-publish": "1"}),
    )
    created = StudyVisitPage.objects.filter(slug="new").first()
    assert created is None or not created.live


def test_editor_submits_and_moderator_approves(client, editor, moderator, draft_visit):
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{draft_visit.pk}/edit/",
        edit_data(draft_visit, title="Visit to Sofia, April 2025", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    page = Page.objects.get(pk=draft_visit.pk)
    assert page.workflow_in_progress
    assert not page.live

    client.force_login(moderator)
    edit_page = client.get(f"/admin/pages/{draft_visit.pk}/edit/").content.decode()
    assert 'name="action-publish"' in edit_page
    task_state = page.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{draft_visit.pk}/approve/{task_state.pk}/",
        {"comment": "Looks good"},
    )
    assert response.status_code in (200, 302)
    page = Page.objects.get(pk=draft_visit.pk)
    assert page.live
    assert page.title == "Visit to Sofia, April 2025"


def test_moderator_can_publish_directly(client, moderator, draft_visit):
    client.force_login(moderator)
    client.post(
        f"/admin/pages/{draft_visit.pk}/edit/",
        edit_data(draft_visit, **{"action-publish": "1"}),
    )
    assert Page.objects.get(pk=draft_visit.pk).live


def test_editor_can_schedule_through_review(client, editor, moderator, draft_visit):
    go_live = (datetime.datetime.now() + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    client.force_login(editor)
    client.post(
        f"/admin/pages/{draft_visit.pk}/edit/",
        edit_data(draft_visit, go_live_at=go_live, **{"action-submit": "1"}),
    )
    page = Page.objects.get(pk=draft_visit.pk)
    assert page.workflow_in_progress
    client.force_login(moderator)
    client.post(
        f"/admin/pages/workflow/action/{draft_visit.pk}/approve/{page.current_workflow_task_state.pk}/",
        {"comment": ""},
    )
    page = Page.objects.get(pk=draft_visit.pk)
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None


def test_workflow_setup_is_idempotent(visits_index):
    first = ensure_moderation_workflow(visits_index)
    second = ensure_moderation_workflow(visits_index)
    assert first.pk == second.pk
    assert first.workflow_tasks.count() == 1
    assert visits_index.get_workflow() == first


def test_editors_still_publish_other_pages_directly(home_page, editor, draft_visit):
    # The review requirement is specific to materials and study visits:
    # the same editor may publish a standard page (portal/roles.py).

    standard = StandardPageFactory(parent=home_page)
    assert standard.permissions_for_user(editor).can_publish()
    assert not draft_visit.permissions_for_user(editor).can_publish()
    assert not draft_visit.get_parent().specific.permissions_for_user(editor).can_publish_subpage()
