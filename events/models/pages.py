import json
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable
from wagtail.search import index

from events.admin.forms import EventPageForm
from events.blocks import MaterialsBlock
from events.choices import (
    TIME_ZONES,
    Audience,
    EventKind,
    EventStatus,
    QuestionType,
    RegistrationState,
    RegistrationStatus,
)
from events.models.registrations import Registration
from portal.blocks import BaseStreamBlock
from portal.models.pages import BasePage

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class EventIndexPage(RoutablePageMixin, BasePage):
    """/events/: upcoming and past events with filters."""

    subpage_types = ["events.EventPage"]
    parent_page_types = ["portal.HomePage"]
    max_count_per_parent = 1
    template = "events/event_index_page.html"

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = _("event index")

    @path("")
    def index_route(self, request):
        from events.views import event_index  # noqa: PLC0415 - events.views imports these models

        return event_index(request, self)


class EventPage(RoutablePageMixin, BasePage):
    """A conference, training, workshop, webinar, study visit or meeting."""

    # The calendar identity of the event: never changes, even when the page is
    # moved, renamed or translated (the translation shares the source's uid).
    uid = models.UUIDField(_("calendar identifier"), default=uuid.uuid4, editable=False)
    # Incremented by events.services whenever a published event's time, place
    # or status changes (iCalendar SEQUENCE; triggers the update emails).
    sequence = models.PositiveIntegerField(_("revision number"), default=0, editable=False)
    # Time, place and status as last published, to detect changes on publish.
    published_snapshot = models.JSONField(default=dict, blank=True, editable=False)

    kind = models.CharField(
        _("kind"), max_length=20, choices=EventKind.choices, default=EventKind.TRAINING
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("description"))

    timezone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONES,
        default="Europe/Warsaw",
        help_text=_("Start and end are entered in this time zone (the event's local time)."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    all_day = models.BooleanField(
        _("all day"), default=False, help_text=_("Show only the dates, not the times.")
    )

    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("street address"), max_length=255, blank=True)
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    venue_region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("The voivodship in Poland.")
    )
    venue_country = CountryField(_("country"), default="PL", blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("join link"),
        blank=True,
        help_text=_(
            "Shown only to confirmed attendees, on their personal page and in their email."
        ),
    )

    organisers = ParentalManyToManyField(
        "directory.Institution",
        verbose_name=_("organising institutions"),
        blank=True,
        related_name="organised_events",
    )
    topics = ParentalManyToManyField(
        "portal.Topic", verbose_name=_("topics"), blank=True, related_name="events"
    )
    languages = ParentalManyToManyField(
        "portal.Language", verbose_name=_("languages"), blank=True, related_name="events"
    )

    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.PUBLIC
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave blank for unlimited seats.")
    )
    waiting_list_enabled = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_("When the event is full, further registrations join a waiting list."),
    )
    registration_enabled = models.BooleanField(_("registration on the portal"), default=True)
    registration_opens_at = models.DateTimeField(
        _("registration opens"), null=True, blank=True, help_text=_("Blank: open now.")
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Blank: at the start.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("status note"),
        max_length=255,
        blank=True,
        help_text=_("E.g. why the event was postponed or cancelled."),
    )
    materials = StreamField(MaterialsBlock(), blank=True, verbose_name=_("related materials"))
    # A plain page link (not a resources import): the resources app answers
    # who completed it through the `events_attendance_requirements` hook.
    required_scenario = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("required training scenario"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Attendees should complete this scenario before the event."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("kind"),
        FieldPanel("introduction", heading=_("Summary")),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
            ],
            heading=_("Time and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel(
                    [
                        FieldPanel("venue_city"),
                        FieldPanel("venue_region"),
                        FieldPanel("venue_country"),
                    ]
                ),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("is_online"),
                FieldPanel("online_url"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("body"),
        InlinePanel("sessions", heading=_("Agenda"), label=_("session")),
        MultiFieldPanel(
            [
                FieldPanel("organisers"),
                FieldPanel("topics"),
                FieldPanel("languages"),
            ],
            heading=_("Organisers and topics"),
        ),
        FieldPanel("materials"),
    ]
    registration_panels = [
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("audience"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list_enabled")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading=_("Registration"),
        ),
        PageChooserPanel("required_scenario", page_type="resources.ScenarioPage"),
        InlinePanel("questions", heading=_("Questions for registrants"), label=_("question")),
    ]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(registration_panels, heading=_("Registration")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = EventPageForm

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("venue_city"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    # A copy is a new event: it gets its own calendar identity.
    exclude_fields_in_copy = ["uid", "sequence", "published_snapshot"]
    template = "events/event_page.html"

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["kind"])]

    def __str__(self):
        return self.title

    # --- Wagtail ------------------------------------------------------------

    def with_content_json(self, content):
        """Publishing a revision must not roll back the calendar identity or
        the sequence number that services bumped after that revision."""
        obj = super().with_content_json(content)
        # Read from the database: `self` may be an instance loaded before
        # services last bumped the sequence.
        current = (
            EventPage.objects.filter(pk=self.pk)
            .values("uid", "sequence", "published_snapshot")
            .first()
        )
        if current:
            obj.uid = current["uid"]
            obj.sequence = current["sequence"]
            obj.published_snapshot = current["published_snapshot"]
        return obj

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            raise ValidationError(
                {"registration_closes_at": _("Registration must close after it opens.")}
            )
        if not self.is_online and not (self.venue_name or self.venue_city):
            raise ValidationError({"venue_name": _("Give a venue, or mark the event as online.")})

    # Organisers check the registration form (its questions, the consent,
    # the state of registration) before publishing, as well as the page.
    preview_modes = [("", _("Event")), ("register", _("Registration form"))]

    def serve_preview(self, request, mode_name):
        if mode_name == "register":
            from events.views import register  # noqa: PLC0415 - events.views imports these models

            return register(request, self)
        return super().serve_preview(request, mode_name)

    @path("register/")
    def register_route(self, request):
        from events.views import register  # noqa: PLC0415 - events.views imports these models

        return register(request, self)

    @path("")
    def page_route(self, request):
        from events.views import event_detail  # noqa: PLC0415 - events.views imports these models

        return event_detail(request, self)

    # --- time -----------------------------------------------------------------

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def localize(self, naive):
        """A wall-clock time in the event's zone made into an aware datetime."""
        return timezone.make_aware(naive, self.zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def has_started(self):
        return self.start <= timezone.now()

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def is_scheduled(self):
        """Neither cancelled nor postponed."""
        return self.status == EventStatus.SCHEDULED

    @property
    def is_restricted(self):
        """For members only or by invitation only."""
        return self.audience != Audience.PUBLIC

    # --- registration ----------------------------------------------------------

    @cached_property
    def canonical(self):
        """The page registrations belong to: the event in the default language.

        A translation is another page of the same event; attaching its
        registrations to one page keeps one capacity and one waiting list."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def registrations_queryset(self):
        return Registration.objects.filter(event_id=self.canonical.pk)

    @property
    def confirmed_count(self):
        # Listings annotate it (events.filters.with_confirmed_counts) and the
        # event page sets it once per request; otherwise it is counted afresh.
        annotated = getattr(self, "_confirmed_count", None)
        if annotated is not None:
            return annotated
        return self.registrations_queryset().filter(status=RegistrationStatus.CONFIRMED).count()

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def closes_at(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled or self.is_cancelled or now >= self.closes_at():
            return RegistrationState.CLOSED
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN
        if self.seats_left == 0:
            return (
                RegistrationState.WAITING_LIST
                if self.waiting_list_enabled
                else RegistrationState.FULL
            )
        return RegistrationState.OPEN

    @property
    def registration_state_label(self):
        return RegistrationState(self.registration_state()).label

    # --- presentation -----------------------------------------------------------

    @property
    def place_label(self):
        parts = [p for p in [self.venue_name, self.venue_city] if p]
        return ", ".join(parts)

    @property
    def foreign_country_name(self):
        """The venue's country, named, when it is not Poland; most events
        are in Poland and do not repeat it."""
        if self.venue_country and self.venue_country != "PL":
            return self.venue_country.name
        return ""

    def json_ld(self, request=None):
        status_map = {
            EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
            EventStatus.POSTPONED: "https://schema.org/EventPostponed",
            EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        }
        if self.all_day:
            start, end = self.local_start.date().isoformat(), self.local_end.date().isoformat()
        else:
            start, end = self.local_start.isoformat(), self.local_end.isoformat()
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": start,
            "endDate": end,
            "eventStatus": status_map[self.status],
            "url": self.get_full_url(request),
        }
        if self.introduction:
            data["description"] = self.introduction
        locations = []
        if self.venue_name or self.venue_city:
            place = {
                "@type": "Place",
                "name": self.venue_name or self.venue_city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": self.venue_address,
                    "addressLocality": self.venue_city,
                    "addressRegion": self.venue_region,
                    "addressCountry": self.venue_country.code,
                },
            }
            if self.latitude is not None and self.longitude is not None:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": float(self.latitude),
                    "longitude": float(self.longitude),
                }
            locations.append(place)
        if self.is_online:
            # The join link itself is for confirmed attendees only.
            locations.append({"@type": "VirtualLocation", "url": self.get_full_url(request)})
        if locations:
            data["location"] = locations[0] if len(locations) == 1 else locations
        data["eventAttendanceMode"] = (
            "https://schema.org/MixedEventAttendanceMode"
            if self.is_online and (self.venue_name or self.venue_city)
            else "https://schema.org/OnlineEventAttendanceMode"
            if self.is_online
            else "https://schema.org/OfflineEventAttendanceMode"
        )
        organisers = [
            {
                "@type": "Organization",
                "name": str(inst),
                **({"url": inst.website} if inst.website else {}),
            }
            for inst in self.organisers.all()
        ]
        if organisers:
            data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
        if self.capacity is not None:
            data["maximumAttendeeCapacity"] = self.capacity
            data["remainingAttendeeCapacity"] = self.seats_left
        # Safe inside <script>: as Django's json_script, no "<", ">" or "&"
        # at all, so neither "</script>" nor "<!--" can change how it parses.
        return json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request)


class EventSession(Orderable):
    """One item of the agenda, in the event's local time."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=255)
    day = models.DateField(_("day"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.CharField(_("speakers"), max_length=500, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("day"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("room"),
        FieldPanel("speakers"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("agenda")

    def __str__(self):
        return self.title


def new_question_key():
    return uuid.uuid4().hex[:12]


class EventQuestion(Orderable):
    """An organiser's own question on the registration form."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    # Answers are stored under this key; it survives reordering and is shared
    # by the event's translation (copied with the page).
    key = models.CharField(max_length=20, default=new_question_key, editable=False)
    question_type = models.CharField(
        _("type"), max_length=10, choices=QuestionType.choices, default=QuestionType.TEXT
    )
    label = models.CharField(_("question"), max_length=255)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("For choice questions: one choice per line.")
    )
    required = models.BooleanField(_("required"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("question_type"), FieldPanel("required")]),
        FieldPanel("label"),
        FieldPanel("choices"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self):
        super().clean()
        if (
            self.question_type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
            and len(self.choice_list) < 2
        ):
            raise ValidationError({"choices": _("Give at least two choices, one per line.")})


def retention_days():
    return getattr(settings, "EVENTS_PERSONAL_DATA_RETENTION_DAYS", 365)
