import io

import pytest
from django.core.management import call_command

from events.models import EventPage
from tests.events.calendar.conftest import make_event


@pytest.mark.django_db
def test_benchmark_command_reports_and_leaves_no_events(event_index):
    make_event(event_index)
    out = io.StringIO()
    call_command("benchmark_calendar", events=5, repeat=1, stdout=out)
    text = out.getvalue()
    assert "Events in the feed: 5" in text
    assert "Build (cold cache)" in text and "Cached:" in text
    assert "Cached: " in text and "0 SQL queries" in text
    assert EventPage.objects.count() == 1
