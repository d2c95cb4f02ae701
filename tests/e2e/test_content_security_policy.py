"""The strict Content-Security-Policy in a real browser (issue #19): every
demo page type loads without a single violation, for an anonymous visitor, a
member and an organiser (who also sees Wagtail's userbar), and the scripts
the pages rely on still work: the directory's short filter URLs, the
institution suggestions on the registration form, "Copy address" for the
calendar feed."""

import re

import pytest

from directory.choices import MembershipStatus
from directory.models import Institution, Membership
from portal.models import User

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = [
    "/",
    "/pl/",
    "/events/",
    "/events/workshop-labour-exploitation/",
    "/events/workshop-labour-exploitation/register/",
    "/directory/",
    "/directory/labour-inspectorate-lublin/",
    "/resources/",
    "/resources/identification-guidelines/",
    "/resources/labour-inspection-manual/",
    "/study-visits/",
    "/study-visits/bulgaria-national-commission-2025/",
    "/scenarios/",
    "/scenarios/first-contact-border/",
    "/surveys/migrants-knowledge-of-support/",
    "/search/?q=trafficking",
    "/topics/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]
ACCOUNT_PAGES = [
    "/account/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/account/delete/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/activate/",
    "/events/webinar-online-recruitment/register/",
]

# Collects violations from inside the page as well as from the console.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Recorder:
    def __init__(self, context):
        self.problems = []
        context.add_init_script(RECORD_VIOLATIONS)
        self.context = context

    def watch(self, page):
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: JS error {error}"))

    def _console(self, page, message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"{page.url}: console: {text[:300]}")

    def collect(self, page):
        for violation in page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{page.url}: {violation}")


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("demo-password-2026")
    page.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, "could not log in"


def _approved_member():
    user = User.objects.get(email="member@example.org")
    institution = Institution.objects.get(slug="la-strada")
    Membership.objects.get_or_create(
        user=user, institution=institution, defaults={"status": MembershipStatus.APPROVED}
    )
    Membership.objects.filter(user=user).update(status=MembershipStatus.APPROVED)


def _visit(browser, live_server, paths, email=None):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    recorder = Recorder(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    recorder.watch(page)
    if email:
        _log_in(page, email)
    for path in paths:
        response = page.goto(path)
        assert response.status == (404 if "no-such-page" in path else 200), (email, path)
        page.wait_for_load_state("load")
        recorder.collect(page)
    return context, page, recorder


def test_no_page_type_breaks_the_policy(browser, live_server, demo_site):
    _approved_member()
    problems = []
    for email, paths in (
        (None, PUBLIC_PAGES),
        ("member@example.org", PUBLIC_PAGES + ACCOUNT_PAGES),
        ("organiser@example.org", PUBLIC_PAGES + ACCOUNT_PAGES),
    ):
        context, page, recorder = _visit(browser, live_server, paths, email)
        if email == "member@example.org":
            # Playing a scenario: its first step is a page of its own.
            page.goto("/scenarios/first-contact-border/")
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state("load")
            assert "/scenarios/first-contact-border/" in page.url
            recorder.collect(page)
        problems += recorder.problems
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_pages_scripts_still_run(browser, live_server, demo_site):
    _approved_member()
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    recorder = Recorder(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    recorder.watch(page)

    # directory/filters.js: fields left at "any" are not sent.
    page.goto("/directory/")
    page.get_by_label("Search", exact=True).fill("lublin")
    page.get_by_role("button", name="Show results").click()
    page.wait_for_url(re.compile(r"/directory/\?q=lublin$"))

    # events/institution-typeahead.js: suggestions from the directory.
    page.goto("/events/workshop-labour-exploitation/register/")
    field = page.locator("[data-institution-search]")
    field.fill("La")
    field.press_sequentially("b", delay=50)
    page.wait_for_function(
        "() => document.querySelectorAll('#institution-options option').length > 0",
        timeout=5_000,
    )

    # events/calendar.js: the copy button shows only when the script ran.
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    _log_in(page, "member@example.org")
    page.goto("/account/")
    if not page.locator("[data-copy-target]").count():
        page.get_by_role("button", name="Create my calendar feed").click()
        page.wait_for_load_state("load")
        page.goto("/account/")
    button = page.locator("[data-copy-target]")
    button.wait_for(state="visible")
    button.click()
    page.wait_for_function("() => document.querySelector('.copy-status').textContent.length > 0")
    recorder.collect(page)
    context.close()
    assert recorder.problems == [], "\n".join(recorder.problems)
