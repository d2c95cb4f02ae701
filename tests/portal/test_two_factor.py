"""Two factors wherever attendee, member or respondent data is, whatever the
URL: every view of the project that handles such data is marked, and a
marked view lets a signed-in user in only after a code from an
authenticator app, even without the admin's middleware in front of it."""

import pytest
from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.sessions.backends.db import SessionStore
from django.urls import URLResolver, get_resolver

from directory.choices import MembershipStatus
from events import services
from portal.two_factor import is_marked
from tests.directory.factories import InstitutionFactory, MembershipFactory
from tests.events import conftest as events_fixtures
from tests.events.conftest import person
from tests.factories import UserFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario
from tests.resources.surveys.factories import COMMENT, SurveyIndexPageFactory, make_survey
from tests.two_factor import sign_in_with_two_factors

pytestmark = pytest.mark.django_db

# Packages whose every view handles attendee, member or respondent data, and
# words in a URL that say so: a new view there cannot forget the rule.
SENSITIVE_MODULES = (
    "events.admin",
    "resources.surveys.admin_views",
    "resources.scenarios.admin_views",
    "directory.exchange.admin_views",
    "directory.admin_views",
)
SENSITIVE_WORDS = (
    "check-in",
    "registrations",
    "survey-results",
    "analytics",
    "directory_membership",
)
ADMIN_MIDDLEWARE = "portal.middleware.AdminRequiresTwoFactorMiddleware"

# The events' fixtures: an event the organiser manages.
events_index = events_fixtures.events_index
event = events_fixtures.event


def url_patterns(patterns=None, prefix=""):
    """(route, pattern) of every URL the project answers, includes followed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from url_patterns(pattern.url_patterns, route)
        else:
            yield route, pattern


def view_module(callback):
    view_class = getattr(callback, "view_class", None)
    return (view_class or callback).__module__


def marked_routes():
    return [(route, pattern) for route, pattern in url_patterns() if is_marked(pattern.callback)]


def test_every_view_with_attendee_member_or_respondent_data_is_marked():
    forgotten = [
        route
        for route, pattern in url_patterns()
        if (
            view_module(pattern.callback).startswith(SENSITIVE_MODULES)
            or any(word in route for word in SENSITIVE_WORDS)
        )
        and not is_marked(pattern.callback)
    ]
    assert forgotten == []
    routes = [route for route, _pattern in marked_routes()]
    assert "events/<id:event_id>/check-in/" in routes
    assert "events/check-in/<str:token>/" in routes


@pytest.fixture
def data(event, home_page, superuser):
    """One of everything a marked URL can name, keyed by the URL's argument."""
    registration = services.register(event, person(1)).registration
    survey = make_survey(SurveyIndexPageFactory(parent=home_page))
    scenario = make_scenario(ScenarioIndexPageFactory(parent=home_page))
    membership = MembershipFactory(
        user=UserFactory(), institution=InstitutionFactory(), status=MembershipStatus.REQUESTED
    )
    return {
        "event_id": event.pk,
        "survey_id": survey.pk,
        "page_id": scenario.pk,
        "token": registration.checkin_token,
        "question": COMMENT,
        "pk": {
            "registration": registration.pk,
            **dict.fromkeys(
                ["decide", "edit", "delete", "history", "history_results", "usage"], membership.pk
            ),
        },
    }


def url_for(route, pattern, data):
    url = "/" + route
    for name in pattern.pattern.converters:
        value = data[name]
        if isinstance(value, dict):
            value = value[pattern.name]
        url = url.replace(f"<{type_of(pattern, name)}:{name}>", str(value))
    return url


def type_of(pattern, name):
    route = str(pattern.pattern)
    return route.split(f":{name}>")[0].rsplit("<", 1)[1]


@pytest.fixture
def two_factors_required(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    # Without the admin's middleware: the views must stand on their own.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != ADMIN_MIDDLEWARE]


@pytest.mark.parametrize("who", ["organiser", "superuser"])
def test_marked_views_send_a_user_without_an_authenticator_to_set_one_up(
    client, data, two_factors_required, request, who
):
    client.force_login(request.getfixturevalue(who))
    for route, pattern in marked_routes():
        url = url_for(route, pattern, data)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 403), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/accounts/2fa/totp/activate/"), url


def test_an_authenticator_not_used_in_this_session_asks_for_a_code(
    client, data, two_factors_required, superuser
):
    Authenticator.objects.create(user=superuser, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(superuser)
    for route, pattern in marked_routes():
        url = url_for(route, pattern, data)
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/2fa/reauthenticate/"), url


def test_marked_views_open_after_a_code_from_the_app(client, data, two_factors_required, superuser):
    sign_in_with_two_factors(client, superuser)
    for route, pattern in marked_routes():
        url = url_for(route, pattern, data)
        assert client.get(url).status_code == 200, url


def test_check_in_list_under_production_rule(client, data, event, organiser, settings):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    url = f"/events/{event.pk}/check-in/"
    client.force_login(organiser)
    response = client.get(url)
    assert response.status_code == 302
    assert b"person1" not in response.content
    response = client.post(url, {"registration": "1"})
    assert response.status_code == 302
    assert not event.registrations_queryset().attended().exists()

    sign_in_with_two_factors(client, organiser)
    response = client.get(url)
    assert response.status_code == 200
    assert b"Person 1" in response.content or b"person1" in response.content


def test_activating_an_authenticator_counts_as_using_it(rf, user):
    request = rf.get("/")
    request.user = user
    request.session = SessionStore()
    authenticator = Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "x"}
    )
    authenticator_added.send(
        sender=Authenticator, request=request, user=user, authenticator=authenticator
    )
    records = get_authentication_records(request, user)
    assert [record["method"] for record in records] == ["mfa"]


def test_a_code_from_the_app_leads_back_to_the_check_in_list(client, event, organiser, settings):
    settings.PORTAL_REQUIRE_MFA_FOR_ADMIN = True
    secret = generate_totp_secret()
    TOTP.activate(organiser, secret)
    client.force_login(organiser)  # as if the session were older than the app
    url = f"/events/{event.pk}/check-in/"
    asked = client.get(url)["Location"]
    assert asked.startswith("/accounts/2fa/reauthenticate/")

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(asked, {"code": code})
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200
