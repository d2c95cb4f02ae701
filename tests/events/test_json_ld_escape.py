"""The event's structured data sits in a <script> block (issue #19): a title
with "</script>" or "<!--" must neither end it early nor swallow the page."""

import json
import re

import pytest

from tests.events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

TITLE = "Talk </script><script>alert(1)</script> <!--<script> & more"


def test_event_json_ld_cannot_break_out_of_its_script_block(client, events_index):
    event = EventPageFactory(parent=events_index, title=TITLE, slug="hostile-title")
    content = client.get(event.url).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    assert "<" not in block.group(1)
    assert json.loads(block.group(1))["name"] == TITLE
    assert "<script>alert(1)" not in content
