"""The public side on a phone (issue #16): help in at most two taps in four
languages, the header menu by keyboard, results before filters, the
newcomer's way from sign-up to an approved membership, axe on the new pages,
and an event page printed without the site's chrome.

At 375 px (a phone) and 1280 px (a laptop). Seeding the demo is the slow
part, so each test walks a whole journey."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from directory.models import Membership
from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
WIDTHS = [pytest.param(PHONE, id="375px"), pytest.param(LAPTOP, id="1280px")]

# Each language's heading on the help page, and the name of its switch link.
HELP_LANGUAGES = {
    "en": ("Get help now", "English"),
    "pl": ("Uzyskaj pomoc", "Polski"),
    "uk": ("Отримати допомогу", "Українська"),
    "ru": ("Получить помощь", "Русский"),
}


def _context(browser, live_server, viewport, **extra):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport=viewport, **extra
    )
    context.set_default_timeout(10_000)
    return context


def _hotline_in_view(page, language, heading):
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    call = page.locator("main .help-list a[href^='tel:']").first
    expect(call).to_be_visible()
    assert re.fullmatch(r"tel:\+\d+", call.get_attribute("href"))


@pytest.mark.parametrize("viewport", WIDTHS)
def test_a_hotline_in_at_most_two_taps_in_each_language(browser, live_server, demo_site, viewport):
    context = _context(browser, live_server, viewport)
    page = context.new_page()
    for language, (heading, name) in HELP_LANGUAGES.items():
        # From the header: "Get help now", then the page's own language switch.
        page.goto("/")
        taps = 0
        page.get_by_role("banner").get_by_role("link", name="Get help now").click()
        taps += 1
        if language != "en":
            page.get_by_role("navigation", name="Language of this page").get_by_role(
                "link", name=name
            ).click()
            taps += 1
        _hotline_in_view(page, language, heading)
        assert taps <= 2
        # From the home page's help panel: one tap, each link in its language.
        page.goto("/")
        page.locator(f".help-home a[lang='{language}']").click()
        _hotline_in_view(page, language, heading)
    context.close()


def test_menu_opens_and_closes_with_the_keyboard_on_a_phone(browser, live_server, demo_site):
    context = _context(browser, live_server, PHONE)
    page = context.new_page()
    page.goto("/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('header-toggle--menu')"):
            break
    else:
        pytest.fail("Tab never reached the menu button")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert page.evaluate("document.getElementById('site-menu').contains(document.activeElement)")
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('site-menu').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('header-toggle--menu')")

    # Search sits behind its own labelled button; only one button is named "Search...".
    search_button = page.get_by_role("button", name="Show the search box")
    search_button.click()
    expect(search_button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("searchbox", name="Search the portal")).to_be_focused()
    names = page.locator("button").evaluate_all(
        "(bs) => bs.map((b) => b.innerText.trim() || b.getAttribute('aria-label'))"
    )
    assert names.count("Search") == 0
    context.close()


def test_menu_is_reachable_without_javascript_and_inline_on_a_laptop(
    browser, live_server, demo_site
):
    context = _context(browser, live_server, PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("navigation", name="Main").get_by_role("link").first).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search the portal")).to_be_visible()
    expect(page.locator(".header-toggle--menu")).to_be_hidden()
    # The help page needs no JavaScript either: language switch and tap-to-call work.
    page.get_by_role("banner").get_by_role("link", name="Get help now").click()
    page.get_by_role("navigation", name="Language of this page").get_by_role(
        "link", name="Русский"
    ).click()
    _hotline_in_view(page, "ru", HELP_LANGUAGES["ru"][0])
    context.close()

    context = _context(browser, live_server, LAPTOP)
    page = context.new_page()
    page.goto("/")
    expect(page.locator(".header-toggle--menu")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link").first).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 130, header
    # The placeholder is not cut: the field is wide enough for it.
    fits = page.evaluate(
        "(() => { const f = document.getElementById('site-search-q');"
        " const c = document.createElement('canvas').getContext('2d');"
        " c.font = getComputedStyle(f).font;"
        " return c.measureText(f.placeholder).width < f.clientWidth; })()"
    )
    assert fits
    context.close()


LISTINGS = ["/directory/", "/events/", "/resources/"]


def test_results_come_before_filters_on_a_phone(browser, live_server, demo_site):
    context = _context(browser, live_server, PHONE)
    page = context.new_page()
    for path in LISTINGS:
        page.goto(path)
        first_result = page.locator(".listing-results li, .listing-results .card").first
        panel = page.locator("details.filters-panel")
        expect(panel).not_to_have_attribute("open", "")
        assert first_result.bounding_box()["y"] < panel.bounding_box()["y"], path
        assert first_result.bounding_box()["y"] < 740 * 2, path
        # The filters open from their summary.
        panel.locator("summary").click()
        expect(panel.locator("form")).to_be_visible()
    page.goto("/directory/?hotline=on&kind=ngo")
    expect(page.locator("details.filters-panel summary")).to_contain_text("2 active")
    expect(page.locator(".filters-jump")).to_contain_text("2 active")
    context.close()

    context = _context(browser, live_server, LAPTOP)
    page = context.new_page()
    for path in LISTINGS:
        page.goto(path)
        panel = page.locator("details.filters-panel")
        expect(panel.locator("form")).to_be_visible()
        results = page.locator(".listing-results").bounding_box()
        assert panel.bounding_box()["x"] < results["x"], path
    context.close()


def test_newcomer_signs_up_asks_to_join_waits_and_is_approved(browser, live_server, demo_site):
    mail.outbox.clear()
    context = _context(browser, live_server, PHONE)
    page = context.new_page()
    # A members-only training says what is needed instead of offering "Register".
    page.goto("/events/training-chelm/")
    notice = page.locator(".members-required")
    expect(notice).to_contain_text("for members")
    expect(page.get_by_role("link", name="Register", exact=True)).to_have_count(0)
    notice.get_by_role("link", name="Sign up").click()

    expect(page.locator("main")).to_contain_text("What an account gives you")
    expect(page.locator("main")).to_contain_text("approves the request")
    page.get_by_label("First name").fill("Olena")
    page.get_by_label("Last name").fill("Kowal")
    page.get_by_label("Email").fill("olena.kowal@example.org")
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("a-long-Passphrase-2026")
    page.get_by_label(re.compile(r"Password \(again\)|Confirm password|Repeat password")).fill(
        "a-long-Passphrase-2026"
    )
    page.get_by_role("button", name=re.compile(r"^sign up$", re.I)).click()
    page.wait_for_load_state()
    message = next(m for m in mail.outbox if m.to == ["olena.kowal@example.org"])
    confirm = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", confirm))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        page.get_by_label("Email").fill("olena.kowal@example.org")
        page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("a-long-Passphrase-2026")
        page.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
        page.wait_for_load_state()

    # Signed in, not a member yet: the institution page offers to join it.
    page.goto("/directory/lublin-migrant-help-desk/")
    page.get_by_role("link", name="Request membership of this institution").click()
    page.get_by_label("Position").fill("Caseworker")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/account/")
    account = page.locator("main")
    expect(account).to_contain_text("Pending")
    expect(account).not_to_contain_text("Requested requested")

    # Pending everywhere until decided: the institution page and the event.
    page.goto("/directory/lublin-migrant-help-desk/")
    expect(page.locator(".directory-notice")).to_contain_text("is pending")
    expect(page.get_by_role("link", name="Request membership of this institution")).to_have_count(0)
    page.goto("/events/training-chelm/")
    expect(page.locator(".members-required")).to_contain_text("is pending")

    # A moderator approves it in the admin, as the app does.
    membership = Membership.objects.get(user__email="olena.kowal@example.org")
    moderator = _context(browser, live_server, LAPTOP).new_page()
    moderator.goto("/accounts/login/")
    moderator.get_by_label("Email").fill("moderator@example.org")
    moderator.get_by_label(re.compile(r"^Password(?! \(again)")).fill("demo-password-2026")
    moderator.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
    moderator.wait_for_load_state()
    moderator.goto(f"/admin/directory_membership/decide/{membership.pk}/")
    moderator.get_by_role("button", name="Approve").click()
    moderator.wait_for_load_state()
    membership.refresh_from_db()
    assert membership.is_approved
    moderator.context.close()

    page.goto("/account/")
    expect(page.locator("main")).to_contain_text("Approved")
    page.goto("/events/training-chelm/")
    expect(page.locator(".members-required")).to_have_count(0)
    context.close()


NEW_PAGES = [
    "/help/",
    "/pl/help/",
    "/help/uk/",
    "/help/ru/",
    "/pl/help/uk/",
    "/",
    "/directory/",
    "/directory/?hotline=on&kind=ngo",
    "/directory/kcik/",
    "/events/",
    "/events/training-chelm/",
    "/events/training-chelm/register/",
    "/resources/",
    "/accounts/signup/",
]


@pytest.mark.parametrize("viewport", WIDTHS)
def test_axe_finds_nothing_on_the_new_pages(browser, live_server, demo_site, axe, viewport):
    context = _context(browser, live_server, viewport)
    page = context.new_page()
    problems = {}
    for path in NEW_PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        violations = axe(page)
        if violations:
            problems[path] = format_violations(violations)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            problems[f"{path} overflow"] = f"scrolls sideways by {overflow}px"
    if viewport is PHONE:
        # With the menu open, too.
        page.goto("/")
        page.get_by_role("button", name="Menu").click()
        violations = axe(page)
        if violations:
            problems["/ with the menu open"] = format_violations(violations)
    context.close()
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_event_page_prints_without_navigation(browser, live_server, demo_site, tmp_path):
    context = _context(browser, live_server, LAPTOP)
    page = context.new_page()
    page.goto("/events/workshop-labour-exploitation/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".breadcrumbs", "nav"):
        for element in page.locator(selector).all():
            expect(element).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.screenshot(path=str(tmp_path / "event-print.png"), full_page=True)
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    context.close()
