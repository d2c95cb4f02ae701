"""Editors see missing and stale translations before publishing, and a report
lists them all."""

import pytest
from wagtail_localize.models import TranslationSource

from tests.portal.test_localize import publish_about_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def polish_home(home_page, locales):
    home = home_page.copy_for_translation(locales["pl"])
    home.save_revision().publish()
    return home


def test_the_editor_sees_a_missing_translation_before_publishing(
    client, editor, home_page, polish_home
):
    about = publish_about_page(home_page)
    client.force_login(editor)
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert "Polish</strong>: Not translated" in html
    assert f"/admin/localize/submit/page/{about.pk}/?select_locale=pl" in html


def test_panel_and_report_follow_the_translation(client, editor, home_page, polish_home, locales):
    about = publish_about_page(home_page)
    client.force_login(editor)
    report = client.get("/admin/reports/translations/").content.decode()
    assert "About the network" in report
    assert "Not translated" in report

    polish = about.copy_for_translation(locales["pl"])
    polish.save_revision()
    report = client.get("/admin/reports/translations/?status=draft").content.decode()
    assert "About the network" in report
    assert "Translation not published yet" in report

    polish.save_revision().publish()
    TranslationSource.get_or_create_from_instance(about)
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert "Every translation of this page is published and up to date." in html
    assert "About the network" not in client.get("/admin/reports/translations/").content.decode()

    # The original changes after the translation was made.
    about.refresh_from_db()
    about.introduction = "Who takes part, how to join and whom to ask."
    about.save_revision().publish()
    html = client.get(f"/admin/pages/{about.pk}/edit/").content.decode()
    assert "Translation out of date" in html
    report = client.get("/admin/reports/translations/?status=outdated").content.decode()
    assert "About the network" in report
    assert (
        "About the network"
        not in client.get("/admin/reports/translations/?status=missing").content.decode()
    )


def test_report_is_for_editors_only(client, member, organiser):
    client.force_login(member)
    assert client.get("/admin/reports/translations/").status_code in (302, 403)
    client.force_login(organiser)
    assert client.get("/admin/reports/translations/").status_code in (302, 403)


def test_report_ignores_unknown_filters(client, editor, home_page, polish_home):
    publish_about_page(home_page)
    client.force_login(editor)
    for query in ("?status=%00", "?status=" + "x" * 5000, "?page=abc", "?page=-1"):
        assert client.get("/admin/reports/translations/" + query).status_code == 200
