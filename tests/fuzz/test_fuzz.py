"""Seeded fuzzing of every public and member GET filter and form (issue #19).

The demo site is crawled as an anonymous visitor, a member and an organiser
who has used two factors; every page's links (their query parameters), GET
filter forms and POST forms (registration, survey, scenario, sign-up, login,
check-in, membership request, outdated-data report, account forms) become
targets, with the filter sets' own parameter names added. Then bad input of
every kind in tests/fuzz/payloads.py goes to them: over-long, NUL and
control characters, invalid UTF-8 (also raw bytes in the query string), lone
surrogates, SQL, HTML and script with a marker tag, full-text syntax, huge,
negative and odd numbers, malformed dates, repeated and unknown parameters,
a thousand parameters, wrong content types, missing or wrong CSRF tokens,
bad path segments.

Every response must be below 500; no HTML response may contain the marker
tag unescaped; a POST without its CSRF token must be refused; and a refused
POST (4xx, or the form shown again with errors) must leave the row counts of
the key models as they were.

`make test` runs FAST_INPUTS in two shards (xdist runs them side by side);
CI (.ci/run) runs FULL_INPUTS with PORTAL_FUZZ_FULL=1 -m fuzz. PORTAL_FUZZ_SEED
replays another seed; a failure prints the request to reproduce it.
"""

import os

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from directory.filters import InstitutionFilter
from directory.models import ContactPerson, DirectoryIndexPage, Institution
from events.filters import EventFilterSet
from events.models import EventIndexPage, EventPage, Registration
from portal.models import User
from resources.filters import MaterialFilter, StudyVisitFilter
from resources.models import MaterialIndexPage, StudyVisitIndexPage
from tests.fuzz.discovery import crawl
from tests.fuzz.runner import Runner
from tests.two_factor import sign_in_with_two_factors

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db(transaction=True)]

FULL = bool(os.environ.get("PORTAL_FUZZ_FULL"))
FAST_INPUTS = 1_000
FULL_INPUTS = 10_200
SHARDS = 4 if FULL else 2
INPUTS_PER_SHARD = (FULL_INPUTS if FULL else FAST_INPUTS) // SHARDS
SEED = int(os.environ.get("PORTAL_FUZZ_SEED", "20261130"))
CRAWL_LIMIT = 90 if FULL else 70
ROLES = ("anonymous", "member", "organiser")

# Rows a refused request must not add or remove.
KEY_MODELS = [
    "portal.User",
    "account.EmailAddress",
    "events.Registration",
    "events.RegistrationMail",
    "events.InvitationCode",
    "directory.Membership",
    "directory.OutdatedReport",
    "directory.Institution",
    "directory.ContactPerson",
    "surveys.SurveyResponse",
    "scenarios.ScenarioAttempt",
    "scenarios.ScenarioChoiceEvent",
    "calendar.CalendarFeedToken",
]
FILTER_SETS = {
    DirectoryIndexPage: InstitutionFilter,
    EventIndexPage: EventFilterSet,
    MaterialIndexPage: MaterialFilter,
    StudyVisitIndexPage: StudyVisitFilter,
}


def _model(label):
    app_label, name = label.split(".")
    for config in apps.get_app_configs():
        if config.label == app_label or config.name.endswith(app_label):
            try:
                return config.get_model(name)
            except LookupError:
                continue
    return None


def key_counts():
    models = [m for m in (_model(label) for label in KEY_MODELS) if m is not None]

    def counts():
        return {m._meta.label: m._default_manager.count() for m in models}

    return counts


def seeds():
    """Where the crawl starts: every live page (the crawl keeps a few of each
    shape), the named routes, and the pages only a personal link opens."""
    urls = ["/", "/pl/"]
    per_type = {}
    for page in Page.objects.live().filter(depth__gt=2).specific().order_by("depth", "path"):
        key = (type(page), page.locale_id)
        if per_type.get(key, 0) < 2 and page.get_url():
            per_type[key] = per_type.get(key, 0) + 1
            urls.append(page.get_url())
    for name in (
        "search",
        "topic_index",
        "my_account",
        "my_data",
        "delete_account",
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email",
        "account_change_password",
        "directory:index",
        "directory:request_membership",
        "directory:export_csv",
        "directory:hsds",
        "events:institution_options",
        "events:calendar:feed",
        "resources:feed",
    ):
        urls.append(reverse(name))
    urls += [f"{reverse('search')}?q=trafficking", "/events/?when=past"]
    for event in EventPage.objects.live().order_by("pk")[:4]:
        urls.append(reverse("events:check_in_list", args=[event.pk]))
        urls.append(f"{event.get_url()}register/")
    for registration in Registration.objects.order_by("pk")[:3]:
        urls.append(registration.get_manage_path())
        urls.append(reverse("events:check_in", kwargs={"token": registration.checkin_token}))
    for institution in Institution.objects.order_by("pk")[:2]:
        urls.append(reverse("directory:institution", args=[institution.slug]))
        urls.append(reverse("directory:report_outdated", args=[institution.slug]))
    for contact in ContactPerson.objects.order_by("pk")[:2]:
        urls.append(reverse("directory:contact", args=[contact.pk]))
    # Shapes seen once are enough: a crawl budget spent on the first pages of
    # a type would never reach the forms behind them.
    return list(dict.fromkeys(urls))


def filter_parameters(site):
    """The filter sets' parameter names, on the list pages they filter."""
    for model, filter_set in FILTER_SETS.items():
        for page in model.objects.live():
            url = page.get_url()
            if url:
                for name in filter_set.base_filters:
                    site.gets[url].setdefault(name, set())


def signed_in(role):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if role == "member":
        client.force_login(User.objects.get(email="member@example.org"))
    elif role == "organiser":
        sign_in_with_two_factors(client, User.objects.get(email="organiser@example.org"))
    return client


def keep_role(role):
    """A POST may sign the anonymous client up (and in): sign it out again; a
    signed-in role that lost its session signs in again."""
    expected = {
        "member": "member@example.org",
        "organiser": "organiser@example.org",
    }.get(role)

    def check(client):
        """True when the session had to be put back."""
        user_id = client.session.get("_auth_user_id")
        if expected is None:
            if user_id:
                client.logout()
            return bool(user_id)
        user = User.objects.filter(pk=user_id).first() if user_id else None
        if user is None or user.email != expected:
            fresh = signed_in(role)
            client.cookies = fresh.cookies
            return True
        return False

    return check


@pytest.fixture
def fuzz_settings(settings):
    # Two factors are required as in production (the organiser has them);
    # the per-client registration limit would answer 429 to most of the
    # fuzz's registrations and hide the form's own checks.
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    settings.EVENTS_REGISTRATION_RATE_LIMITS = {
        **settings.EVENTS_REGISTRATION_RATE_LIMITS,
        "per_client": 0,
    }
    return settings


@pytest.mark.parametrize("shard", range(SHARDS))
def test_bad_input_never_breaks_the_site(demo, fuzz_settings, shard):
    counts = key_counts()
    start = seeds()
    failures = []
    sent = 0
    summary = []
    for index, role in enumerate(ROLES):
        client = signed_in(role)
        site = crawl(client, start, CRAWL_LIMIT)
        filter_parameters(site)
        inputs = INPUTS_PER_SHARD // len(ROLES) + (
            1 if index < INPUTS_PER_SHARD % len(ROLES) else 0
        )
        runner = Runner(
            role,
            client,
            site,
            seed=SEED * 100 + shard * 10 + index,
            counts=counts,
            check_session=keep_role(role),
        )
        failures += runner.run(inputs)
        sent += runner.stats.requests
        summary.append(
            f"{role}: {len(site.gets)} GET targets, {len(site.forms)} forms, "
            f"{runner.stats.requests} requests ({runner.stats.posts} POST), "
            f"statuses {dict(sorted(runner.stats.statuses.items()))}"
        )
    print("\n".join(summary))  # noqa: T201 - shown with -s: what was covered
    assert sent == INPUTS_PER_SHARD
    unique = {(f.role, f.method, f.path, f.detail): f for f in failures}
    assert not unique, f"{len(failures)} failures:\n" + "\n".join(
        str(f) for f in list(unique.values())[:40]
    )
