"""A migrant answers a survey in Ukrainian with the keyboard alone (issue #8)."""

import pytest

from resources.models import SurveyResponse
from tests.e2e.conftest import format_violations
from tests.resources.surveys.factories import (
    AGE,
    COMMENT,
    COUNTRY,
    KCIK,
    SECTOR,
    WHERE,
    SurveyIndexPageFactory,
    make_survey,
)

pytestmark = pytest.mark.django_db(transaction=True)

ACTIVE = """() => {
    const el = document.activeElement;
    return {tag: el.tagName, type: el.type || "", name: el.name || "", value: el.value || "",
            text: (el.innerText || "").trim(), lang: el.closest("[lang]").getAttribute("lang")};
}"""


def test_answer_a_survey_in_ukrainian_with_the_keyboard(page, home_page, axe):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page))
    page.goto(survey.url)
    # Choose Ukrainian with the keyboard: its link is written in Ukrainian.
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate(ACTIVE)
        if info["tag"] == "A" and info["text"] == "Українська":
            break
    assert info["lang"] == "uk"
    page.keyboard.press("Enter")
    page.wait_for_url("**?lang=uk")
    assert page.locator(".survey__body").get_attribute("lang") == "uk"
    assert page.get_by_role("heading", level=1).inner_text() == "Знання про допомогу"
    violations = axe(page)
    assert violations == [], format_violations(violations)

    done = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(ACTIVE)
        name = info["name"]
        if name in (COUNTRY, KCIK) and name not in done:
            page.keyboard.press("Space")  # the first option: Ukraine / yes
            done.add(name)
        elif name == WHERE and info["value"] in ("Police", "Friends"):
            page.keyboard.press("Space")
            done.add(info["value"])
        elif name == SECTOR and name not in done:
            page.keyboard.press("ArrowDown")
            done.add(name)
        elif name == AGE and name not in done:
            page.keyboard.type("34")
            done.add(name)
        elif name == COMMENT and name not in done:
            page.keyboard.type("Листівки українською на кордоні.")
            done.add(name)
        elif name == "consent" and name not in done:
            page.keyboard.press("Space")
            done.add(name)
        elif info["tag"] == "BUTTON" and info["text"] == "Надіслати відповіді":
            break
    assert done == {COUNTRY, KCIK, "Police", "Friends", SECTOR, AGE, COMMENT, "consent"}, done
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Щиро дякуємо." in page.locator(".survey__body").inner_text()

    answer = SurveyResponse.objects.get()
    assert answer.language == "uk"
    assert answer.answers[COUNTRY] == "Ukraine"
    assert answer.answers[WHERE] == ["Police", "Friends"]
    assert answer.answers[SECTOR] == "Construction"
    assert answer.answers[AGE] == 34
    assert answer.answers[COMMENT] == "Листівки українською на кордоні."

    # Coming back: already answered, nothing new is stored; narrow screens do not scroll sideways.
    page.set_viewport_size({"width": 320, "height": 720})
    page.goto(survey.url + "?lang=uk")
    assert "Ви вже відповіли" in page.locator(".survey__body").inner_text()
    page.goto(survey.url + "?lang=pl")
    page.goto(survey.url + "?lang=en")
    assert (
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        <= 0
    )
    violations = axe(page)
    assert violations == [], format_violations(violations)
    assert SurveyResponse.objects.count() == 1


def test_the_form_fits_a_narrow_screen(page, home_page):
    survey = make_survey(SurveyIndexPageFactory(parent=home_page), slug="narrow")
    page.set_viewport_size({"width": 320, "height": 720})
    for language in ("uk", "pl"):
        page.goto(f"{survey.url}?lang={language}")
        assert page.locator("form.survey__form").is_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, language
