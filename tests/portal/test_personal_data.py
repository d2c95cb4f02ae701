"""My data: the JSON download and deleting one's account (GDPR art. 15, 17, 20)."""

import datetime
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from directory.models import Membership, OutdatedReport
from events.choices import RegistrationStatus
from events.models import CalendarFeedToken, EventQuestion, Registration
from portal import personal_data
from portal.models import User
from portal.personal_data import CannotErase, erase
from resources.models import ScenarioAttempt, SurveyResponse
from tests.directory.factories import ContactPersonFactory, InstitutionFactory, MembershipFactory
from tests.events.factories import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.resources.scenarios.factories import ScenarioIndexPageFactory, make_scenario
from tests.resources.surveys.factories import COUNTRY, SurveyIndexPageFactory, make_survey

pytestmark = [pytest.mark.django_db, pytest.mark.database]

TOTP_SECRET = "JBSWY3DPEHPK3PXPTOTPSECRET"
RECOVERY_SEED = "recovery-seed-do-not-export"


def give_data(user, *, event, scenario, survey, institution, label):
    """One row of every kind for `user`, each carrying `label` to tell users apart."""
    MembershipFactory(user=user, institution=institution, position=f"{label} inspector")
    OutdatedReport.objects.create(
        institution=institution, reported_by=user, message=f"{label}: the hotline changed"
    )
    registration = RegistrationFactory(
        event=event,
        user=user,
        name=f"{label} Attendee",
        email=user.email,
        position=f"{label} officer",
        answers={"q1": f"{label} answer"},
    )
    CalendarFeedToken.objects.create(user=user)
    ScenarioAttempt.objects.create(
        scenario=scenario,
        user=user,
        finished_at=timezone.now(),
        ending="good",
        ending_title=f"{label} ending",
        score=7,
    )
    SurveyResponse.objects.create(
        survey=survey, language="en", answers={COUNTRY: f"{label} country"}, respondent=user
    )
    return registration


@pytest.fixture
def world(home_page):
    event = EventPageFactory(
        parent=EventIndexPageFactory(parent=home_page), title="Border training"
    )
    EventQuestion.objects.create(event=event, key="q1", label="Which shift do you work?")
    scenario = make_scenario(ScenarioIndexPageFactory(parent=home_page))
    survey = make_survey(SurveyIndexPageFactory(parent=home_page), record_respondent=True)
    institution = InstitutionFactory(name="Border Guard Post in Chełm")
    ContactPersonFactory(institution=institution, name="Contact Person", email="cp@example.org")
    anna = UserFactory(email="anna@example.org", first_name="Anna", last_name="Nowak")
    other = UserFactory(email="other@example.org", first_name="Olga", last_name="Other")
    kinds = {"event": event, "scenario": scenario, "survey": survey, "institution": institution}
    give_data(anna, label="Anna", **kinds)
    give_data(other, label="Olga", **kinds)
    Authenticator.objects.create(
        user=anna, type=Authenticator.Type.TOTP, data={"secret": TOTP_SECRET}
    )
    Authenticator.objects.create(
        user=anna, type=Authenticator.Type.RECOVERY_CODES, data={"seed": RECOVERY_SEED}
    )
    return {"anna": anna, "other": other, **kinds}


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("my_data"))
    assert response.status_code == 200
    return response


def test_export_holds_each_apps_data_of_the_user_only(client, world):
    response = download(client, world["anna"])
    data = json.loads(response.content)
    assert data["account"]["email"] == "anna@example.org"
    assert data["account"]["first_name"] == "Anna"
    assert data["account"]["email_addresses"] == [
        {"email": "anna@example.org", "primary": True, "verified": True}
    ]
    assert data["account"]["two_factor_methods"] == ["recovery_codes", "totp"]
    directory = data["directory"]["data"]
    assert directory["memberships"][0]["institution"] == "Border Guard Post in Chełm"
    assert directory["memberships"][0]["position"] == "Anna inspector"
    assert directory["outdated_reports"][0]["message"] == "Anna: the hotline changed"
    assert "note" in directory
    events = data["events"]["data"]
    (registration,) = events["registrations"]
    assert registration["event"] == "Border training"
    assert registration["name"] == "Anna Attendee"
    assert registration["answers"] == {"Which shift do you work?": "Anna answer"}
    assert events["personal_calendar_feed"] is True
    resources = data["resources"]["data"]
    assert resources["scenario_attempts"][0]["ending"] == "Anna ending"
    assert resources["scenario_attempts"][0]["score"] == 7
    (answer,) = resources["survey_answers"]
    assert answer["survey"] == "Knowledge of help"
    assert answer["answers"] == {"Which country are you from?": "Anna country"}
    text = response.content.decode()
    assert "Olga" not in text and "other@example.org" not in text
    # Institution contact records are not account data.
    assert "Contact Person" not in text and "cp@example.org" not in text


def test_export_holds_no_secrets(client, world):
    anna = world["anna"]
    text = download(client, anna).content.decode()
    registration = Registration.objects.get(user=anna)
    for secret in (
        anna.password,
        anna.calendar_feed_token.token,
        registration.manage_token,
        registration.checkin_token,
        TOTP_SECRET,
        RECOVERY_SEED,
        DEFAULT_PASSWORD,
    ):
        assert secret not in text


def test_download_is_a_private_attachment(client, world):
    response = download(client, world["anna"])
    assert response["Content-Type"].startswith("application/json")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="my-data-{today}.json"'
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["my_data", "delete_account"])
def test_anonymous_visitors_are_sent_to_log_in(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client.post(reverse(name)).status_code == 302


def test_my_account_links_to_download_and_delete(client, home_page):
    client.force_login(UserFactory())
    page = client.get(reverse("my_account")).content.decode()
    assert reverse("my_data") in page
    assert reverse("delete_account") in page


def test_export_queries_do_not_grow_per_registration(client, world, django_assert_max_num_queries):
    anna = world["anna"]
    parent = world["event"].get_parent()

    def add_registrations(count):
        for _ in range(count):
            event = EventPageFactory(parent=parent)
            EventQuestion.objects.create(event=event, key="q1", label="Shift")
            RegistrationFactory(event=event, user=anna, email=anna.email)

    add_registrations(1)
    client.force_login(anna)
    with django_assert_max_num_queries(30) as small:
        client.get(reverse("my_data"))
    add_registrations(18)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("my_data"))
    assert len(json.loads(response.content)["events"]["data"]["registrations"]) == 20


def test_delete_page_explains_and_asks_for_the_password(client, world):
    client.force_login(world["anna"])
    response = client.get(reverse("delete_account"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "What stays" in page
    assert 'type="password"' in page
    assert 'type="submit"' in page


def test_wrong_password_deletes_nothing(client, world):
    anna = world["anna"]
    client.force_login(anna)
    response = client.post(reverse("delete_account"), {"password": "not-my-password"})
    assert response.status_code == 400
    assert "The password is not correct." in response.content.decode()
    assert User.objects.filter(pk=anna.pk).exists()
    assert Membership.objects.filter(user=anna).exists()
    assert CalendarFeedToken.objects.filter(user=anna).exists()
    assert Registration.objects.filter(user=anna, purged_at__isnull=True).exists()


def test_right_password_erases_everything_and_logs_out(client, world, home_page):
    anna, other = world["anna"], world["other"]
    event = world["event"]
    registration = Registration.objects.get(user=anna)
    client.force_login(anna)
    response = client.post(reverse("delete_account"), {"password": DEFAULT_PASSWORD}, follow=True)
    assert response.redirect_chain[0][0] == home_page.url
    assert "Your account and your personal data have been deleted." in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.filter(pk=anna.pk).exists()
    assert not EmailAddress.objects.filter(email="anna@example.org").exists()
    assert not Authenticator.objects.filter(user_id=anna.pk).exists()
    assert not Membership.objects.filter(user_id=anna.pk).exists()
    assert not OutdatedReport.objects.filter(message__startswith="Anna").exists()
    assert not CalendarFeedToken.objects.filter(user_id=anna.pk).exists()
    registration.refresh_from_db()
    assert registration.purged_at is not None
    assert registration.name == "" and registration.email == "" and registration.answers == {}
    # The event had not started: the place was given up; the record stays, anonymous.
    assert registration.status == RegistrationStatus.CANCELLED
    assert Registration.objects.filter(event=event).count() == 2
    attempt = ScenarioAttempt.objects.get(ending_title="Anna ending")
    assert attempt.user is None
    answer = SurveyResponse.objects.get(answers={COUNTRY: "Anna country"})
    assert answer.respondent is None
    # The other user's data is untouched.
    assert Membership.objects.filter(user=other).exists()
    assert CalendarFeedToken.objects.filter(user=other).exists()
    assert Registration.objects.get(user=other).name == "Olga Attendee"


def test_account_without_password_confirms_with_its_email(client, world):
    anna = world["anna"]
    anna.set_unusable_password()
    anna.save()
    client.force_login(anna)
    page = client.get(reverse("delete_account")).content.decode()
    assert 'type="password"' not in page
    response = client.post(reverse("delete_account"), {"email": "other@example.org"})
    assert response.status_code == 400
    assert User.objects.filter(pk=anna.pk).exists()
    response = client.post(reverse("delete_account"), {"email": "Anna@Example.org"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=anna.pk).exists()


def test_superuser_cannot_delete_themselves(client, superuser):
    client.force_login(superuser)
    response = client.get(reverse("delete_account"))
    assert response.status_code == 403
    assert "Administrators cannot delete their own account here" in response.content.decode()
    response = client.post(reverse("delete_account"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 403
    assert User.objects.filter(pk=superuser.pk).exists()


def test_erase_refuses_a_superuser_in_the_service(superuser):
    with pytest.raises(CannotErase):
        erase(superuser)
    assert User.objects.filter(pk=superuser.pk).exists()


def test_a_failing_app_rolls_back_the_whole_erasure(world, monkeypatch):
    anna = world["anna"]

    def broken(user):
        raise RuntimeError("app failed")

    real_get_hooks = personal_data.hooks.get_hooks

    def get_hooks(name):
        found = list(real_get_hooks(name))
        return [*found, broken] if name == "portal_erase_personal_data" else found

    monkeypatch.setattr(personal_data.hooks, "get_hooks", get_hooks)
    with pytest.raises(RuntimeError):
        personal_data.erase(anna)
    assert User.objects.filter(pk=anna.pk).exists()
    assert Membership.objects.filter(user=anna).exists()
    assert Registration.objects.get(pk=Registration.objects.get(user=anna).pk).purged_at is None


def test_dates_are_iso_strings(client, world):
    data = json.loads(download(client, world["anna"]).content)
    joined = data["account"]["date_joined"]
    assert datetime.datetime.fromisoformat(joined)
    assert datetime.date.fromisoformat(
        data["resources"]["data"]["survey_answers"][0]["submitted_on"]
    )


def test_delete_page_and_export_in_polish(client, world):
    client.force_login(world["anna"])
    page = client.get("/pl/account/delete/").content.decode()
    assert "Usuń moje konto" in page
    assert 'href="/pl/account/my-data.json" download>pobrać swoje dane</a>' in page
    data = json.loads(client.get("/pl/account/my-data.json").content)
    assert data["resources"]["title"] == "Scenariusze szkoleniowe i ankiety"
