"""The development server (runserver, DEBUG) serves uploaded images and
static files, never a document or a file outside their folders, and answers
404, not a server error, to any spelling of a path."""

import wsgiref.util

import pytest
from django.core.management import get_commands, load_command_class
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

from portal.urls import development_urlpatterns
from portal.urls import urlpatterns as portal_urlpatterns

# The URLs as runserver has them (DEBUG); the tests run with DEBUG off.
urlpatterns = development_urlpatterns + portal_urlpatterns

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

SECRET = b"%PDF-1.7 members-only manual"
IMAGE = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"

REFUSED = [
    "/media/documents/manual.pdf",
    "/media//documents/manual.pdf",
    "/media///documents/manual.pdf",
    "/media/./documents/manual.pdf",
    "/media/Documents/manual.pdf",
    "/media/images/../documents/manual.pdf",
    "/media/images/%2e%2e/documents/manual.pdf",
    "/media/images/%2E%2E/documents/manual.pdf",
    "/media/images/..%2fdocuments/manual.pdf",
    "/media/images/..%2Fdocuments%2Fmanual.pdf",
    "/media/%2e%2e/portal/settings/base.py",
    "/media/..%2f..%2fportal/settings/base.py",
    "/media/images/..%5c..%5cdocuments%5cmanual.pdf",
    "/media/%252e%252e/documents/manual.pdf",
    "/media/images/%00.png",
    "/media/images/a.gif%00.pdf",
    "/media/documents/photo.png",
    "/media/images/inside-documents.png",
    "/media/images/page.html",
    "/media/images/drawing.svg",
    "/media/images/archive.png.gz",
    "/media/",
    "/media/" + "a" * 5000,
    "/media/images/" + "a" * 300 + ".png",
    "/media/" + "a/" * 2500 + "x.png",
    "/media/images/%ff%fe.png",
    "/media/images/%ed%a0%80.png",
]


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    (root / "documents").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "documents" / "manual.pdf").write_bytes(SECRET)
    (root / "documents" / "photo.png").write_bytes(IMAGE)
    (root / "images" / "photo.gif").write_bytes(IMAGE)
    (root / "images" / "page.html").write_bytes(b"<script>alert(1)</script>")
    (root / "images" / "drawing.svg").write_bytes(b"<svg onload='alert(1)'/>")
    (root / "images" / "inside-documents.png").symlink_to(root / "documents" / "photo.png")
    settings.MEDIA_ROOT = root
    settings.DEBUG = True
    return root


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def test_images_are_served(client, media):
    response = client.get("/media/images/photo.gif")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == IMAGE
    assert response["Content-Type"] == "image/gif"


@pytest.mark.parametrize("url", REFUSED)
def test_documents_and_other_paths_are_not_found(client, media, url):
    response = client.get(url)
    assert response.status_code == 404
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert SECRET not in body


def runserver_application():
    """The WSGI application `manage.py runserver` serves, with its options."""
    command = load_command_class(get_commands()["runserver"], "runserver")
    options = vars(command.create_parser("manage.py", "runserver").parse_args([]))
    return command.get_handler(**options)


def wsgi_get(application, path):
    environ = RequestFactory().get(path).environ
    wsgiref.util.setup_testing_defaults(environ)
    status = []
    # As the test client does: the test's database connection stays open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = application(environ, lambda s, headers, exc_info=None: status.append(s))
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(status[0].split()[0]), body


@pytest.mark.parametrize(
    "path",
    [
        "/static/..%2f..%2fsettings.py",
        "/static/..%2f..%2fportal/settings/base.py",
        "/static/%2e%2e/%2e%2e/manage.py",
        "/static/../../manage.py",
        "/static/" + "a" * 5000 + ".css",
        "/static/css/%00.css",
        "/static/missing.css",
    ],
)
def test_development_static_files_refuse_strange_paths(media, path):
    status, body = wsgi_get(runserver_application(), path)
    assert status == 404
    assert b"SECRET_KEY" not in body and b"DJANGO_SETTINGS_MODULE" not in body


def test_development_static_files_are_served(media):
    status, body = wsgi_get(runserver_application(), "/static/css/portal.css")
    assert status == 200
    assert body
