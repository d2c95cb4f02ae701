import datetime
import json
import re
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.models import Membership
from events import services
from events.choices import Audience, EventStatus, RegistrationStatus
from events.models import EventPage, EventQuestion, InvitationCode, Registration
from tests.events.conftest import person, valid_form_data
from tests.events.factories import EventPageFactory, InstitutionFactory, in_days
from tests.factories import TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.database]


def json_ld(response):
    match = re.search(
        rb'<script type="application/ld\+json">(.*?)</script>', response.content, re.S
    )
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


# --- index ------------------------------------------------------------------------


def test_index_lists_upcoming_by_default_and_past_on_request(client, events_index):
    EventPageFactory(parent=events_index, title="Future training")
    EventPageFactory(
        parent=events_index, title="Old conference", start=in_days(-30), end=in_days(-30, 17)
    )
    response = client.get(events_index.url)
    assert b"Future training" in response.content
    assert b"Old conference" not in response.content
    response = client.get(events_index.url + "?when=past")
    assert b"Old conference" in response.content
    assert b"Future training" not in response.content


def test_index_filters(client, events_index):
    topic = TopicFactory(slug="labour-exploitation", name="Labour exploitation")
    workshop = EventPageFactory(
        parent=events_index, title="Workshop Lublin", kind="workshop", venue_region="lubelskie"
    )
    workshop.topics.add(topic)
    workshop.save()
    EventPageFactory(
        parent=events_index,
        title="Members meeting",
        kind="meeting",
        audience=Audience.MEMBERS,
        venue_region="mazowieckie",
        start=in_days(40),
        end=in_days(40, 15),
    )
    full = EventPageFactory(parent=events_index, title="Full training", capacity=1)
    services.register(full, person(1))

    def titles(query):
        content = client.get(events_index.url + query).content.decode()
        return {t for t in ("Workshop Lublin", "Members meeting", "Full training") if t in content}

    assert titles("?kind=workshop") == {"Workshop Lublin"}
    assert titles("?topic=labour-exploitation") == {"Workshop Lublin"}
    assert titles("?region=mazowieckie") == {"Members meeting"}
    assert titles("?audience=members") == {"Members meeting"}
    month = timezone.localtime(in_days(40)).strftime("%Y-%m")
    assert titles(f"?month={month}") >= {"Members meeting"}
    assert "Full training" not in titles("?seats=on")
    assert titles("?seats=on") >= {"Workshop Lublin"}
    assert client.get(events_index.url + "?month=garbage").status_code == 200
    assert client.get(events_index.url + "?kind=nonsense").status_code == 200
    # "Seats left" beside another filter's bad value (found by the fuzz test).
    assert client.get(events_index.url + "?seats=on&topic=%2B1").status_code == 200
    assert "Full training" not in titles("?seats=on&topic=%2B1")


@pytest.mark.parametrize("count", [10, 1000])
def test_index_query_count_does_not_grow(
    client, events_index, django_assert_max_num_queries, count
):
    first = EventPageFactory(parent=events_index, title="First event")
    services.register(first, person(1))
    for n in range(count - 1):
        events_index.add_child(
            instance=EventPage(
                title=f"Event {n}",
                slug=f"event-{n}",
                start=first.start + datetime.timedelta(hours=n),
                end=first.end + datetime.timedelta(hours=n),
                venue_name="Room",
                venue_city="Chełm",
                venue_region="lubelskie",
                capacity=20,
            )
        )
    with django_assert_max_num_queries(28):
        response = client.get(events_index.url)
    assert response.status_code == 200
    assert b"First event" in response.content
    with django_assert_max_num_queries(28):
        response = client.get(events_index.url + "?seats=on&kind=training&region=lubelskie&page=2")
    assert response.status_code == 200


# --- event page -------------------------------------------------------------------


def test_event_page_shows_seats_state_and_json_ld(client, event):
    org = InstitutionFactory(name="Border Guard Headquarters")
    event.organisers.add(org)
    event.capacity = 3
    event.save()
    services.register(event, person(1))
    response = client.get(event.url)
    content = response.content.decode()
    assert "2 of 3 seats left" in content
    assert "Registration open" in content
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["maximumAttendeeCapacity"] == 3
    assert data["remainingAttendeeCapacity"] == 2
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["organizer"]["name"] == "Border Guard Headquarters"
    assert data["location"]["address"]["addressLocality"] == "Chełm"
    assert data["startDate"].endswith(("+01:00", "+02:00"))


def test_event_in_sofia_is_shown_in_sofia_time(client, events_index):
    sofia = zoneinfo.ZoneInfo("Europe/Sofia")
    day = timezone.localdate() + datetime.timedelta(days=30)
    start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=sofia)
    event = EventPageFactory(
        parent=events_index,
        timezone="Europe/Sofia",
        start=start,
        end=start + datetime.timedelta(hours=8),
        venue_city="Sofia",
        venue_country="BG",
    )
    response = client.get(event.url)
    assert "09:00–17:00 (Sofia time)" in response.content.decode()
    assert "<br>Bulgaria</address>" in response.content.decode()
    assert json_ld(response)["startDate"].startswith(f"{day.isoformat()}T09:00:00+0")


def test_cancelled_event_stays_visible_and_says_so(client, event):
    event.status = EventStatus.CANCELLED
    event.status_note = "The trainer is ill."
    event.save()
    response = client.get(event.url)
    assert response.status_code == 200
    assert b"This event has been cancelled." in response.content
    assert b"The trainer is ill." in response.content
    assert json_ld(response)["eventStatus"] == "https://schema.org/EventCancelled"
    assert b"register/" not in response.content


def test_states_full_and_waiting_list(client, event):
    event.capacity = 1
    event.save()
    services.register(event, person(1))
    assert b"Waiting list open" in client.get(event.url).content
    event.waiting_list_enabled = False
    event.save()
    assert b"Full" in client.get(event.url).content


def test_public_never_sees_who_registered(client, event):
    services.register(event, {"name": "Secret Attendee", "email": "secret@example.org"})
    for url in (event.url, event.url + "register/", event.get_parent().url):
        content = client.get(url).content
        assert b"Secret Attendee" not in content
        assert b"secret@example.org" not in content


def test_join_link_only_for_confirmed(client, event, user):
    event.is_online = True
    event.online_url = "https://meet.example.org/secret-room"
    event.capacity = 1
    event.save()
    assert b"secret-room" not in client.get(event.url).content
    services.register(event, person(1))
    waiting = services.register(event, {"name": "W", "email": user.email}, user=user).registration
    client.force_login(user)
    assert b"secret-room" not in client.get(event.url).content
    assert b"secret-room" not in client.get(waiting.get_manage_path()).content
    confirmed = Registration.objects.get(email="person1@example.org")
    assert b"secret-room" in client.get(confirmed.get_manage_path()).content


def test_event_page_query_count_is_bounded(client, event, django_assert_max_num_queries):
    for n in range(30):
        services.register(event, person(n))
    with django_assert_max_num_queries(30):
        assert client.get(event.url).status_code == 200


def test_polish_routes(client, event, locales):
    polish = event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    polish = type(event).objects.get(pk=polish.pk)
    assert polish.url.startswith("/pl/")
    response = client.get(polish.url)
    assert response.status_code == 200
    response = client.get(polish.url + "register/")
    assert response.status_code == 200
    registration = services.register(event, person(1)).registration
    response = client.get(f"/pl/events/registration/{registration.manage_token}/")
    assert response.status_code == 200
    assert b"Twoja rejestracja" in response.content or b"Your registration" in response.content


# --- registration form ---------------------------------------------------------------


def test_register_confirms_and_emails_with_manage_link(client, event):
    institution = InstitutionFactory(name="Chief Labour Inspectorate")
    response = client.post(
        event.url + "register/", valid_form_data(institution_name="chief labour inspectorate")
    )
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_manage_path()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.institution == institution
    assert registration.consent_at is not None
    message = mail.outbox[0]
    assert message.to == ["jan.kowalski@example.org"]
    assert "Registration confirmed" in message.subject
    assert registration.manage_token in message.body
    html = message.alternatives[0][0]
    assert event.title in html
    assert "cid:checkin-qr" in html


def test_register_in_polish_gets_polish_mail(client, event, locales):
    polish = event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.save_revision().publish()
    polish = type(event).objects.get(pk=polish.pk)
    client.post(polish.url + "register/", valid_form_data())
    registration = Registration.objects.get()
    assert registration.language == "pl"
    assert registration.event_id == event.pk
    assert mail.outbox[0].subject.startswith("Rejestracja potwierdzona")
    assert "/pl/events/registration/" in mail.outbox[0].body


def test_other_institution_is_kept_as_text(client, event):
    client.post(event.url + "register/", valid_form_data(institution_name="Parish of St Anne"))
    registration = Registration.objects.get()
    assert registration.institution is None
    assert registration.institution_other == "Parish of St Anne"


@pytest.mark.parametrize(
    "overrides",
    [
        {"email": "not-an-email"},
        {"consent": ""},
        {"name": "x" * 201},
        {"dietary": "x" * 501},
        {"website": "http://spam.example"},
        {"name": ""},
    ],
)
def test_bad_input_gets_a_message_and_saves_nothing(client, event, overrides):
    data = valid_form_data(**overrides)
    if overrides.get("consent") == "":
        data.pop("consent")
    response = client.post(event.url + "register/", data)
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    assert mail.outbox == []


def test_registration_closed_or_not_open(client, event):
    event.registration_opens_at = in_days(2)
    event.save()
    response = client.get(event.url + "register/")
    assert b"Registration not open yet" in response.content
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 400
    assert Registration.objects.count() == 0
    event.registration_opens_at = None
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 400
    assert b"Registration is closed" in response.content


def test_full_event_without_waiting_list(client, event):
    event.capacity = 1
    event.waiting_list_enabled = False
    event.save()
    services.register(event, person(1))
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 400
    assert Registration.objects.count() == 1


def test_full_event_with_waiting_list(client, event):
    event.capacity = 1
    event.save()
    services.register(event, person(1))
    assert b"Join the waiting list" in client.get(event.url + "register/").content
    client.post(event.url + "register/", valid_form_data())
    registration = Registration.objects.get(email="jan.kowalski@example.org")
    assert registration.status == RegistrationStatus.WAITING
    assert "waiting list" in mail.outbox[-1].subject


def test_duplicate_email_says_so_and_resends(client, event):
    client.post(event.url + "register/", valid_form_data())
    mail.outbox.clear()
    response = client.post(
        event.url + "register/", valid_form_data(email="JAN.kowalski@example.org")
    )
    assert response.status_code == 200
    assert b"already registered" in response.content
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1
    # The page does not hand the personal link to whoever typed the address.
    assert Registration.objects.get().manage_token.encode() not in response.content


def test_members_only_event(client, event, member):
    event.audience = Audience.MEMBERS
    event.save()
    response = client.get(event.url + "register/")
    # Not a dead end: what is needed, and the way to it.
    assert b"Log in if you have an account" in response.content
    assert b'href="/accounts/signup/' in response.content
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 403
    institution = InstitutionFactory(name="Nadbużański Unit")
    Membership.objects.create(
        user=member, institution=institution, status="approved", position="Officer"
    )
    client.force_login(member)
    response = client.get(event.url + "register/")
    form = response.context["form"]
    assert form.initial["email"] == member.email
    assert form.initial["institution_name"] == "Nadbużański Unit"
    response = client.post(event.url + "register/", valid_form_data(email=member.email))
    assert response.status_code == 302
    assert Registration.objects.get().user == member


def test_members_only_event_page_says_what_is_needed_or_offers_registration(client, event, member):
    event.audience = Audience.MEMBERS
    event.save()
    register = f'href="{event.url}register/"'
    html = client.get(event.url).content.decode()
    assert "Registration for this event is for members" in html
    assert register not in html
    Membership.objects.create(
        user=member, institution=InstitutionFactory(), status="approved", position="Officer"
    )
    client.force_login(member)
    html = client.get(event.url).content.decode()
    assert "Registration for this event is for members" not in html
    assert register in html
    # A public event offers registration to anyone.
    client.logout()
    event.audience = Audience.PUBLIC
    event.save()
    assert register in client.get(event.url).content.decode()


def test_invitation_only_event(client, event):
    event.audience = Audience.INVITATION
    event.save()
    code = InvitationCode.objects.create(event=event)
    response = client.post(event.url + "register/", valid_form_data(invitation_code="WRONG"))
    assert response.status_code == 400
    assert b"This invitation code is not valid." in response.content
    response = client.post(event.url + "register/", valid_form_data(invitation_code=code.code))
    assert response.status_code == 302
    response = client.post(
        event.url + "register/", valid_form_data(email="b@example.org", invitation_code=code.code)
    )
    assert b"already been used" in response.content
    assert Registration.objects.count() == 1


def test_organiser_questions(client, event):
    q1 = EventQuestion.objects.create(
        event=event, question_type="single", label="Which session?", choices="A\nB", required=True
    )
    q2 = EventQuestion.objects.create(
        event=event, question_type="multiple", label="Topics?", choices="X\nY\nZ"
    )
    q3 = EventQuestion.objects.create(event=event, question_type="yes_no", label="Certificate?")
    response = client.post(event.url + "register/", valid_form_data())
    assert response.status_code == 400
    response = client.post(
        event.url + "register/",
        valid_form_data(**{f"q_{q1.key}": "C"}),
    )
    assert response.status_code == 400
    response = client.post(
        event.url + "register/",
        valid_form_data(**{f"q_{q1.key}": "B", f"q_{q2.key}": ["X", "Z"], f"q_{q3.key}": "yes"}),
    )
    assert response.status_code == 302
    assert Registration.objects.get().answers == {q1.key: "B", q2.key: ["X", "Z"], q3.key: "yes"}


def test_institution_typeahead(client, db):
    InstitutionFactory(name="Podlaski Border Guard Regional Unit", city="Białystok")
    data = client.get("/events/institutions.json?q=podla").json()
    assert data["results"][0]["name"] == "Podlaski Border Guard Regional Unit"
    assert client.get("/events/institutions.json?q=p").json() == {"results": []}


# --- manage link -------------------------------------------------------------------


def test_manage_page_changes_answers_and_cancels(client, event):
    event.capacity = 1
    event.save()
    first = services.register(event, person(1)).registration
    second = services.register(event, person(2)).registration
    url = first.get_manage_path()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    response = client.post(
        url, {"action": "save", "institution_name": "X", "dietary": "vegetarian"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.dietary == "vegetarian"
    response = client.post(url, {"action": "save", "phone": "9" * 51})
    assert response.status_code == 400
    # "Cancel" first asks: neither the old form's POST nor the GET cancels.
    response = client.post(url, {"action": "cancel"})
    cancel_url = reverse("events:cancel", args=[first.manage_token])
    assert response.status_code == 302 and response["Location"] == cancel_url
    confirm = client.get(cancel_url)
    assert confirm.status_code == 200
    assert "Yes, cancel my registration" in confirm.content.decode()
    first.refresh_from_db()
    assert first.status == RegistrationStatus.CONFIRMED
    client.post(cancel_url)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegistrationStatus.CANCELLED
    assert second.status == RegistrationStatus.CONFIRMED
    assert b"Cancelled" in client.get(url).content


@pytest.mark.parametrize(
    "token",
    ["nope", "A" * 43, "../../etc/passwd", "x" * 200, "%00"],
)
def test_forged_manage_token_is_404(client, event, token):
    services.register(event, person(1))
    assert client.get(f"/events/registration/{token}/").status_code == 404


def test_tampered_manage_token_is_404(client, event):
    registration = services.register(event, person(1)).registration
    token = registration.manage_token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/events/registration/{tampered}/").status_code == 404
    assert client.get(f"/events/registration/{token.upper()}/").status_code in (404, 200) and (
        token.upper() == token
        or client.get(f"/events/registration/{token.upper()}/").status_code == 404
    )


# --- sections ------------------------------------------------------------------------


def test_home_page_lists_upcoming_public_events(client, event, events_index):
    EventPageFactory(parent=events_index, title="Members thing", audience=Audience.MEMBERS)
    content = client.get("/").content
    assert event.title.encode() in content
    assert b"Members thing" not in content


def test_my_account_lists_my_events(client, event, user):
    services.register(event, {"name": "Me", "email": user.email})
    client.force_login(user)
    content = client.get("/account/").content
    assert b"My events" in content
    assert event.title.encode() in content


def test_my_account_in_polish_shows_the_polish_event_page(
    client, event, events_index, user, locales
):
    polish = event.copy_for_translation(locales["pl"], copy_parents=True)
    polish.title = "Szkolenie z identyfikacji ofiar"
    polish.save_revision().publish()
    untranslated = EventPageFactory(parent=events_index, title="Round table in Kraków")
    services.register(event, {"name": "Me", "email": user.email})
    services.register(untranslated, {"name": "Me", "email": user.email})
    client.force_login(user)
    content = client.get("/pl/account/").content.decode()
    assert "Szkolenie z identyfikacji ofiar" in content
    assert event.title not in content
    # An event without a Polish page keeps its own title.
    assert "Round table in Kraków" in content


def test_topic_page_lists_events(client, event):
    topic = TopicFactory(slug="identification", name="Identification")
    event.topics.add(topic)
    event.save()
    assert event.title.encode() in client.get("/topics/identification/").content


def test_registration_page_says_what_the_form_would_say(client, event):
    """The page and the form ask the same rule: a full event without a waiting
    list shows no form, and one whose registration closed says so even to a
    visitor who would also need a membership."""
    event.capacity = 1
    event.waiting_list_enabled = False
    event.save()
    client.post(event.url + "register/", valid_form_data(email="first@example.org"))
    full = client.get(event.url + "register/").content.decode()
    assert "registration-form" not in full
    assert "Full." in full
    assert client.post(event.url + "register/", valid_form_data()).status_code == 400

    event.audience = Audience.MEMBERS
    event.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    closed = client.get(event.url + "register/").content.decode()
    assert "Registration closed." in closed
    assert "Log in to register" not in closed


def test_postponed_members_only_event_is_flagged_in_list_and_page(client, events_index, event):
    event.status = EventStatus.POSTPONED
    event.audience = Audience.MEMBERS
    event.save()
    card = client.get(events_index.url).content.decode()
    assert "Postponed" in card and "Members only" in card
    page = client.get(event.url).content.decode()
    assert "This event has been postponed." in page and "Members only" in page


def test_public_scheduled_event_has_no_warning_badges(client, events_index, event):
    card = client.get(events_index.url).content.decode()
    assert "badge--danger" not in card and "badge--warn" not in card
