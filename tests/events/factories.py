import datetime

import factory
import wagtail_factories
from django.utils import timezone

from events.choices import RegistrationStatus
from events.models import EventIndexPage, EventPage, Registration
from portal.models import CustomImage
from tests.directory import factories as directory_factories


def in_days(days, hour=10):
    now = timezone.localtime()
    return (now + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


class InstitutionFactory(directory_factories.InstitutionFactory):
    """Events are mostly organised by Border Guard posts in the east."""

    kind = "border_guard"
    region = "lubelskie"
    city = "Chełm"


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Training {n}")
    slug = factory.Sequence(lambda n: f"training-{n}")
    kind = "training"
    start = factory.LazyFunction(lambda: in_days(10, 9))
    end = factory.LazyFunction(lambda: in_days(10, 16))
    venue_name = "Training room"
    venue_city = "Chełm"
    venue_region = "lubelskie"
    capacity = 10


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = None
    status = RegistrationStatus.CONFIRMED
    queue_number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"attendee{n}@example.org")


class EventImageFactory(wagtail_factories.ImageFactory):
    """A picture for an event (the portal's image model)."""

    class Meta:
        model = CustomImage

    title = factory.Sequence(lambda n: f"Event picture {n}")
    alt_text = "A training room"
    file = factory.django.ImageField(width=1600, height=900, color="steelblue")
