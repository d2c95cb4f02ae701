"""Loads the demo content from demo/data/*.yaml.

Each record is created or updated by its natural key (a page by its slug under
its parent, an institution by slug, a person by email, a document or image by
title), so loading again changes nothing. Records name each other by key: an
event names its organisers by institution slug, a study visit its materials by
slug. Page trees are built under the home page with their Polish translations.
Python that makes volume rather than content lives in demo.generators.

Nothing here mails anyone: event publications run with the events service's
notifications suppressed, and memberships and registrations are written
directly, never through the services that announce them.
"""

import contextlib
import datetime
import random
import re
import zoneinfo
from pathlib import Path

import yaml
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldDoesNotExist
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from icalendar import Calendar, Event
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.models import Collection, GroupPagePermission, Locale, Page, Site

from demo.generators import directory as directory_generator
from demo.generators import events as event_generator
from demo.generators.files import make_pdf, make_text
from demo.generators.illustrations import DRAWINGS, ensure_image, scenario_illustration
from demo.generators.scenarios import add_attempts, record_statements
from demo.generators.surveys import add_answers
from directory.choices import MembershipStatus
from directory.models import (
    ContactPerson,
    DirectoryIndexPage,
    Institution,
    InstitutionEmailDomain,
    Membership,
)
from events import reminders
from events import services as event_services
from events.calendar.services import import_calendar
from events.certificates.services import issue_certificates
from events.choices import Audience, EventStatus, RegistrationStatus
from events.models import (
    EventAttendanceOptions,
    EventIndexPage,
    EventPage,
    EventQuestion,
    EventSeries,
    EventSession,
    ExternalCalendarSource,
    InvitationCode,
    Registration,
    ScheduledMessage,
)
from portal import roles
from portal.languages import WORKING_LANGUAGES
from portal.models import CustomImage, HomePage, Language, SiteSettings, StandardPage, Topic, User
from resources.models import (
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    ScenarioAttempt,
    ScenarioChoiceEvent,
    ScenarioIndexPage,
    ScenarioPage,
    ScenarioStep,
    StudyVisitAuthor,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
    SurveyIndexPage,
    SurveyPage,
    SurveyQuestion,
)
from resources.privacy import members_collection
from resources.scenarios.progress import member_institution
from resources.workflow import ensure_moderation_workflow

DATA_DIR = Path(__file__).parent / "data"
RELATIVE = re.compile(
    r"^(?P<month>month)?(?P<days>[+-]\d+)d(?: (?P<hour>\d{1,2}):(?P<minute>\d\d))?$"
)
# Keys that steer the loader rather than name a model field.
PAGE_KEYS = {"pl", "navigation"}
INSTITUTION_KEYS = {"people", "members", "email_domains"}
MATERIAL_KEYS = {"pl", "uk", "file_languages", "file_format"}
VISIT_KEYS = {"pl", "materials", "authors"}
EVENT_KEYS = {
    "series",
    "sessions",
    "questions",
    "attendees",
    "attended",
    "invitation_codes",
    "registrations",
    "body",
    "image",
    "attendance",
    "reminders",
}


INST, TOPIC, MAT = "institutions.yaml", "topics.yaml", "materials.yaml"
# Where each file names records of another: a path through the file ("*" for
# every value of a mapping; lists are walked through), and the defining file.
REFERENCES = {
    "institutions.yaml": [
        ("institutions/*/parent", INST), ("institutions/*/competences", TOPIC),
        ("institutions/*/people/topics", TOPIC),
    ],
    "events.yaml": [
        ("attendee_institutions", INST), ("events/organisers", INST), ("events/topics", TOPIC),
        ("events/registrations/institution", INST),
    ],
    "calendar.yaml": [("sources/institution", INST)],
    "materials.yaml": [("materials/publisher", INST), ("materials/topics", TOPIC)],
    "study_visits.yaml": [
        ("visits/host_institutions", INST), ("visits/participating_institutions", INST),
        ("visits/topics", TOPIC), ("visits/materials", MAT), ("visits/authors/institution", INST),
    ],
    "scenarios.yaml": [("scenarios/related", MAT), ("scenarios/steps/choices/guidance", MAT)],
}  # fmt: skip


def walk(node, path, where):
    """(where, value) for each value at `path` in parsed YAML; `where` names
    the records passed on the way by their slug, key or id."""
    if not path:
        yield where, node
    elif isinstance(node, list):
        for item in node:
            label = next(
                (item[k] for k in ("slug", "key", "id", "email", "name") if k in item), None
            )
            yield from walk(item, path, f"{where} {label!r}" if label else where)
    elif path[0] == "*":
        for key, item in node.items():
            yield from walk(item, path[1:], f"{where}: {key}")
    elif isinstance(node, dict) and node.get(path[0]) is not None:
        yield from walk(node[path[0]], path[1:], f"{where}: {path[0]}")


class DemoDataError(Exception):
    """Bad demo data; the message names the file and the record."""


def relative_date(text, today, where=""):
    """A date (and time) relative to today: "+10d", "-30d 09:30", or
    "month+40d 10:00" counted from the first day of this month."""
    match = RELATIVE.match(str(text).strip())
    if match is None:
        raise DemoDataError(
            f"{where}: {text!r} is not a relative date such as '+10d 09:00' or '-30d'"
        )
    day = today.replace(day=1) if match["month"] else today
    day += datetime.timedelta(days=int(match["days"]))
    hour, minute = int(match["hour"] or 0), int(match["minute"] or 0)
    if hour > 23 or minute > 59:
        raise DemoDataError(f"{where}: {text!r} has no such time of day")
    return day, datetime.time(hour, minute)


def relative_datetime(text, today, zone, where=""):
    day, time = relative_date(text, today, where)
    return datetime.datetime.combine(day, time, tzinfo=zone)


def paragraph(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@contextlib.contextmanager
def mail_suppressed():
    """Publishing an event normally tells its attendees what changed (the
    events service's documented switch for loaders)."""
    before = getattr(event_services.NOTIFICATIONS, "suppressed", False)
    event_services.NOTIFICATIONS.suppressed = True
    try:
        yield
    finally:
        event_services.NOTIFICATIONS.suppressed = before


class Loader:
    def __init__(self, data_dir=DATA_DIR, stdout=None, today=None):
        self.data_dir = Path(data_dir)
        self.stdout = stdout
        self.today = today or timezone.localdate()
        self.zone = timezone.get_default_timezone()
        self._files = {}
        self._institutions = {}
        self._topics = {}

    # --- reading and checking ---------------------------------------------------------

    def read(self, name):
        if name not in self._files:
            path = self.data_dir / name
            try:
                self._files[name] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            except OSError as error:
                raise DemoDataError(f"{name}: cannot be read ({error})") from error
            except yaml.YAMLError as error:
                raise DemoDataError(f"{name}: not valid YAML: {error}") from error
        return self._files[name]

    @staticmethod
    def need(record, key, where):
        if not isinstance(record, dict) or key not in record:
            raise DemoDataError(f"{where}: missing {key!r}")
        return record[key]

    def check(self):
        """Every key that one file uses for a record of another must be defined
        there: checked before anything is written."""
        known = {
            "institutions.yaml": set(self.read("institutions.yaml").get("institutions", {})),
            "topics.yaml": {topic.get("slug") for topic in self.read("topics.yaml")},
            "materials.yaml": {m.get("slug") for m in self.read("materials.yaml")["materials"]},
        }
        for name, references in REFERENCES.items():
            for path, defined_in in references:
                for where, used in walk(self.read(name), path.split("/"), name):
                    for key in used if isinstance(used, list) else [used]:
                        if key not in known[defined_in]:
                            raise DemoDataError(
                                f"{where} names {key!r}, which is not in {defined_in}"
                            )

    # --- pages ------------------------------------------------------------------------

    def locale(self, code):
        return Locale.objects.get_or_create(language_code=code)[0]

    def fields(self, model, spec, where, skip=(), language="en"):
        """Model field values from a record: keys are field names; other
        records are named by key (institutions by slug, topics by slug,
        languages by code), dates may be relative ("-30d", "+10d 09:00", in
        the record's `timezone`), and stream data may name images and
        documents by title."""
        zone = zoneinfo.ZoneInfo(spec["timezone"]) if spec.get("timezone") else self.zone
        values = {}
        for name, value in spec.items():
            if name in PAGE_KEYS or name in skip:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                raise DemoDataError(f"{where}: {model.__name__} has no field {name!r}") from None
            values[name] = self.value(field, value, f"{where}: {name}", language, zone)
        return values

    def value(self, field, value, where, language, zone):
        target = field.related_model
        if target is Institution and field.many_to_many:
            return [self.institution(slug, where) for slug in value]
        if target is Institution:
            return self.institution(value, where) if value else None
        if target is Topic:
            return self.topics(value, language)
        if target is Language:
            return list(Language.objects.filter(code__in=value))
        if isinstance(field, StreamField):
            return self.resolve(value, where)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            return relative_datetime(value, self.today, zone, where)
        if isinstance(field, models.DateField) and isinstance(value, str):
            if RELATIVE.match(value):
                return relative_date(value, self.today, where)[0]
            return datetime.date.fromisoformat(value)
        return value

    def upsert(self, model, key, spec, where):
        """Create or update a (non-page) record by its key fields."""
        fields = self.fields(model, spec, where)
        related = {n: fields.pop(n) for n in list(fields) if model._meta.get_field(n).many_to_many}
        record, _ = model.objects.update_or_create(**key, defaults=fields)
        for name, values in related.items():
            getattr(record, name).set(values)
        return record

    def ensure_page(self, parent, model, spec, where, **extra):
        """Create (or update) and publish a child page identified by its slug."""
        slug = self.need(spec, "slug", where)
        fields = {**self.fields(model, spec, where, skip={"slug"}), **extra}
        page = parent.get_children().filter(slug=slug).specific().first()
        if page is None:
            page = model(slug=slug, **fields)
            parent.add_child(instance=page)
        else:
            for name, value in fields.items():
                setattr(page, name, value)
        page.save_revision().publish()
        return Page.objects.get(pk=page.pk).specific

    def translate(self, page, language_code, **fields):
        """The page's translation, created once and published with `fields`."""
        locale = self.locale(language_code)
        translation = page.get_translation_or_none(locale)
        if translation is None:
            translation = page.copy_for_translation(locale, copy_parents=True)
        translation = translation.specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        return Page.objects.get(pk=translation.pk).specific

    def index_page(self, parent, model, spec, where):
        """A section's index page, its Polish translation and its menu entry."""
        page = self.ensure_page(parent, model, spec, where)
        polish = self.translate(
            page, "pl", **self.fields(model, spec.get("pl", {}), f"{where}: pl")
        )
        if spec.get("navigation"):
            self.add_to_navigation(page, first=spec["navigation"] == "first")
        return page, polish

    def add_to_navigation(self, page, first=False):
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        raw = list(site_settings.main_navigation.raw_data)
        if any((item.get("value") or {}).get("page") == page.pk for item in raw):
            return
        item = {"type": "link", "value": {"page": page.pk, "url": "", "title": ""}}
        raw.insert(0 if first else len(raw), item)
        site_settings.main_navigation = raw
        site_settings.save()

    # --- lookups by key -----------------------------------------------------------------

    def topics(self, slugs, language_code="en"):
        if language_code not in self._topics:
            self._topics[language_code] = {
                t.slug: t for t in Topic.objects.filter(locale__language_code=language_code)
            }
        return [self._topics[language_code][s] for s in slugs if s in self._topics[language_code]]

    def institution(self, slug, where="institutions.yaml"):
        """The institution with this slug, written from institutions.yaml the
        first time it is asked for."""
        if slug in self._institutions:
            return self._institutions[slug]
        data = self.read("institutions.yaml")
        if slug not in data["institutions"]:
            raise DemoDataError(f"{where}: unknown institution {slug!r} (not in institutions.yaml)")
        self._institutions[slug] = None  # a loop of parents ends here
        record = {k: v for k, v in data["institutions"][slug].items() if k not in INSTITUTION_KEYS}
        coordinates = data.get("cities", {}).get(record.get("city"))
        if coordinates and "latitude" not in record:
            record["latitude"], record["longitude"] = coordinates
        institution = self.upsert(Institution, {"slug": slug}, record, f"institutions.yaml: {slug}")
        self._institutions[slug] = institution
        return institution

    def user(self, email):
        return User.objects.filter(email=email).first()

    def material(self, slug):
        return MaterialPage.objects.get(slug=slug, locale__language_code="en")

    # --- areas ----------------------------------------------------------------------------

    def load_site(self):
        data = self.read("site.yaml")
        for code, _name in WORKING_LANGUAGES:
            Language.objects.get_or_create(code=code)
        self.locale("en"), self.locale("pl")
        self.load_topics()
        home = self.load_home(self.need(data, "home", "site.yaml"))
        pages = {}
        for spec in data.get("pages", []):
            where = f"site.yaml: page {spec.get('slug')!r}"
            page = self.ensure_page(home, StandardPage, spec, where)
            self.translate(page, "pl", **self.fields(StandardPage, spec["pl"], f"{where}: pl"))
            if spec.get("navigation"):
                self.add_to_navigation(page)
            pages[page.slug] = page
        site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        for name, value in data.get("settings", {}).items():
            if name.endswith("_page"):
                value = pages[value]
            setattr(site_settings, name, value)
        site_settings.save()
        self.load_accounts(data.get("accounts", []))
        return home

    def load_topics(self):
        english, polish = self.locale("en"), self.locale("pl")
        for spec in self.read("topics.yaml"):
            where = f"topics.yaml: {spec.get('slug')!r}"
            topic, _ = Topic.objects.update_or_create(
                slug=self.need(spec, "slug", where),
                locale=english,
                defaults={"name": spec["name"], "description": spec.get("description", "")},
            )
            translation = topic.get_translation_or_none(polish) or topic.copy_for_translation(
                polish
            )
            translation.name = spec["pl"]["name"]
            translation.description = spec["pl"].get("description", "")
            translation.save()
        self._topics = {}

    def load_home(self, spec):
        root = Page.get_first_root_node()
        # Wagtail's placeholder "Welcome" page (and its site) make way for ours.
        for placeholder in root.get_children().filter(depth=2):
            if placeholder.specific_class is Page and not placeholder.get_children().exists():
                Site.objects.filter(root_page=placeholder).delete()
                placeholder.delete()
        fields = self.fields(HomePage, spec, "site.yaml: home", skip={"hero_image"})
        fields["hero_image"] = ensure_image(spec["hero_image"], DRAWINGS["network"])
        home = HomePage.objects.filter(locale__language_code="en", depth=2).first()
        if home is None:
            home = HomePage(slug="home", locale=self.locale("en"), **fields)
            root.add_child(instance=home)
        else:
            for name, value in fields.items():
                setattr(home, name, value)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True,
                site_name="Cooperation Portal",
            )  # fmt: skip
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        home = HomePage.objects.get(pk=home.pk)
        polish = self.fields(HomePage, spec.get("pl", {}), "site.yaml: home: pl")
        self.translate(home, "pl", hero_image=home.hero_image, **polish)
        return home

    def load_accounts(self, accounts):
        for spec in accounts:
            email = self.need(spec, "email", "site.yaml: accounts")
            user = self.user(email) or User(email=email)
            user.first_name, user.last_name = spec.get("first_name", ""), spec.get("last_name", "")
            user.is_superuser = user.is_staff = bool(spec.get("superuser"))
            user.preferred_language = user.preferred_language or "en"
            user.set_password(settings.PORTAL_SEED_PASSWORD)
            user.save()
            user.groups.set(Group.objects.filter(name__in=spec.get("groups", [])))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )

    def load_directory(self, home):
        data = self.read("institutions.yaml")
        records = self.need(data, "institutions", "institutions.yaml")
        for slug in records:
            self.institution(slug)
        deciding = User.objects.filter(is_superuser=True).order_by("pk").first()
        for slug, record in records.items():
            where = f"institutions.yaml: {slug}"
            institution = self._institutions[slug]
            for spec in record.get("people", []):
                self.load_person(institution, spec, f"{where}: person {spec.get('email')!r}")
            for email in record.get("members", []):
                self.load_membership(institution, email, deciding)
            for domain in record.get("email_domains", []):
                InstitutionEmailDomain.objects.update_or_create(
                    domain=domain, defaults={"institution": institution}
                )
        if home is not None:
            self.directory_page(home)

    def directory_page(self, home):
        spec = self.need(self.read("institutions.yaml"), "page", "institutions.yaml")
        return self.index_page(home, DirectoryIndexPage, spec, "institutions.yaml: page")

    def load_person(self, institution, spec, where):
        self.need(spec, "email", where)
        key = {"institution": institution, "email": spec["email"]}
        self.upsert(ContactPerson, key, {k: v for k, v in spec.items() if k != "email"}, where)

    def load_membership(self, institution, email, deciding):
        user = self.user(email)
        if user is None:
            return
        existing = Membership.objects.filter(user=user, institution=institution).first()
        Membership.objects.update_or_create(
            user=user,
            institution=institution,
            defaults={
                "status": MembershipStatus.APPROVED,
                "method": Membership.Method.MODERATOR,
                "decided_by": deciding,
                "decided_at": (existing and existing.decided_at) or timezone.now(),
            },
        )

    @mail_suppressed()
    def load_events(self, home, scale=0):
        data = self.read("events.yaml")
        index, _ = self.index_page(home, EventIndexPage, data["index"], "events.yaml: index")
        self.grant_organisers(index)
        pool = [self.institution(s, "events.yaml") for s in data["attendee_institutions"]]
        languages = list(Language.objects.filter(code__in=["pl", "en"]))
        rng = random.Random(2026)  # noqa: S311 - the same demo people each time
        added = 0
        self.series = {}
        for spec in data.get("series", []):
            where = f"events.yaml: series {spec.get('name')!r}"
            series, _ = EventSeries.objects.update_or_create(
                name=self.need(spec, "name", where),
                defaults={
                    key: relative_date(value, self.today, where)[0]
                    if key.endswith("_on")
                    else value
                    for key, value in spec.items()
                    if key != "name"
                },
            )
            self.series[series.name] = series
        for spec in data["events"]:
            where = f"events.yaml: event {spec.get('slug')!r}"
            event = self.load_event(index, spec, data["bodies"], languages, where)
            self.translate_event(event, spec, data["bodies"], where)
            added += event_generator.add_registrations(
                event, spec.get("attendees", 0), pool, rng, spec.get("attended", False)
            )
            self.load_invitation_codes(event, spec.get("invitation_codes", []))
            for registration in spec.get("registrations", []):
                self.load_registration(event, registration, where)
            self.load_attendance(event, spec, where)
        if scale:
            index = Page.objects.get(pk=index.pk)
            added += event_generator.add_benchmark_events(index, scale, pool, rng, self.today)
        self.write(f"Events: {EventPage.objects.count()} event pages, {added} registrations added.")

    def grant_organisers(self, index):
        group = Group.objects.filter(name=roles.ORGANISERS).first()
        if group is None:
            return
        for action in ("add", "change", "publish"):
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=f"{action}_page"
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )

    def load_event(self, index, spec, bodies, languages, where):
        fields = {key: value for key, value in spec.items() if key not in EVENT_KEYS}
        fields.setdefault("timezone", "Europe/Warsaw")
        fields.setdefault("venue_country", "PL")
        fields.setdefault("audience", Audience.PUBLIC)
        fields.setdefault("status", EventStatus.SCHEDULED)
        body = spec.get("body") or self.need(bodies, self.need(spec, "kind", where), "bodies")["en"]
        fields = self.fields(EventPage, fields, where, skip={"slug"})
        fields.update(body=paragraph(body), languages=languages)
        if "series" in spec:
            fields["series"] = self.need(self.series, spec["series"], where)
        if picture := spec.get("image"):
            # A drawing named in the data, titled after the event.
            fields["image"] = ensure_image(
                spec["title"],
                DRAWINGS[self.need(picture, "drawing", where)],
                picture.get("alt_text", ""),
            )
        event = index.get_children().filter(slug=spec["slug"]).specific().first()
        if event is None:
            event = EventPage(slug=spec["slug"], **fields)
            index.add_child(instance=event)
        else:
            for name, value in fields.items():
                setattr(event, name, value)
        if not event.sessions.exists():
            first_day = timezone.localtime(event.start, event.zone).date()
            for session in spec.get("sessions", []):
                event.sessions.add(
                    EventSession(
                        title=session["title"],
                        day=first_day + datetime.timedelta(days=session.get("day", 0)),
                        start_time=datetime.time.fromisoformat(session["start"]),
                        end_time=datetime.time.fromisoformat(session["end"]),
                        room=session.get("room", ""),
                        speakers=session.get("speakers", ""),
                    )
                )
        if not event.questions.exists():
            for question in spec.get("questions", []):
                event.questions.add(
                    EventQuestion(
                        question_type=question["type"],
                        label=question["label"],
                        choices=question.get("choices", ""),
                        required=question.get("required", False),
                    )
                )
        event.save_revision().publish()
        return EventPage.objects.get(pk=event.pk)

    def translate_event(self, event, spec, bodies, where):
        """The Polish page, with everything a reader sees in Polish. Its
        programme and questions were copied from the English page in order."""
        polish = self.need(spec, "pl", where)
        translation = self.translate(
            event,
            "pl",
            title=polish["title"],
            slug=spec["slug"],
            introduction=polish.get("introduction", ""),
            body=paragraph(polish.get("body") or bodies[spec["kind"]]["pl"]),
            venue_name=polish.get("venue_name", spec.get("venue_name", "")),
            status_note=polish.get("status_note", ""),
            topics=self.topics(spec.get("topics", []), "pl"),
        )
        changed = False
        for session, source in zip(
            translation.sessions.all(), spec.get("sessions", []), strict=False
        ):
            if text := source.get("pl"):
                session.title = text["title"]
                session.room, session.speakers = text.get("room", ""), text.get("speakers", "")
                session.save()
                changed = True
        for question, source in zip(
            translation.questions.all(), spec.get("questions", []), strict=False
        ):
            if text := source.get("pl"):
                question.label, question.choices = text["label"], text.get("choices", "")
                question.save()
                changed = True
        if changed:
            EventPage.objects.get(pk=translation.pk).save_revision().publish()

    def load_attendance(self, event, spec, where):
        """Attendance options, the register of a past event (from its check-ins),
        its certificates, and the reminders of events still to come."""
        options = spec.get("attendance")
        if options:
            fields = self.fields(EventAttendanceOptions, dict(options), where)
            EventAttendanceOptions.objects.update_or_create(event=event, defaults=fields)
        if spec.get("attended"):
            event_generator.add_attendance(event, random.Random(event.slug))  # noqa: S311
            issue_certificates(event)
        if event.end > timezone.now():
            reminders.ensure_default_schedule(event)
            for item in spec.get("reminders", []):
                ScheduledMessage.objects.filter(
                    event=event, purpose=item["purpose"], days=item["days"]
                ).update(note=item.get("note", ""))

    def load_invitation_codes(self, event, codes):
        if not codes or event.invitation_codes.exists():
            return
        for code in codes:
            InvitationCode.objects.create(event=event, **code)

    def load_registration(self, event, spec, where):
        """A demo account's own registration, confirmed while seats are left."""
        user = self.user(self.need(spec, "user", where))
        if user is None or event.registrations.filter(email=user.email).exists():
            return
        confirmed = (
            event.capacity is None
            or event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
            < event.capacity
        )
        now = timezone.now()
        Registration.objects.create(
            event=event,
            status=RegistrationStatus.CONFIRMED if confirmed else RegistrationStatus.WAITING,
            queue_number=event.registrations.count() + 1,
            name=user.get_full_name() or user.email,
            email=user.email,
            user=user,
            institution=self.institution(spec["institution"], where),
            position=spec.get("position", ""),
            language=spec.get("language", "pl"),
            consent_at=now,
            confirmed_at=now if confirmed else None,
            attended_at=event.start if confirmed and spec.get("attended") else None,
        )

    def load_calendar(self):
        """Partner calendars, imported through the same importer as a partner's
        feed, so importing them again changes nothing."""
        for spec in self.read("calendar.yaml")["sources"]:
            where = f"calendar.yaml: {spec.get('name')!r}"
            source, _ = ExternalCalendarSource.objects.update_or_create(
                name=spec["name"],
                defaults={"institution": self.institution(spec["institution"], where)},
            )
            calendar = Calendar.new(prodid=spec["prodid"])
            for event in spec["events"]:
                calendar.add_component(
                    Event.new(
                        uid=event["uid"],
                        summary=event["title"],
                        description=event.get("description", ""),
                        location=event.get("location", ""),
                        start=relative_datetime(event["start"], self.today, self.zone, where),
                        end=relative_datetime(event["end"], self.today, self.zone, where),
                        url=spec.get("url"),
                        stamp=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
                        sequence=0,
                    )
                )
            result = import_calendar(source, calendar.to_ical())
            self.write(f"Calendar: partner calendar {source.name}: {result.summary()}")

    def load_materials(self, home):
        data = self.read("materials.yaml")
        index, polish_index = self.index_page(
            home, MaterialIndexPage, data["index"], "materials.yaml: index"
        )
        public, members = Collection.get_first_root_node(), members_collection()
        for spec in data["materials"]:
            where = f"materials.yaml: material {spec.get('slug')!r}"
            collection = members if spec.get("visibility") == "members" else public
            files = self.material_files(spec, data.get("file_note", {}), collection)
            record = {k: v for k, v in spec.items() if k not in MATERIAL_KEYS}
            page = self.ensure_page(index, MaterialPage, record, where)
            # Files are (re)attached to the live page; the same documents each time.
            page.files = files
            page.save_revision().publish()
            polish = {**self.need(spec, "pl", where), "topics": spec.get("topics", [])}
            translation = self.translate(
                page, "pl", **self.fields(MaterialPage, polish, f"{where}: pl", language="pl")
            )
            translation.files = [
                MaterialFile(document=f.document, language=f.language, label=f.label) for f in files
            ]
            translation.save_revision().publish()
        self.write(f"Materials: {len(data['materials'])} in English and Polish.")
        return index, polish_index

    def material_files(self, spec, notes, collection):
        files = []
        for code in spec.get("file_languages", []):
            text = spec.get(code, spec) if code != "en" else spec
            title, summary = text["title"], text.get("introduction", "")
            paragraphs = [summary, notes.get(code, notes.get("en", ""))] * 3
            if spec.get("file_format") == "pdf" and code != "uk":
                content, extension = make_pdf(title, paragraphs), "pdf"
            else:
                content, extension = make_text(title, paragraphs), "txt"
            document = self.document(
                f"{title} [{code}]", f"{spec['slug']}-{code}.{extension}", content, collection
            )
            files.append(
                MaterialFile(
                    document=document, language=Language.objects.get(code=code), label=title
                )
            )
        return files

    def document(self, title, filename, content, collection):
        Document = get_document_model()
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=collection)
            document.file.save(filename, ContentFile(content), save=False)
            document._set_document_file_metadata()
            document.save()
        elif document.collection_id != collection.pk:
            document.collection = collection
            document.save(update_fields=["collection"])
        return document

    def resolve(self, value, where):
        """Stream data with {$image: title} and {$document: title} made into ids."""
        if isinstance(value, list):
            return [self.resolve(item, where) for item in value]
        if not isinstance(value, dict):
            return value
        if len(value) == 1 and next(iter(value)) in ("$image", "$document"):
            kind, title = next(iter(value.items()))
            model = get_document_model() if kind == "$document" else CustomImage
            found = model.objects.filter(title=title).first()
            if found is None:
                raise DemoDataError(f"{where}: no {kind[1:]} titled {title!r}")
            return found.pk
        return {key: self.resolve(item, where) for key, item in value.items()}

    def load_study_visits(self, home):
        data = self.read("study_visits.yaml")
        index, polish_index = self.index_page(
            home, StudyVisitIndexPage, data["index"], "study_visits.yaml: index"
        )
        for spec in data.get("illustrations", []):
            ensure_image(spec["title"], DRAWINGS[spec["drawing"]], spec.get("alt_text", ""))
        for spec in data["visits"]:
            where = f"study_visits.yaml: visit {spec.get('slug')!r}"
            materials = [self.material(slug) for slug in spec.get("materials", [])]
            record = {k: v for k, v in spec.items() if k not in VISIT_KEYS}
            page = self.ensure_page(index, StudyVisitPage, record, where)
            page.attached_materials = [StudyVisitMaterial(material=m) for m in materials]
            page.authors = self.authors(spec, "en", where)
            page.save_revision().publish()
            polish = {**self.need(spec, "pl", where), "topics": spec.get("topics", [])}
            translation = self.translate(
                page, "pl", **self.fields(StudyVisitPage, polish, f"{where}: pl", language="pl")
            )
            translation.attached_materials = [
                StudyVisitMaterial(material=m.get_translation(translation.locale))
                for m in materials
            ]
            translation.authors = self.authors(spec, "pl", where)
            translation.save_revision().publish()
        self.write(f"Study visits: {len(data['visits'])}.")
        return index, polish_index

    def authors(self, spec, language, where):
        return [
            StudyVisitAuthor(
                name=author["name"],
                role={**author, **author.get(language, {})}.get("role", ""),
                institution=self.institution(author["institution"], where),
            )
            for author in spec.get("authors", [])
        ]

    @mail_suppressed()
    def load_scenarios(self, home):
        data = self.read("scenarios.yaml")
        index, _ = self.index_page(home, ScenarioIndexPage, data["index"], "scenarios.yaml: index")
        for spec in data["scenarios"]:
            where = f"scenarios.yaml: scenario {spec.get('slug')!r}"
            slugs = set(spec.get("related", [])) | {
                c["guidance"]
                for s in spec["steps"]
                for c in s.get("choices", [])
                if c.get("guidance")
            }
            materials = {
                m.slug: m
                for m in MaterialPage.objects.filter(slug__in=slugs, locale__language_code="en")
            }
            related = [
                {"type": "material", "value": materials[s].pk}
                for s in spec.get("related", [])
                if s in materials
            ]
            text = {
                key: spec[key]
                for key in ("slug", "title", "introduction", "description", "start_step")
            }
            page = self.ensure_page(
                index, ScenarioPage, text, where,
                steps=self.steps(spec, "en", data["illustrations"], materials, where), related=related,
            )  # fmt: skip
            polish = self.need(spec, "pl", where)
            self.translate(
                page,
                "pl",
                **{key: polish[key] for key in ("slug", "title", "introduction", "description")},
                start_step=spec["start_step"],
                steps=self.steps(spec, "pl", data["illustrations"], materials, where),
                related=related,
            )
            added = add_attempts(page, spec.get("synthetic_attempts", 0))
            if spec.get("completed_by"):
                self.load_completion(page, spec["completed_by"], where)
            required = []
            for slug in spec.get("required_by", []):
                event = EventPage.objects.filter(slug=slug, locale__language_code="en").first()
                if event is not None and event.required_scenario_id != page.pk:
                    event.required_scenario = page
                    event.save_revision().publish()
                required += [slug] if event is not None else []
            self.write(
                f"Training scenarios: {page.slug} in English and Polish; {added} synthetic "
                f"attempts; required by {', '.join(required) or 'no event'}."
            )

    def steps(self, spec, language, illustrations, materials, where):
        steps = []
        for order, step in enumerate(spec["steps"]):
            text = step if language == "en" else {**step, **step.get(language, {})}
            translated = step.get(language, {}).get("choices", {}) if language != "en" else {}
            choices = []
            for choice in step.get("choices", []):
                guidance = materials.get(choice.get("guidance"))
                label = translated.get(choice["id"], choice)
                choices.append({
                    "type": "choice",
                    "id": choice["id"],
                    "value": {
                        "label": label["label"], "target": choice["target"], "rating": choice["rating"],
                        "score": choice.get("score", 0), "feedback": label.get("feedback", ""),
                        "guidance_page": guidance.pk if guidance else None, "guidance_url": "",
                    },
                })  # fmt: skip
            steps.append(
                ScenarioStep(
                    sort_order=order,
                    key=step["key"],
                    title=text["title"],
                    situation=text.get("situation", ""),
                    image=self.scenario_image(
                        step["image"], language, illustrations, f"{where}: {step['key']}"
                    ),
                    choices=choices,
                    is_ending=step.get("ending", False),
                    ending_summary=text.get("summary", ""),
                )
            )
        return steps

    def scenario_image(self, name, language, illustrations, where):
        spec = self.need(illustrations, name, f"{where}: image")
        position = 0 if language == "en" else 1
        return ensure_image(
            f"Scenario {language}: {spec['caption'][0]}",
            lambda: scenario_illustration(name, spec["caption"][position]),
            spec["alt_text"][position],
            filename=f"scenario-{name}-{language}.png",
        )

    def load_completion(self, page, spec, where):
        """A demo account's finished run along the given choices."""
        user = self.user(spec["user"])
        if user is None or ScenarioAttempt.objects.filter(user=user, scenario=page).exists():
            return
        steps = {step.key: step for step in page.ordered_steps()}
        key, score, chosen = page.graph().start, 0, []
        for choice_id in spec["path"]:
            choice = steps[key].choice(choice_id)
            if choice is None:
                raise DemoDataError(
                    f"{where}: completed_by: step {key!r} has no choice {choice_id!r}"
                )
            chosen.append((key, choice))
            score += choice["score"]
            key = choice["target"]
        if not steps[key].is_ending:
            raise DemoDataError(f"{where}: completed_by: the path ends at {key!r}, not an ending")
        attempt = ScenarioAttempt.objects.create(
            scenario=page,
            user=user,
            path=list(spec["path"]),
            finished_at=timezone.now() - datetime.timedelta(days=spec.get("days_ago", 0)),
            ending=key,
            ending_title=steps[key].title,
            score=score,
            institution_id=member_institution(user),
        )
        # Started a quarter of an hour before finishing (not at seeding time).
        attempt.started_at = attempt.finished_at - datetime.timedelta(minutes=15)
        ScenarioAttempt.objects.filter(pk=attempt.pk).update(started_at=attempt.started_at)
        for position, (step_key, choice) in enumerate(chosen):
            event = ScenarioChoiceEvent.objects.create(
                attempt=attempt,
                step=step_key,
                choice=choice["id"],
                rating=choice["rating"],
                position=position,
            )
            ScenarioChoiceEvent.objects.filter(pk=event.pk).update(
                created_at=attempt.started_at + datetime.timedelta(minutes=2 * position + 2)
            )
        record_statements(page, attempt)

    def load_surveys(self, home):
        data = self.read("surveys.yaml")
        index, _ = self.index_page(home, SurveyIndexPage, data["index"], "surveys.yaml: index")
        for spec in data["surveys"]:
            where = f"surveys.yaml: survey {spec.get('slug')!r}"
            fields = {"slug": spec["slug"]}
            for name in ("title", "introduction", "consent_text", "thank_you_text"):
                for code, value in self.need(spec, name, where).items():
                    fields[name if code == "en" else f"{name}_{code}"] = value
            for name in ("offer_polish", "offer_ukrainian"):
                fields[name] = spec.get(name, False)
            if "retention_days" in spec:
                fields["retention_days"] = spec["retention_days"]
            fields["opens_at"] = relative_datetime(
                spec["opens"], self.today, self.zone, f"{where}: opens"
            )
            fields["closes_at"] = relative_datetime(
                spec["closes"], self.today, self.zone, f"{where}: closes"
            )
            page = self.ensure_page(index, SurveyPage, fields, where)
            if not page.responses.exists():
                # Questions are (re)written only before answers exist: their
                # English wording is what the answers are stored under.
                page.form_fields = [self.question(q) for q in spec.get("questions", [])]
                page.save_revision().publish()
            survey = SurveyPage.objects.get(pk=page.pk)
            self.translate(
                survey, "pl", slug=spec.get("pl_page_slug", spec["slug"]),
                title=spec["title"]["pl"], introduction=spec["introduction"]["pl"],
            )  # fmt: skip
            add_answers(survey, spec.get("synthetic_answers", 0))

    @staticmethod
    def question(spec):
        fields = {"field_type": spec["type"], "required": spec.get("required", False)}
        for name in ("label", "help_text"):
            for code, value in spec.get(name, {}).items():
                fields[name if code == "en" else f"{name}_{code}"] = value
        for code in ("en", "pl", "uk"):
            name = "choices" if code == "en" else f"choices_{code}"
            fields[name] = "\n".join(option[code] for option in spec.get("options", []))
        condition = spec.get("condition") or {}
        fields["condition_question"] = condition.get("question", "")
        fields["condition_operator"] = condition.get("operator", "")
        fields["condition_value"] = condition.get("value", "")
        skip = spec.get("skip") or {}
        fields["skip_when"] = skip.get("when", "")
        fields["skip_to"] = skip.get("to", "")
        return SurveyQuestion(**fields)

    # --- all of it ------------------------------------------------------------------------

    def write(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def load_all(self, scale=0):
        self.check()
        with mail_suppressed():
            home = self.load_site()
            self.load_directory(home)
            if scale:
                directory_generator.add_institutions(scale, self.today, self.stdout)
            self.load_events(home, scale)
            self.load_calendar()
            materials = self.load_materials(home)
            visits = self.load_study_visits(home)
            ensure_moderation_workflow(*materials, *visits)
            self.load_scenarios(home)
            self.load_surveys(home)
