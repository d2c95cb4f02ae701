"""A Polish page shows Polish topic names, though wagtail-localize copies the
source's (English) topics onto the translation."""

import pytest
from wagtail_localize.models import Translation, TranslationSource

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import TopicFactory
from tests.portal.test_localize import translate_all
from tests.resources.factories import MaterialIndexPageFactory, MaterialPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(home_page, locales):
    polish_home = home_page.copy_for_translation(locales["pl"])
    polish_home.save_revision().publish()
    english = TopicFactory(
        name="Labour exploitation", slug="labour-exploitation", locale=locales["en"]
    )
    polish = english.copy_for_translation(locales["pl"])
    polish.name = "Wyzysk pracy"
    polish.save()
    return english, polish


def _translate(page, locales, django_capture_on_commit_callbacks):
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales["pl"])
    translate_all(translation)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locales["pl"]).specific


@pytest.mark.parametrize("kind", ["material", "event"])
def test_polish_page_names_its_topics_in_polish(
    client, home_page, topics, locales, django_capture_on_commit_callbacks, kind
):
    english_topic, _polish_topic = topics
    if kind == "material":
        index = MaterialIndexPageFactory(parent=home_page)
        page = MaterialPageFactory(parent=index, title="Guide")
    else:
        index = EventIndexPageFactory(parent=home_page)
        page = EventPageFactory(parent=index, title="Training")
    index.save_revision().publish()
    page.topics.add(english_topic)
    page.save_revision().publish()
    polish = _translate(page, locales, django_capture_on_commit_callbacks)

    html = client.get(polish.url).content.decode()
    assert "Wyzysk pracy" in html
    assert "Labour exploitation" not in html
    assert "Labour exploitation" in client.get(page.url).content.decode()
