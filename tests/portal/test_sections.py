"""Apps add sections to the home, topic, search, account and institution pages
through hooks; one collector gathers them, in hook order, skipping empty ones."""

from wagtail import hooks

from portal import sections
from tests.factories import TopicFactory


def test_collect_keeps_hook_order_passes_arguments_and_drops_empty_sections():
    def second(request, topic):
        return {"template": "second.html", "topic": topic}

    def empty(request, topic):
        return None

    def first(request, topic):
        return {"template": "first.html", "topic": topic}

    with (
        hooks.register_temporarily("portal_example_sections", second, order=20),
        hooks.register_temporarily("portal_example_sections", empty, order=15),
        hooks.register_temporarily("portal_example_sections", first, order=10),
    ):
        collected = sections.collect("portal_example_sections", "request", "topic")
    assert collected == [
        {"template": "first.html", "topic": "topic"},
        {"template": "second.html", "topic": "topic"},
    ]


def test_topic_page_with_no_sections_says_nothing_is_published(client, home_page):
    topic = TopicFactory(slug="forced-begging", name="Forced begging")

    def nothing(request, topic):
        return None

    with hooks.register_temporarily("portal_topic_sections", nothing):
        response = client.get(f"/topics/{topic.slug}/")
    assert response.status_code == 200
    assert "Nothing has been published on this topic yet." in response.content.decode()
