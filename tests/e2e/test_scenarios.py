"""Playing the demo training scenario with the keyboard alone, on a desktop
and on a 320 px phone."""

from resources.models import ScenarioAttempt
from tests.e2e.conftest import format_violations

SCENARIO = "/scenarios/first-contact-border/"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
GOOD_PATH = [
    "Check the documents one by one and invite the young man to the office for a routine talk",
    "Arrange an interpreter into Ukrainian before you go further",
    "Explain calmly what help is available, that it is free and voluntary, and ask what he wants",
    "With his consent, call your unit's trafficking coordinator and the National Intervention "
    "and Consultation Centre for a safe place to stay",
]


def tab_to(page, text, limit=80):
    """Tab forward until the focused element reads `text`, then press Enter."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.innerText || ''").strip()
        if focused == text:
            with page.expect_navigation():
                page.keyboard.press("Enter")
            return
    raise AssertionError(f"Could not reach “{text}” with Tab")


def heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def assert_accessible(page, axe):
    violations = axe(page)
    assert violations == [], format_violations(violations)


def test_keyboard_journey_through_the_demo_scenario(page, demo_site, axe):
    page.goto(SCENARIO)
    assert heading(page) == "First contact at the border: labour exploitation"
    assert_accessible(page, axe)
    tab_to(page, "Start the scenario")
    assert heading(page) == "A minibus at the checkpoint"
    assert page.locator(".scenario__media img").get_attribute("alt")
    assert_accessible(page, axe)

    for index, choice in enumerate(GOOD_PATH):
        tab_to(page, choice)
        assert heading(page) == "Feedback on your choice"
        assert "Good way to act" in page.locator("main").inner_text()
        if index == 0:
            assert_accessible(page, axe)
        tab_to(page, "Continue")

    assert heading(page) == "Referred to assistance"
    main = page.locator("main").inner_text()
    assert "Your score: 10" in main
    assert "The way you took" in main
    assert "Guidelines on identifying victims of trafficking" in main  # related material
    assert_accessible(page, axe)
    attempt = ScenarioAttempt.objects.filter(user=None, finished_at__isnull=False).latest("pk")
    assert attempt.ending == "referred" and attempt.score == 10

    # The list of scenarios, the Polish scenario and the training that requires it.
    for path in (
        "/scenarios/",
        "/pl/scenariusze/pierwszy-kontakt-na-granicy/",
        "/events/training-chelm/",
    ):
        page.goto(path)
        assert_accessible(page, axe)
    assert "Before attending" in page.locator("main").inner_text()


def test_the_scenario_fits_a_320px_phone(browser, live_server, demo_site):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, locale="en-GB"
    )
    phone = context.new_page()
    try:
        phone.goto(SCENARIO)
        assert phone.evaluate(OVERFLOW) <= 0
        phone.get_by_role("button", name="Start the scenario").click()
        assert phone.evaluate(OVERFLOW) <= 0  # a step with an image and long choices
        phone.get_by_role("button", name=GOOD_PATH[0]).click()
        assert phone.evaluate(OVERFLOW) <= 0  # feedback
        phone.get_by_role("link", name="Continue").click()
        phone.get_by_role("button", name="Go back one step").click()
        assert heading(phone) == "A minibus at the checkpoint"
        phone.get_by_role(
            "button", name="The documents are valid: stamp them and let the minibus go"
        ).click()
        phone.get_by_role("link", name="Continue").click()
        assert heading(phone) == "The minibus drives on"
        assert phone.evaluate(OVERFLOW) <= 0  # an ending
    finally:
        context.close()
