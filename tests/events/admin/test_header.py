"""The event's admin header: three buttons and a "More" menu that also
offers the attendee downloads (they were reachable only by typing
?export=csv into the address bar)."""

import pytest

from tests.events.admin.conftest import admin_url

pytestmark = pytest.mark.django_db


def test_registrations_header_offers_downloads_in_its_menu(client, event, organiser):
    client.force_login(organiser)
    html = client.get(admin_url("registrations", event.pk)).content.decode()
    assert "More for this event" in html
    assert "Download CSV" in html and "Download XLSX" in html
    assert "export=csv" in html and "export=xlsx" in html
    for label in ("Attendance register", "Reminders", "Certificates", "Import CSV"):
        assert label in html
