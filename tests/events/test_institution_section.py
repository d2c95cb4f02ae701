import pytest

from tests.events.factories import EventPageFactory, InstitutionFactory, in_days


@pytest.mark.django_db
def test_institution_page_lists_the_upcoming_public_events_it_organises(client, events_index):
    institution = InstitutionFactory(name="Nadbużański Border Guard Regional Unit")
    upcoming = EventPageFactory(parent=events_index, title="Training in Chełm")
    upcoming.organisers.set([institution])
    upcoming.save_revision().publish()
    past = EventPageFactory(
        parent=events_index,
        title="Last year's training",
        start=in_days(-30, 9),
        end=in_days(-30, 16),
    )
    past.organisers.set([institution])
    past.save_revision().publish()
    members_only = EventPageFactory(parent=events_index, title="Closed meeting", audience="members")
    members_only.organisers.set([institution])
    members_only.save_revision().publish()
    other = EventPageFactory(parent=events_index, title="Someone else's workshop")

    html = client.get(institution.get_absolute_url()).content.decode()
    assert "Upcoming events" in html
    assert "Training in Chełm" in html
    assert upcoming.url in html
    assert "Last year&#x27;s training" not in html and "Last year's training" not in html
    assert "Closed meeting" not in html
    assert other.title not in html


@pytest.mark.django_db
def test_institution_without_events_shows_no_empty_section(client, events_index):
    institution = InstitutionFactory()
    html = client.get(institution.get_absolute_url()).content.decode()
    assert "Upcoming events" not in html
