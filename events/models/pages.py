import json
import re
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.templatetags.static import static
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
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Orderable
from wagtail.search import index

from events import seats
from events.admin.forms import EventPageForm
from events.blocks import MaterialsBlock
from events.choices import (
    TIME_ZONES,
    Audience,
    EventKind,
    EventStatus,
    QuestionType,
    RegistrationState,
)
from events.models.registrations import Registration
from portal import page_cache, public_address
from portal.blocks import BaseStreamBlock
from portal.models.pages import BasePage
from portal.page_forms import SearchableCheckboxSelectMultiple
from portal.request_cache import remembered
from portal.routing import SpecificChildRouteMixin

# The event picture as cards, the page and search engines get it (16:9, and
# large enough for Google's Event rich results), and the illustration used
# when an event has none.
EVENT_IMAGE_SPEC = "fill-1200x675"
DEFAULT_EVENT_IMAGE = "events/img/event-default.png"
CARD_IMAGE_SPEC = "fill-640x360"
POLISH_POSTCODE = re.compile(r"\d{2}-\d{3}")


def with_card_images(queryset):
    """Events with their card picture (in the events' own query) and its
    rendition (one more query in all), not two queries per card."""
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=CARD_IMAGE_SPEC)
    return queryset.select_related("image").prefetch_related(
        models.Prefetch("image__renditions", queryset=renditions)
    )


def default_locale_id():
    """The default language's Locale id, remembered until content changes
    (locales included): asked on every event page and registration."""
    return remembered(
        "events:default-locale", [settings.LANGUAGE_CODE], lambda: Locale.get_default().pk
    )


JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class EventIndexPage(SpecificChildRouteMixin, RoutablePageMixin, BasePage):
    """/events/: upcoming and past events with filters."""

    # An event's address reads the event in one query, not two.
    child_page_model = property(lambda self: EventPage)

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

    # The venue's postal address, field by field (schema.org PostalAddress,
    # iCalendar LOCATION): street and number, postcode, city, region, country.
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(
        _("street and number"),
        max_length=255,
        blank=True,
        help_text=_("E.g. ul. Stefana Batorego 5. The postcode and city have their own fields."),
    )
    venue_postcode = models.CharField(
        _("postcode"), max_length=20, blank=True, help_text=_("E.g. 02-591.")
    )
    venue_city = models.CharField(_("city"), max_length=100, blank=True)
    venue_region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("The voivodship in Poland, by its name, e.g. mazowieckie."),
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
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown on the event page and in listings, and offered to search engines. "
            "Without one, the portal's event illustration is used."
        ),
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
    series = models.ForeignKey(
        "events.EventSeries",
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The training programme this event belongs to, reported together."),
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
        FieldPanel("image"),
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
                        FieldPanel("venue_postcode"),
                        FieldPanel("venue_city"),
                        FieldPanel("venue_region"),
                        FieldPanel("venue_country"),
                    ]
                ),
                FieldPanel("coordinates"),
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
                FieldPanel("series"),
                FieldPanel("organisers", widget=SearchableCheckboxSelectMultiple),
                FieldPanel("topics", widget=SearchableCheckboxSelectMultiple),
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
        self.venue_postcode = self.venue_postcode.strip()
        if (
            self.venue_postcode
            and self.venue_country == "PL"
            and not POLISH_POSTCODE.fullmatch(self.venue_postcode)
        ):
            raise ValidationError(
                {"venue_postcode": _("A Polish postcode is written NN-NNN, e.g. 02-591.")}
            )

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
        locale = self._state.fields_cache.get("locale")
        if locale is not None and locale.language_code == get_supported_content_language_variant(
            settings.LANGUAGE_CODE
        ):
            # The locale came with the page (select_related): no query.
            return self
        default_id = default_locale_id()
        if self.locale_id == default_id:
            return self
        return self.get_translation_or_none(default_id) or self

    def registrations_queryset(self):
        return Registration.objects.filter(event_id=self.canonical.pk)

    def _count_confirmed(self):
        # Listings set it (events.seats.attach_confirmed_counts, or the
        # with_confirmed_counts annotation) and the event page once per
        # request; otherwise it is counted afresh.
        annotated = getattr(self, "_confirmed_count", None)
        if annotated is not None:
            return annotated
        return seats.count_confirmed(self.translation_key)

    @property
    def confirmed_count(self):
        # A cached page showing it is made stale by every change of this
        # event's seats (and only this event's).
        page_cache.depends_on(page_cache.SEATS, seats.seats_tag(self.translation_key))
        return self._count_confirmed()

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    def count_seats_once(self, *, exact=True):
        """Count the confirmed registrations once for this request's page
        (and its default-language version, which the rules read). `exact`:
        the page shows how many seats are left; otherwise only whether any
        is (see `is_full`)."""
        if not exact and self.capacity is None:
            return
        key = self.translation_key
        page_cache.depends_on(
            page_cache.SEATS, seats.seats_tag(key) if exact else seats.full_tag(key)
        )
        self._confirmed_count = seats.count_confirmed(key)
        if self.canonical is not self:
            self.canonical._confirmed_count = self._confirmed_count

    @property
    def is_full(self):
        """No seat left. A page that shows only this (the registration form)
        stays cached while registrations leave the event as full or as free."""
        if self.capacity is None:
            return False
        page_cache.depends_on(page_cache.SEATS, seats.full_tag(self.translation_key))
        return self._count_confirmed() >= self.capacity

    def closes_at(self):
        return self.registration_closes_at or self.start

    def registration_state(self, now=None, *, count_seats=True):
        """`count_seats=False` leaves out whether the event is full (OPEN
        then stands for OPEN, WAITING_LIST or FULL): for a caller that
        counts under the event's lock anyway."""
        now = now or timezone.now()
        if not self.registration_enabled or self.is_cancelled or now >= self.closes_at():
            return RegistrationState.CLOSED
        if self.registration_opens_at and now < self.registration_opens_at:
            return RegistrationState.NOT_OPEN
        if count_seats and self.is_full:
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

    @property
    def venue_locality(self):
        """Postcode and city as they are written on an envelope: "02-591 Warszawa"."""
        return " ".join(p for p in [self.venue_postcode, self.venue_city] if p)

    @property
    def venue_lines(self):
        """The venue and its postal address, one line each, without blanks."""
        lines = [self.venue_name, self.venue_address, self.venue_locality]
        if self.foreign_country_name:
            lines.append(self.foreign_country_name)
        return [line for line in lines if line]

    @property
    def venue_display_lines(self):
        """The lines the event page shows: the postal address and the region."""
        lines = [self.venue_name, self.venue_address, self.venue_locality]
        if self.venue_region and self.venue_region != self.venue_city:
            lines.append(self.venue_region)
        lines.append(self.foreign_country_name)
        return [line for line in lines if line]

    @property
    def location_text(self):
        """One line for calendars and "add to calendar" links."""
        return ", ".join(self.venue_lines)

    def postal_address(self):
        """schema.org PostalAddress of the venue, without empty values."""
        return _without_blanks(
            {
                "@type": "PostalAddress",
                "streetAddress": self.venue_address,
                "postalCode": self.venue_postcode,
                "addressLocality": self.venue_city,
                "addressRegion": self.venue_region,
                "addressCountry": self.venue_country.code if self.venue_country else "",
            }
        )

    def public_url(self, request=None):
        """The page's address on the portal's public address
        (WAGTAILADMIN_BASE_URL), whatever host the request came in by."""
        parts = self.get_url_parts(request)
        if parts is None:
            return ""
        return public_address.absolute(parts[2])

    def image_url(self):
        """Absolute address of the event's picture for other systems
        (JSON-LD): its own image, or the portal's event illustration."""
        if self.image_id:
            url = self.image.get_rendition(EVENT_IMAGE_SPEC).url
        else:
            url = static(DEFAULT_EVENT_IMAGE)
        return public_address.absolute(url)

    def offers(self, request=None):
        """schema.org Offer for the registration on the portal (free), or None."""
        if not self.registration_enabled or self.is_cancelled:
            return None
        seats_left = self.seats_left
        register = public_address.absolute(
            self.get_url_parts(request)[2] + self.reverse_subpage("register_route")
        )
        # Registration opens at its set time, otherwise when the event is published.
        valid_from = (
            self.registration_opens_at or self.first_published_at or self.latest_revision_created_at
        )
        return _without_blanks(
            {
                "@type": "Offer",
                "url": register,
                "price": 0,
                "priceCurrency": "PLN",
                "availability": "https://schema.org/SoldOut"
                if seats_left == 0
                else "https://schema.org/InStock",
                "validFrom": timezone.localtime(valid_from, self.zone)
                .replace(microsecond=0)
                .isoformat()
                if valid_from
                else "",
                **(
                    {"validThrough": timezone.localtime(self.closes_at(), self.zone).isoformat()}
                    if self.closes_at()
                    else {}
                ),
            }
        )

    def json_ld_data(self, request=None):
        status_map = {
            EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
            EventStatus.POSTPONED: "https://schema.org/EventPostponed",
            EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        }
        if self.all_day:
            start, end = self.local_start.date().isoformat(), self.local_end.date().isoformat()
        else:
            start, end = self.local_start.isoformat(), self.local_end.isoformat()
        url = self.public_url(request)
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "startDate": start,
            "endDate": end,
            "eventStatus": status_map[self.status],
            "url": url,
            "image": [self.image_url()],
            "description": self.introduction,
            "isAccessibleForFree": True,
        }
        locations = []
        if self.venue_name or self.venue_city:
            place = {
                "@type": "Place",
                "name": self.venue_name or self.venue_city,
                "address": self.postal_address(),
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
            locations.append({"@type": "VirtualLocation", "url": url})
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
        offers = self.offers(request)
        if offers:
            data["offers"] = offers
        if self.capacity is not None:
            data["maximumAttendeeCapacity"] = self.capacity
            data["remainingAttendeeCapacity"] = self.seats_left
        return _without_blanks(data)

    def json_ld(self, request=None):
        # Safe inside <script>: as Django's json_script, no "<", ">" or "&"
        # at all, so neither "</script>" nor "<!--" can change how it parses.
        return json.dumps(self.json_ld_data(request), ensure_ascii=False).translate(
            JSON_SCRIPT_ESCAPES
        )

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


def _without_blanks(data):
    """A copy of `data` without empty strings, None or empty containers, at
    every depth: validators reject `"streetAddress": ""`."""
    if isinstance(data, dict):
        cleaned = {key: _without_blanks(value) for key, value in data.items()}
        return {key: value for key, value in cleaned.items() if value not in ("", None, [], {})}
    if isinstance(data, list):
        cleaned = [_without_blanks(item) for item in data]
        return [item for item in cleaned if item not in ("", None, [], {})]
    return data


def retention_days():
    return getattr(settings, "EVENTS_PERSONAL_DATA_RETENTION_DAYS", 365)
