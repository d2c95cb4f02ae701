"""A translation reaches the public only once a moderator approved it:
it starts as a draft, the translator submits it to the source's workflow,
the moderator compares it with the original and approves it."""

import re

import pytest
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from resources.workflow import ensure_moderation_workflow
from tests.portal.test_localize import publish_about_page, translate_all
from tests.resources.factories import MaterialIndexPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    """A material: publishing it needs a moderator, in every language."""
    index = MaterialIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    page = MaterialPageFactory(
        parent=index,
        title="About the network",
        slug="about-network",
        introduction="Who takes part and how to join.",
    )
    page.save_revision().publish()
    ensure_moderation_workflow(index)
    return page


@pytest.fixture
def standard_page(home_page):
    return publish_about_page(home_page)


@pytest.fixture
def polish_home(home_page, locales):
    home = home_page.copy_for_translation(locales["pl"])
    home.save_revision().publish()
    return home


def _translate(client, page, locales):
    response = client.post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [locales["pl"].pk]}
    )
    assert response.status_code == 302
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["pl"]
    )


def test_the_translate_form_ticks_the_only_language_left(client, editor, about, polish_home):
    client.force_login(editor)
    response = client.get(f"/admin/localize/submit/page/{about.pk}/")
    assert response.status_code == 200
    checkboxes = re.findall(r"<input[^>]*name=\"locales\"[^>]*>", response.content.decode())
    assert len(checkboxes) == 1
    assert "checked" in checkboxes[0]


@pytest.mark.parametrize("kind", ["about", "standard_page"])
def test_a_new_translation_is_a_draft_not_live(request, client, editor, polish_home, locales, kind):
    page = request.getfixturevalue(kind)
    client.force_login(editor)
    _translate(client, page, locales)
    polish = page.get_translation(locales["pl"])
    assert not polish.live
    client.logout()
    assert (
        client.get(f"/pl/{'resources/' if kind == 'about' else ''}{polish.slug}/").status_code
        == 404
    )


def test_submitted_translation_goes_live_only_when_a_moderator_approves(
    client, editor, moderator, about, polish_home, locales, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    translation = _translate(client, about, locales)
    translate_all(translation)
    polish = about.get_translation(locales["pl"])

    editor_page = client.get(f"/admin/pages/{polish.pk}/edit/").content.decode()
    assert "Submit for review (Moderator review)" in editor_page
    response = client.post(f"/admin/translation-review/{translation.pk}/submit/")
    assert response.status_code == 302
    polish = Page.objects.get(pk=polish.pk).specific
    assert polish.workflow_in_progress
    assert not polish.live
    assert polish.get_latest_revision().content["title"] == "PL: About the network"
    # Submitting twice does not start a second review.
    client.post(f"/admin/translation-review/{translation.pk}/submit/")
    assert WorkflowState.objects.filter(object_id=str(polish.pk)).count() == 1

    client.force_login(moderator)
    compare = client.get(f"/admin/translation-review/{translation.pk}/compare/")
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "Who takes part and how to join." in text
    assert "PL: Who takes part and how to join." in text
    editor_view = client.get(f"/admin/pages/{polish.pk}/edit/").content.decode()
    assert "Approve and publish" in editor_view

    task_state = polish.current_workflow_state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/workflow/action/{polish.pk}/approve/{task_state.pk}/", {"comment": ""}
        )
    assert response.status_code == 302
    polish = Page.objects.get(pk=polish.pk).specific
    assert polish.live
    assert polish.title == "PL: About the network"
    client.logout()
    public = client.get(polish.url)
    assert public.status_code == 200
    assert "PL: Who takes part and how to join." in public.content.decode()


def test_an_editor_cannot_publish_synchronised_changes(client, editor, about, polish_home, locales):
    client.force_login(editor)
    translation = _translate(client, about, locales)
    source = TranslationSource.objects.get(pk=translation.source_id)
    form = client.get(f"/admin/localize/update/{source.pk}/").content.decode()
    assert 'name="publish_translations"' not in form
    client.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": "on"})
    assert not about.get_translation(locales["pl"]).live


def test_a_moderator_may_still_publish_synchronised_changes(
    client, moderator, editor, about, polish_home, locales
):
    client.force_login(editor)
    translation = _translate(client, about, locales)
    client.force_login(moderator)
    form = client.get(f"/admin/localize/update/{translation.source_id}/").content.decode()
    assert 'name="publish_translations"' in form


def test_review_views_refuse_strangers(client, member, editor, about, polish_home, locales):
    client.force_login(editor)
    translation = _translate(client, about, locales)
    client.force_login(member)
    assert client.get(f"/admin/translation-review/{translation.pk}/compare/").status_code in (
        302,
        403,
    )
    assert client.post(f"/admin/translation-review/{translation.pk}/submit/").status_code in (
        302,
        403,
    )
    assert not about.get_translation(locales["pl"]).workflow_in_progress
    client.force_login(editor)
    assert client.get("/admin/translation-review/999999/compare/").status_code == 404
    assert client.get(f"/admin/translation-review/{translation.pk}/submit/").status_code == 405
