"""axe-core (WCAG 2.0/2.1 A and AA) and reflow on every public page type,
for an anonymous visitor and for a signed-in member (issue #7).

One test: seeding the demo is the slow part. Every problem is collected
first, so one run reports them all."""

import re

import pytest

from directory.choices import MembershipStatus
from directory.models import Institution, Membership
from events.models import Registration
from portal.models import User
from tests.e2e.conftest import format_violations

pytestmark = pytest.mark.django_db(transaction=True)

ANONYMOUS_PAGES = [
    "/",
    "/pl/",
    "/about/",
    "/search/?q=portal",
    "/events/",
    "/events/?when=past",
    "/pl/wydarzenia/",
    "/events/workshop-labour-exploitation/",
    "/events/study-visit-sofia/",
    "/events/webinar-online-recruitment/register/",
    "/events/workshop-labour-exploitation/register/",
    "{manage}",
    "/resources/",
    "/resources/identification-guidelines/",
    "/resources/labour-inspection-manual/",
    "/study-visits/",
    "/study-visits/bulgaria-national-commission-2025/",
    "/search/?q=trafficking",
    "/topics/",
    "/topics/labour-exploitation/",
    "/accounts/login/",
    "/accounts/signup/",
    "/help/",
    "/pl/help/",
    "/help/uk/",
    "/help/ru/",
    "/directory/",
    "/no-such-page/",
]

# Pages that change for a signed-in member (prefilled forms, members-only
# material, account links).
MEMBER_PAGES = [
    "/",
    "/events/",
    "/events/workshop-labour-exploitation/",
    "/events/webinar-online-recruitment/register/",
    "/resources/",
    "/resources/labour-inspection-manual/",
    "/study-visits/bulgaria-national-commission-2025/",
    "/search/?q=trafficking",
    "/topics/labour-exploitation/",
    "/account/",
]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _manage_path():
    registration = Registration.objects.filter(
        event__slug="workshop-labour-exploitation", status="confirmed"
    ).first()
    return registration.get_manage_path()


def _approved_member():
    """The directory's demo makes member@example.org an approved member of an
    institution; without the directory app's seed this tree does it here so
    that members-only pages are checked as a member sees them."""
    user = User.objects.get(email="member@example.org")
    institution = Institution.objects.get(slug="la-strada")
    Membership.objects.get_or_create(
        user=user, institution=institution, defaults={"status": MembershipStatus.APPROVED}
    )
    Membership.objects.filter(user=user).update(status=MembershipStatus.APPROVED)


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password(?! \(again)")).fill("demo-password-2026")
    page.get_by_role("button", name=re.compile(r"^(log|sign) in$", re.I)).click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, "could not log in"


def _check(context, paths, axe, problems, label, log_in=None):
    page = context.new_page()
    page.set_default_timeout(10_000)
    if log_in:
        _log_in(page, log_in)
    for path in paths:
        response = page.goto(path)
        expected = 404 if "no-such-page" in path else 200
        if response.status != expected:
            problems[f"{label} {path}"] = f"HTTP {response.status}"
            continue
        if axe is not None:
            violations = axe(page)
            if violations:
                problems[f"{label} {path}"] = format_violations(violations)
        else:
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                problems[f"{label} {path}"] = f"scrolls sideways by {overflow}px"
    page.close()


def test_every_page_type_is_accessible_and_reflows(browser, live_server, demo_site, axe):
    manage = _manage_path()
    _approved_member()
    anonymous = [manage if p == "{manage}" else p for p in ANONYMOUS_PAGES]
    problems = {}

    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    _check(context, anonymous, axe, problems, "anonymous")
    context.close()
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    _check(context, MEMBER_PAGES, axe, problems, "member", log_in="member@example.org")
    context.close()

    # WCAG 1.4.10 reflow: a 320px phone, and 200% zoom of a 1280px window
    # (640 CSS pixels at device scale factor 2).
    for label, viewport, scale in (("320px", 320, 1), ("200% zoom", 640, 2)):
        for who, paths, email in (
            ("anonymous", anonymous, None),
            ("member", MEMBER_PAGES, "member@example.org"),
        ):
            context = browser.new_context(
                base_url=live_server.url,
                locale="en-GB",
                viewport={"width": viewport, "height": 800},
                device_scale_factor=scale,
            )
            _check(context, paths, None, problems, f"{label} {who}", log_in=email)
            context.close()

    # The checker itself is live: a picture without alternative text is caught.
    context = browser.new_context()
    page = context.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert "image-alt" in {violation["id"] for violation in axe(page)}
    context.close()

    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
