"""Editors translate pages with wagtail-localize: the English page is split
into segments, the Polish page is built from the translated segments and
stays in step when the source changes."""

import pytest
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def publish_about_page(home_page):
    page = StandardPageFactory(
        parent=home_page,
        title="About the network",
        slug="about-network",
        introduction="Who takes part and how to join.",
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def about(home_page):
    return publish_about_page(home_page)


@pytest.fixture
def polish_home(home_page, locales):
    home = home_page.copy_for_translation(locales["pl"])
    home.save_revision().publish()
    return home


def translate_all(translation, prefix="PL: "):
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": prefix + segment.string.data},
        )


def test_editor_submits_translates_and_publishes(
    client, editor, about, polish_home, locales, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    listing = client.get(f"/admin/pages/{about.get_parent().id}/")
    assert listing.status_code == 200

    response = client.post(
        f"/admin/localize/submit/page/{about.id}/", {"locales": [locales["pl"].id]}
    )
    assert response.status_code == 302
    polish = about.get_translation(locales["pl"])
    assert response["Location"] == f"/admin/pages/{polish.id}/edit/"

    # The translation opens in wagtail-localize's editor, not the page form.
    editor_page = client.get(f"/admin/pages/{polish.id}/edit/")
    assert editor_page.status_code == 200
    assert 'class="js-translation-editor"' in editor_page.content.decode()

    translation = Translation.objects.get(target_locale=locales["pl"])
    texts = {s.string.data for s in StringSegment.objects.filter(source=translation.source)}
    assert {"About the network", "Who takes part and how to join."} <= texts
    translate_all(translation)
    # wagtail-localize publishes once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=editor, publish=True)

    page = Page.objects.get(id=polish.id).specific
    assert page.live
    assert page.title == "PL: About the network"
    response = client.get(page.url)
    assert response.status_code == 200
    assert "PL: Who takes part and how to join." in response.content.decode()


def test_a_changed_source_updates_the_translation(editor, about, polish_home, locales):
    source, _ = TranslationSource.get_or_create_from_instance(about)
    translation = Translation.objects.create(source=source, target_locale=locales["pl"])
    translate_all(translation)
    translation.save_target(user=editor, publish=True)

    about.introduction = "Who takes part, how to join and whom to ask."
    about.save_revision().publish()
    source.update_from_db()
    # The new sentence is a new segment waiting for a translation; the title
    # keeps the one it had.
    untranslated = [
        s.string.data
        for s in StringSegment.objects.filter(source=source)
        if not StringTranslation.objects.filter(
            translation_of=s.string, locale=locales["pl"]
        ).exists()
    ]
    assert untranslated == ["Who takes part, how to join and whom to ask."]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("editor", True), ("moderator", True), ("organiser", False), ("member", False)],
)
def test_who_may_submit_translations(request, role, allowed):
    user = request.getfixturevalue(role)
    assert user.has_perm("wagtail_localize.submit_translation") is allowed
