import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from wagtail.models import Page, Site

from portal.models import SiteSettings, Topic, User


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "topics": sorted(Topic.objects.values_list("slug", "locale__language_code", "name")),
        "users": sorted(User.objects.values_list("email", flat=True)),
        "sites": list(Site.objects.values_list("hostname", "root_page__url_path")),
        "navigation": [
            str(item.value.get("page"))
            for item in SiteSettings.for_site(Site.objects.get()).main_navigation
        ],
    }


# Starts from the demo seeded once for the session (the slowest fixture there
# is), seeds it again and checks everything a newcomer meets first.
@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_gives_a_working_site(capsys, demo):
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first
    assert {"/home/", "/home-pl/"} <= {path for path, _, _ in first["pages"]}

    capsys.readouterr()
    call_command("seed_demo", if_empty=True)
    assert "already loaded" in capsys.readouterr().out

    client = Client()
    for email in (
        "admin@example.org",
        "organiser@example.org",
        "editor@example.org",
        "moderator@example.org",
        "member@example.org",
    ):
        response = client.post(
            "/accounts/login/", {"login": email, "password": "demo-password-2026"}
        )
        assert response.status_code == 302, email
        assert client.session["_auth_user_id"]
        client.post("/accounts/logout/")
    assert User.objects.get(email="editor@example.org").groups.filter(name="Editors").exists()
    assert User.objects.get(email="admin@example.org").is_superuser

    for url in (
        "/",
        "/about/",
        "/privacy-policy/",
        "/accessibility-statement/",
        "/pl/",
        "/pl/o-portalu/",
        "/pl/polityka-prywatnosci/",
        "/pl/deklaracja-dostepnosci/",
        "/topics/",
        "/topics/legal-aid/",
        "/pl/topics/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    # Every link in the main navigation leads somewhere.
    for item in SiteSettings.for_site(Site.objects.get()).main_navigation:
        for language in ("en", "pl"):
            with translation.override(language):
                href = item.value.href()
            assert client.get(href).status_code == 200, href
