"""Varnish in front of the portal, with the repository's VCL
(deploy/varnish/portal.vcl): it keeps anonymous pages, and the portal's
purges and bans make it serve the fresh page at once after a change.

Without `varnishd` (Debian's varnish package) these tests skip with a
reason; CI sets PORTAL_VARNISH_REQUIRED=1 so that a missing varnishd fails
the run instead."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page

from events import services
from portal.models import SiteSettings
from tests.events.conftest import person
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.varnish

VCL = Path(__file__).resolve().parents[2] / "deploy" / "varnish" / "portal.vcl"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def varnish(live_server, migrated_db, tmp_path, settings):
    varnishd = shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )
    if varnishd is None:
        reason = "varnishd not found: install Debian's varnish package to run the Varnish tests"
        if os.environ.get("PORTAL_VARNISH_REQUIRED"):
            pytest.fail(reason)
        pytest.skip(reason)
    backend_port = urlsplit(live_server.url).port
    vcl = tmp_path / "portal.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";'))
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-n",
            str(tmp_path / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-T",
            "127.0.0.1:0",
            "-f",
            str(vcl),
            "-s",
            "malloc,32m",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if process.poll() is not None:
                pytest.fail(f"varnishd stopped: {process.stdout.read().decode()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        settings.WAGTAILFRONTENDCACHE = {
            "varnish": {"BACKEND": "portal.page_cache.varnish.VarnishBackend", "LOCATION": url}
        }
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def site(home_page):
    SiteSettings.for_site(home_page.get_site())
    return home_page


def send(url, method="GET", headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path or "/", headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()


def fetch(url, cookie=None):
    status, headers, html = send(url, headers={"Cookie": cookie} if cookie else {})
    assert status == 200
    return headers, html


def fetch_twice(url):
    """The second answer comes from Varnish's cache."""
    first, _ = fetch(url)
    assert first["X-Cache"] == "MISS"
    assert first["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    second, html = fetch(url)
    assert second["X-Cache"] == "HIT", second
    assert len(second["X-Varnish"].split()) == 2  # this request's id and the stored object's
    assert int(second["Age"]) >= 0
    assert "X-Cache-Tags" not in second
    return html


def test_published_change_is_served_fresh_by_varnish(varnish, site):
    about = StandardPageFactory(parent=site, title="About the portal", slug="about")
    html = fetch_twice(f"{varnish}/about/")
    assert "About the portal" in html

    page = Page.objects.get(pk=about.pk).specific
    page.title = "About the cooperation"
    page.save_revision().publish()

    headers, html = fetch(f"{varnish}/about/")
    assert headers["X-Cache"] == "MISS"
    assert "About the cooperation" in html and "About the portal" not in html
    assert fetch(f"{varnish}/about/")[0]["X-Cache"] == "HIT"


def test_registration_is_served_fresh_by_varnish(varnish, site):
    about = StandardPageFactory(parent=site, title="About", slug="about")
    index = EventIndexPageFactory(parent=site)
    event = EventPageFactory(parent=index, slug="workshop", capacity=3)
    url = f"{varnish}/events/workshop/"
    html = fetch_twice(url)
    assert '"remainingAttendeeCapacity": 3' in html
    fetch_twice(f"{varnish}/about/")

    services.register(event, person(1))

    headers, html = fetch(url)
    assert headers["X-Cache"] == "MISS"
    assert '"remainingAttendeeCapacity": 2' in html
    assert re.search(r"2 of 3 seats left", html)
    # A page that shows no seats stays in Varnish.
    assert fetch(f"{varnish}/about/")[0]["X-Cache"] == "HIT"
    assert about.pk


def test_session_and_other_cookies_are_passed_to_the_portal(varnish, site):
    StandardPageFactory(parent=site, title="About", slug="about")
    fetch_twice(f"{varnish}/about/")
    for cookie in ("sessionid=abc", "messages=x", "csrftoken=xyz; survey-3=answered"):
        for _ in range(2):
            headers, _ = fetch(f"{varnish}/about/", cookie=cookie)
            assert headers["X-Cache"] == "MISS", cookie
    # The CSRF and language cookies do not keep a visitor from the cache.
    headers, _ = fetch(f"{varnish}/about/", cookie="csrftoken=xyz; django_language=pl")
    assert headers["X-Cache"] == "HIT"


def test_ban_needs_exactly_one_tag(varnish):
    status, _, _ = send(varnish + "/", method="BAN", headers={"X-Cache-Tags": "a b"})
    assert status == 400
    status, _, _ = send(varnish + "/", method="BAN", headers={"X-Cache-Tags": "seats"})
    assert status == 200
