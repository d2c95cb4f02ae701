"""What the benchmark loads, chosen from the database it runs on."""

import datetime
from urllib.parse import urlencode, urlsplit

from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchmarks.report import PageLine
from directory.choices import MembershipStatus
from directory.models import ContactPerson, Institution, Membership
from events.choices import MailKind, RegistrationStatus
from events.models import EventIndexPage, EventPage, Registration
from portal import roles
from portal.models import Topic
from resources.models import MaterialIndexPage, StudyVisitPage

REGISTRATION_EVENT_SLUG = "benchmark-registrations"
HOST = "127.0.0.1"


def _path(page):
    return urlsplit(page.get_url()).path


def member():
    """A member as most are: verified, approved, and no staff role (staff
    also get Wagtail's user bar on every page)."""
    membership = (
        Membership.objects.filter(
            status=MembershipStatus.APPROVED,
            user__emailaddress__verified=True,
            user__is_active=True,
            user__is_staff=False,
            user__is_superuser=False,
        )
        .exclude(user__groups__name__in=roles.STAFF_ROLES)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if membership is None:
        raise RuntimeError("No verified member with an approved membership in the database.")
    return membership.user


def member_searches():
    """Varied directory searches a member makes, from the data itself."""
    institution = Institution.objects.exclude(city="").order_by("pk").first()
    person = ContactPerson.objects.order_by("pk").first()
    topic = Topic.objects.order_by("pk").first()
    searches = [
        {"q": institution.city.lower()},
        {"q": person.name.split()[-1]} if person else {"q": "unit"},
        {"q": "centre", "kind": institution.kind},
        {"region": institution.region, "focal": "on"} if institution.region else {"focal": "on"},
        {"language": "uk", **({"topic": topic.slug} if topic else {})},
        {"q": institution.city.lower(), "sort": "verified"},
        {"page": "2"},
    ]
    return ["/directory/?" + urlencode(search) for search in searches]


def member_site_searches():
    """Site searches a member makes: words found in the demo's titles and
    texts in both languages, and one found nowhere."""
    words = ["border", "trafficking", "warszawa", "szkolenie", "labour inspection", "xyzzy"]
    return [reverse("search") + "?" + urlencode({"q": word}) for word in words]


def public_pages():
    events = EventIndexPage.objects.live().first()
    upcoming = (
        EventPage.objects.live()
        .public()
        .exclude(slug=REGISTRATION_EVENT_SLUG)
        .filter(start__gte=timezone.now(), locale__language_code="en")
        .order_by("start")
        .first()
    )
    institution = Institution.objects.order_by("pk").first()
    materials = MaterialIndexPage.objects.live().first()
    visit = StudyVisitPage.objects.live().public().order_by("pk").first()
    return [
        PageLine("home", ["/"]),
        PageLine("home, Polish", ["/pl/"]),
        PageLine("events index", [_path(events)]),
        PageLine("event page", [_path(upcoming)]),
        PageLine("directory list", [reverse("directory:index")]),
        PageLine("institution page", [reverse("directory:institution", args=[institution.slug])]),
        PageLine("materials index", [_path(materials)]),
        PageLine("study visit", [_path(visit)]),
        PageLine("site search `?q=border`", [reverse("search") + "?q=border"]),
    ]


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True, HTTP_HOST=HOST)
    if response.status_code != 200:
        raise RuntimeError(f"{path}: HTTP {response.status_code} before the load")
    return len(captured.captured_queries)


def count_queries(line, user, *, member_only=False):
    """SQL queries of each path, in the four columns of the table (see
    PageLine). The caches are emptied before each path, and with them the
    sessions kept there, so the member logs in again after.

    Each path is shown once before it is counted: on a page's first view
    ever, Wagtail makes its images' renditions and keeps them in the
    database (home 19 queries instead of 13, study visit 26 instead of 13,
    on a freshly seeded database), which is not what a visitor's request
    costs."""
    anonymous = anonymous_client()
    for path in line.paths:
        _queries(member_client(user) if member_only else anonymous, path)
        cache.clear()
        member = member_client(user)
        if member_only:
            line.queries_first.append(_queries(member, path))
        else:
            line.queries_first.append(_queries(anonymous, path))
            with override_settings(PORTAL_PAGE_CACHE=False):
                line.queries_uncached.append(_queries(anonymous, path))
        _queries(member, path)
        line.queries_member.append(_queries(member, path))
        line.queries_repeat.append(_queries(member if member_only else anonymous, path))


def anonymous_client():
    return Client()


def member_client(user):
    client = Client()
    client.force_login(user)
    return client


def create_registration_event():
    """An open public event with room for every registration of the run,
    replacing one a crashed run may have left."""
    remove_registration_event()
    index = EventIndexPage.objects.live().filter(locale__language_code="en").first()
    start = timezone.now() + datetime.timedelta(days=60)
    event = index.add_child(
        instance=EventPage(
            title="Benchmark registrations",
            slug=REGISTRATION_EVENT_SLUG,
            start=start,
            end=start + datetime.timedelta(hours=6),
            venue_name="Benchmark room",
            venue_city="Lublin",
            capacity=1_000_000,
            live=True,
        )
    )
    return event, _path(event) + "register/"


def remove_registration_event():
    for event in EventPage.objects.filter(slug=REGISTRATION_EVENT_SLUG):
        event.delete()


def registration_checks(event):
    """(registrations, without their confirmation mail row, overbooked event titles)."""
    registrations = Registration.objects.filter(event=event)
    without_mail = registrations.exclude(mails__kind=MailKind.CONFIRMATION).count()
    overbooked = [
        page.title
        for page in EventPage.objects.filter(capacity__isnull=False)
        if page.registrations.filter(status=RegistrationStatus.CONFIRMED).count() > page.capacity
    ]
    return registrations.count(), without_mail, overbooked
