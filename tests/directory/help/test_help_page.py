"""The public "Get help now" page in English, Polish, Ukrainian and Russian."""

import datetime
import re

import pytest

from directory.choices import HelpDays, Visibility
from portal.models import Language
from tests.directory.factories import InstitutionFactory


@pytest.fixture
def channels(home_page):
    ukrainian, _ = Language.objects.get_or_create(code="uk")
    polish, _ = Language.objects.get_or_create(code="pl")
    hotline = InstitutionFactory(
        name="Trafficking Hotline Foundation",
        name_pl="Fundacja Telefon Zaufania",
        hotline="+48 22 000 00 20",
        description="Advice for people forced to work.",
        description_pl="Porady dla osób zmuszanych do pracy.",
        description_uk="Консультації для людей, яких змушують працювати.",
        description_ru="Консультации для людей, которых заставляют работать.",
        languages=[ukrainian, polish],
    )
    desk = InstitutionFactory(
        name="Labour Advice Line",
        phone="+48 22 000 17 00",
        help_days=HelpDays.WEEKDAYS,
        help_opens=datetime.time(9),
        help_closes=datetime.time(15),
        description="Rights at work.",
    )
    hidden = InstitutionFactory(
        name="Members Only Hotline",
        hotline="+48 22 999 99 99",
        hotline_visibility=Visibility.MEMBERS,
    )
    no_help = InstitutionFactory(name="Ministry Without Helpline", phone="+48 22 111 11 11")
    return hotline, desk, hidden, no_help


ENGLISH_TEXTS = [
    "Get help now",
    "Tap a number to call",
    "In danger right now?",
    "Call 112",
    "Hotlines open day and night",
    "Help desks and advice lines",
    "Opening hours",
    "Languages spoken",
    "Open 24 hours",
    "Monday to Friday",
    "Where",
    "checked by its moderators",
]


def main(html):
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("url", "lang", "heading", "hours", "spoken", "description"),
    [
        (
            "/help/",
            "en",
            "Get help now",
            "Open 24 hours, every day",
            "Polish, Ukrainian",
            "Advice for people forced to work.",
        ),
        (
            "/pl/help/",
            "pl",
            "Uzyskaj pomoc",
            "Całą dobę, codziennie",
            "polski, ukraiński",
            "Porady dla osób zmuszanych do pracy.",
        ),
        (
            "/help/uk/",
            "uk",
            "Отримати допомогу",
            "Цілодобово, щодня",
            "польська, українська",
            "Консультації для людей, яких змушують працювати.",
        ),
        (
            "/help/ru/",
            "ru",
            "Получить помощь",
            "Круглосуточно, ежедневно",
            "польский, украинский",
            "Консультации для людей, которых заставляют работать.",
        ),
    ],
)
def test_help_page_in_four_languages(
    client, channels, url, lang, heading, hours, spoken, description
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    content = main(html)
    assert f"<h1>{heading}</h1>" in content
    assert 'href="tel:+48220000020"' in content
    assert 'href="tel:112"' in content
    assert hours in content
    assert spoken in content
    assert description in content
    # The help desk, with its hours on the 24-hour clock.
    assert 'href="tel:+48220001700"' in content
    assert "09:00–15:00" in content
    # Members-only hotlines and institutions without a help channel are not listed.
    assert "Members Only Hotline" not in content
    assert "+48 22 999 99 99" not in html
    assert "Ministry Without Helpline" not in content
    # Every language version is one tap away.
    if lang != "en":
        # Nothing of the page's own text is left in English.
        for english in ENGLISH_TEXTS:
            assert english not in content, english
    prefix = "/pl" if url.startswith("/pl/") else ""
    for version in ("/help/", "/pl/help/", f"{prefix}/help/uk/", f"{prefix}/help/ru/"):
        assert f'href="{version}"' in content


def test_ukrainian_page_keeps_site_chrome_in_english_and_says_so(client, channels):
    html = client.get("/help/uk/").content.decode()
    assert '<header class="site-header" lang="en">' in html
    assert '<footer class="site-footer" lang="en">' in html
    # A name with no Ukrainian variant is shown in English, marked as such.
    assert '<h3 lang="en">Trafficking Hotline Foundation</h3>' in html
    # The Ukrainian description needs no mark; the desk's English one does.
    assert '<p lang="en">Rights at work.</p>' in html
    assert re.search(r"<p>Консультації для людей", html)


def test_polish_chrome_stays_for_ukrainian_page_under_polish_prefix(client, channels):
    html = client.get("/pl/help/uk/").content.decode()
    assert '<html lang="uk">' in html
    assert '<header class="site-header" lang="pl">' in html
    assert "Отримати допомогу" in html
    assert 'href="/pl/help/"' in html


def test_english_page_has_no_extra_lang_marks(client, channels):
    html = client.get("/help/").content.decode()
    assert '<header class="site-header">' in html
    assert '<h3 lang="en">' not in html


def test_other_languages_are_not_served(client, channels):
    assert client.get("/help/de/").status_code == 404


def test_header_and_home_lead_to_help(client, channels):
    html = client.get("/").content.decode()
    assert 'class="site-header__help" href="/help/"' in html
    polish = client.get("/pl/").content.decode()
    assert 'class="site-header__help" href="/pl/help/"' in polish


def test_help_page_queries_do_not_grow(client, channels, django_assert_max_num_queries, settings):
    settings.PORTAL_PAGE_CACHE = False  # the cost of rendering, not of a cache hit
    for number in range(5):
        InstitutionFactory(name=f"Extra hotline {number}", hotline=f"+48 22 000 10 0{number}")
    with django_assert_max_num_queries(12):
        client.get("/help/uk/")
