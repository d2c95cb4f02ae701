"""Editors preview every kind of page, in both languages, inside the editor.

The preview goes the way the admin's live preview panel takes it: the edit
form's data is posted to the preview address, then the preview is fetched
from it. The pages are the demo's, the most realistic content there is.
"""

import logging

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import Page, get_page_models

from events.models import EventPage
from tests.admin_forms import page_edit_data, page_form_errors

PAGE_TYPES = sorted(
    (model for model in get_page_models() if model is not Page),
    key=lambda model: model._meta.label,
)


def preview(client, page, data, mode=None):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    answer = client.post(url, data)
    assert answer.status_code == 200
    assert answer.json()["is_valid"], page_form_errors(page, data, answer.wsgi_request.user)
    return client.get(url, {"mode": mode} if mode is not None else {})


@pytest.fixture
def admin(demo, django_user_model):
    return django_user_model.objects.get(email="admin@example.org")


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_type_previews_in_both_languages(client, admin, caplog, model, language):
    pages = model.objects.filter(locale__language_code=language).order_by("path")
    assert pages.exists(), f"the demo has no {model._meta.label} in {language}"
    client.force_login(admin)
    caplog.set_level(logging.ERROR)
    for page in pages:
        for mode, _label in page.preview_modes:
            response = preview(client, page, page_edit_data(page, admin), mode)
            assert response.status_code == 200, (page.url_path, mode)
            assert response["Content-Type"].startswith("text/html")
            # The home page shows its hero title instead of its title.
            title = getattr(page, "hero_title", "") or page.title
            assert escape(title) in response.content.decode(), (page.url_path, mode)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def framing(response):
    policy = response["Content-Security-Policy"]
    ancestors = [d.strip() for d in policy.split(";") if d.strip().startswith("frame-ancestors")]
    assert len(ancestors) == 1, policy
    assert "default-src 'self'" in policy  # the rest of the policy stays
    return response["X-Frame-Options"], ancestors[0]


@pytest.mark.django_db
def test_only_previews_may_be_framed_and_only_by_the_site(client, home_page, superuser):
    client.force_login(superuser)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[home_page.pk])
    preview_response = preview(client, home_page, page_edit_data(home_page, superuser))
    assert preview_response.status_code == 200
    assert framing(preview_response) == ("SAMEORIGIN", "frame-ancestors 'self'")

    draft = client.get(reverse("wagtailadmin_pages:view_draft", args=[home_page.pk]))
    assert framing(draft) == ("SAMEORIGIN", "frame-ancestors 'self'")

    # While the form has errors the panel shows "preview not available".
    client.delete(url)
    client.post(url, {**page_edit_data(home_page, superuser), "slug": "not a slug!"})
    unavailable = client.get(url)
    assert "Preview not available" in unavailable.content.decode()
    assert framing(unavailable) == ("SAMEORIGIN", "frame-ancestors 'self'")

    for other in (
        "/",
        "/search/?q=x",
        "/no-such-page/",
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
    ):
        assert framing(client.get(other)) == ("DENY", "frame-ancestors 'none'"), other
    client.logout()
    assert framing(client.get("/")) == ("DENY", "frame-ancestors 'none'")


@pytest.mark.django_db
def test_the_admin_asks_no_one_outside_for_avatars(client, home_page, superuser):
    client.force_login(superuser)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[home_page.pk]),
        reverse("wagtailadmin_account"),
    ):
        html = client.get(url).content.decode()
        assert "gravatar" not in html.lower(), url
        assert "default-user-avatar" in html, url


def test_an_event_previews_its_registration_form(client, admin):
    # The demo's first event is over: registration is closed, yet the
    # organiser sees the form.
    event = EventPage.objects.filter(locale__language_code="en").order_by("path").first()
    client.force_login(admin)
    assert [mode for mode, _label in event.preview_modes] == ["", "register"]
    html = preview(client, event, page_edit_data(event, admin), "register").content.decode()
    assert 'name="email"' in html
    assert '<button type="submit" disabled>' in html  # registering needs the live page
