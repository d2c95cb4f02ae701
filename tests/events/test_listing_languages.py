"""The Polish event listing shows events that exist in English only, marked,
instead of hiding them."""

import pytest

from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def test_polish_listing_marks_english_only_events(client, events_index, locales):
    translated = EventPageFactory(parent=events_index, title="Training in Chełm")
    english_only = EventPageFactory(parent=events_index, title="Webinar on labour exploitation")
    polish = translated.copy_for_translation(locales["pl"], copy_parents=True)
    polish.title = "Szkolenie w Chełmie"
    polish.save_revision().publish()
    polish_index = events_index.get_translation(locales["pl"])
    assert polish_index.live

    html = client.get(polish_index.url).content.decode()
    assert "Szkolenie w Chełmie" in html
    assert "Training in Chełm" not in html  # shown once, in Polish
    assert "Webinar on labour exploitation" in html
    assert html.count("Tylko po angielsku") == 1
    assert f'href="{english_only.url}" lang="en"' in html

    english = client.get(events_index.url).content.decode()
    assert "Only in English" not in english and "In English only" not in english
