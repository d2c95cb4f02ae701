"""The strict Content-Security-Policy (issue #19): public pages run only the
portal's own script and style files; Wagtail's admin keeps what it needs, and
only under /admin/. The browser side (no violation on any page type, the
scripts still work) is tests/e2e/test_content_security_policy.py."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from portal.middleware import ContentSecurityPolicyMiddleware, with_script_nonce

ROOT = Path(settings.BASE_DIR)


def directive(policy, name):
    for part in policy.split(";"):
        words = part.split()
        if words and words[0] == name:
            return words[1:]
    raise AssertionError(f"no {name} in {policy}")


def assert_strict(policy):
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(directive(policy, "script-src")), policy
    assert "'unsafe-inline'" not in directive(policy, "style-src"), policy
    assert "*" not in policy


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/", "/pl/", "/search/?q=x", "/events/", "/directory/", "/resources/", "/no-such-page/"],
)
def test_public_pages_allow_no_inline_script_or_eval(client, home_page, url):
    assert_strict(client.get(url)["Content-Security-Policy"])


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/signup/", "/pl/accounts/login/"])
def test_account_pages_are_strict_too(client, home_page, url):
    assert_strict(client.get(url)["Content-Security-Policy"])


@pytest.mark.django_db
def test_member_pages_are_strict(client, home_page, member):
    client.force_login(member)
    assert_strict(client.get("/account/")["Content-Security-Policy"])
    assert_strict(client.get("/")["Content-Security-Policy"])


@pytest.mark.django_db
def test_only_the_admin_keeps_inline_scripts(client, home_page, superuser):
    client.force_login(superuser)
    policy = client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" in directive(policy, "script-src")
    assert directive(policy, "frame-ancestors") == ["'none'"]
    # A path that merely contains "admin" is not the admin.
    assert_strict(client.get("/search/?q=/admin/")["Content-Security-Policy"])


def _respond_with(template_code):
    template = engines["django"].from_string(template_code)

    def get_response(request):
        return HttpResponse(template.render({}, request))

    return ContentSecurityPolicyMiddleware(get_response)


def test_a_nonce_is_added_only_when_a_template_uses_it(settings):
    settings.CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'"
    request = RequestFactory().get("/")
    plain = _respond_with("<p>no script</p>")(request)
    assert plain["Content-Security-Policy"] == "default-src 'self'; script-src 'self'"

    request = RequestFactory().get("/")
    response = _respond_with('<script nonce="{{ request.csp_nonce }}">go()</script>')(request)
    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert len(nonce) >= 22
    assert directive(response["Content-Security-Policy"], "script-src") == [
        "'self'",
        f"'nonce-{nonce}'",
    ]
    # A new request, a new nonce.
    again = _respond_with('<script nonce="{{ request.csp_nonce }}"></script>')(
        RequestFactory().get("/")
    )
    assert f"'nonce-{nonce}'" not in again["Content-Security-Policy"]


def test_nonce_without_a_script_src_directive():
    assert with_script_nonce("default-src 'self'", "abc") == (
        "default-src 'self'; script-src 'self' 'nonce-abc'"
    )


# What the strict policy would block, looked for in every template a public
# page can render. E-mails are not web pages (mail clients need inline style).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=|<style[\s>]", re.I)


def _public_templates():
    folders = [ROOT / "templates", *sorted(ROOT.glob("*/*/templates"))]
    for folder in folders:
        for path in sorted(folder.rglob("*.html")):
            relative = path.relative_to(folder).as_posix()
            if "/emails/" in f"/{relative}" or "/admin/" in f"/{relative}":
                continue
            text = path.read_text()
            if re.search(r"""\{%\s*extends\s+["']wagtailadmin/""", text):
                continue
            yield path, text


def test_public_templates_have_no_inline_script_handler_or_style():
    problems = []
    templates = list(_public_templates())
    assert len(templates) > 20
    for path, text in templates:
        for name, pattern in (
            ("inline <script>", INLINE_SCRIPT),
            ("on*= handler", EVENT_HANDLER),
            ("javascript: URL", JAVASCRIPT_URL),
            ("inline style", INLINE_STYLE),
        ):
            for match in pattern.finditer(text):
                problems.append(f"{path.relative_to(ROOT)}: {name}: {match.group(0)[:60]}")
    assert problems == []


def test_the_pattern_finds_what_it_looks_for():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert not INLINE_SCRIPT.search('<script src="/static/x.js" defer></script>')
    assert not INLINE_SCRIPT.search('<script type="application/ld+json">{}</script>')
    assert EVENT_HANDLER.search('<button type="button" onclick="go()">')
    assert JAVASCRIPT_URL.search('<a href="javascript:void(0)">')
    assert INLINE_STYLE.search('<div style="color: red">')
