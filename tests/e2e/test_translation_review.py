"""In Chromium: an editor translates a material and submits the translation,
a moderator compares and approves it, and only then is the Polish page public;
a visitor on an untranslated page is told so by the language switcher; the
missing-translations report leads to the Translate form."""

import re

import pytest
from playwright.sync_api import expect

from resources.workflow import ensure_moderation_workflow
from tests.e2e.test_journeys import _log_in
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.portal.test_localize import publish_about_page
from tests.resources.factories import MaterialIndexPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def polish_home(home_page, locales):
    home = home_page.copy_for_translation(locales["pl"])
    home.save_revision().publish()
    return home


@pytest.fixture
def material(home_page):
    index = MaterialIndexPageFactory(parent=home_page)
    index.save_revision().publish()
    page = MaterialPageFactory(
        parent=index,
        title="Guide for labour inspectors",
        slug="guide-labour-inspectors",
        introduction="How to recognise forced labour.",
    )
    page.save_revision().publish()
    ensure_moderation_workflow(index)
    return page


def _log_out(page):
    page.context.clear_cookies()


def test_translation_goes_live_only_after_the_moderator_approves(
    page, polish_home, material, locales
):
    UserFactory(email="translator@example.org", groups=["Editors"])
    UserFactory(email="reviewer@example.org", groups=["Moderators"])

    _log_in(page, "translator@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{material.pk}/edit/")
    # The editor is told the page has no Polish version and offered to make one.
    panel = page.get_by_role("status").filter(has_text="Not translated")
    expect(panel).to_contain_text("Polish")
    panel.get_by_role("link", name="Translate").click()
    # Polish, the only language left, is already ticked.
    expect(page.get_by_label(re.compile("Polish|polski", re.I))).to_be_checked()
    page.get_by_role("button", name=re.compile(r"^Submit")).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))

    editor = page.locator(".js-translation-editor")
    segments = {
        "Guide for labour inspectors": "Poradnik dla inspektorów pracy",
        "How to recognise forced labour.": "Jak rozpoznać pracę przymusową.",
    }
    for english, polish in segments.items():
        segment = editor.locator("li").filter(has_text=english).last
        segment.get_by_role("button", name=re.compile(r"^(Translate|Edit)$")).click()
        segment.locator("textarea").fill(polish)
        segment.get_by_role("button", name="Save").click()
        expect(segment.get_by_text(polish)).to_be_visible()

    page.get_by_role("button", name="Submit for review (Moderator review)").click()
    expect(page.get_by_text("It goes live once approved.")).to_be_visible()
    polish_page = material.get_translation(locales["pl"]).specific
    assert not polish_page.live

    _log_out(page)
    assert page.goto("/pl/resources/guide-labour-inspectors/").status == 404

    _log_in(page, "reviewer@example.org", DEFAULT_PASSWORD)
    page.goto(f"/admin/pages/{polish_page.pk}/edit/")
    page.get_by_role("link", name="Compare with the original").click()
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="How to recognise forced labour.")
    expect(row).to_contain_text("Jak rozpoznać pracę przymusową.")
    page.get_by_role("link", name="Back to the translation").click()
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_load_state()

    polish_page.refresh_from_db()
    assert polish_page.live
    _log_out(page)
    page.goto(polish_page.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Poradnik dla inspektorów pracy")


def test_switcher_on_an_untranslated_page_offers_the_original(page, home_page, polish_home):
    about = publish_about_page(home_page)
    page.goto(about.url)
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name=re.compile("Polski")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ta strona nie jest jeszcze dostępna w Twoim języku"
    )
    page.get_by_role("link", name=re.compile("About the network")).click()
    expect(page).to_have_url(re.compile(re.escape(about.url) + "$"))


def test_missing_translations_report_leads_to_the_translate_form(page, home_page, polish_home):
    about = publish_about_page(home_page)
    UserFactory(email="translator@example.org", groups=["Editors"])
    _log_in(page, "translator@example.org", DEFAULT_PASSWORD)
    page.goto("/admin/reports/translations/")
    page.get_by_label("Show").select_option("missing")
    page.get_by_role("button", name="Apply").click()
    row = page.get_by_role("row").filter(has_text="About the network")
    expect(row).to_contain_text("Not translated")
    row.get_by_role("link", name="Translate").click()
    expect(page).to_have_url(re.compile(f"/admin/localize/submit/page/{about.pk}/"))
    expect(page.get_by_label(re.compile("Polish|polski", re.I))).to_be_checked()
