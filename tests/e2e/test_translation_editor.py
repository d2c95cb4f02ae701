"""An editor translates a page into Polish in wagtail-localize's editor
(issue #7: "wagtail-localize for editors' translation work")."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_journeys import _log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.portal.test_localize import publish_about_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_editor_translates_a_page_in_the_translation_editor(page, home_page, locales):
    home_page.copy_for_translation(locales["pl"]).save_revision().publish()
    about = publish_about_page(home_page)
    UserFactory(email="translator@example.org", groups=["Editors"])

    _log_in(page, "translator@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/localize/submit/page/{about.pk}/")
    page.get_by_label(re.compile("Polish|polski", re.I)).check()
    page.get_by_role("button", name=re.compile(r"^Submit")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))

    # The React editor lists the page's texts as segments to translate.
    editor = page.locator(".js-translation-editor")
    expect(editor.get_by_text("Who takes part and how to join.")).to_be_visible()
    segments = {
        "About the network": "O sieci współpracy",
        "Who takes part and how to join.": "Kto w niej działa i jak dołączyć.",
    }
    for english, polish in segments.items():
        segment = editor.locator("li").filter(has_text=english).last
        segment.get_by_role("button", name=re.compile(r"^(Translate|Edit)$")).click()
        segment.locator("textarea").fill(polish)
        segment.get_by_role("button", name="Save").click()
        expect(segment.get_by_text(polish)).to_be_visible()

    page.get_by_role("button", name=re.compile(r"^Publish")).first.click()
    page.wait_for_load_state()

    polish_page = about.get_translation(locales["pl"]).specific
    assert polish_page.live
    assert polish_page.title == "O sieci współpracy"
    page.goto(polish_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("O sieci współpracy")
    expect(page.locator("main")).to_contain_text("Kto w niej działa i jak dołączyć.")
