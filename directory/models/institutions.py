from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.models import ClusterableModel

# The module, not its names: directory.search imports these models in turn.
from directory import search
from directory.choices import HelpDays, InstitutionKind, Visibility, region_name
from directory.models.freshness import FreshnessQuerySet, StaleMixin
from directory.visibility import visible_values
from portal.language_variants import in_language

MAX_QUERY_TERMS = 6


class InstitutionQuerySet(FreshnessQuerySet):
    def search(self, query, viewer_is_member):
        """Every word must match the name, Polish name, acronym, city, or the
        name of a contact person the viewer may see (see directory.search)."""
        for term in query.split()[:MAX_QUERY_TERMS]:
            self = self.filter(search.text_condition(term, viewer_is_member))
        return self

    def with_focal_point(self, viewer_is_member):
        return self.filter(focal_point_condition(viewer_is_member))

    def with_hotline(self, viewer_is_member):
        return self.filter(hotline_condition(viewer_is_member))

    def totals(self, viewer_is_member):
        """How many institutions, and how many have a hotline and a focal point
        this viewer may see: one query for the home page's directory panel."""
        return self.aggregate(
            institutions=Count("pk"),
            hotlines=Count("pk", filter=hotline_condition(viewer_is_member)),
            focal_points=Count("pk", filter=focal_point_condition(viewer_is_member)),
        )


def focal_point_condition(viewer_is_member):
    return Q(**{"focal_members" if viewer_is_member else "focal_public": True})


def hotline_condition(viewer_is_member):
    return ~Q(hotline="") & Q(hotline_visibility__in=visible_values(viewer_is_member))


class Institution(StaleMixin, ClusterableModel):
    """A public body, NGO or international partner, in a hierarchy of any depth
    (e.g. Border Guard headquarters → regional unit → field office)."""

    name = models.CharField(_("name"), max_length=255)
    name_pl = models.CharField(_("name in Polish"), max_length=255, blank=True)
    short_name = models.CharField(_("short name or acronym"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=32, choices=InstitutionKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    country = CountryField(_("country"), default="PL")
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("The voivodship in Poland; free text abroad."),
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    street = models.CharField(
        _("street address"),
        max_length=255,
        blank=True,
        help_text=_("Street, number and unit, e.g. “al. 3 Maja 12 lok. 510”, or a P.O. box."),
    )
    postal_code = models.CharField(
        _("postcode"), max_length=20, blank=True, help_text=_("e.g. 00-391 in Poland.")
    )
    address_visibility = models.CharField(
        _("address visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_visibility = models.CharField(
        _("phone visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    email = models.EmailField(_("email"), blank=True)
    email_visibility = models.CharField(
        _("email visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    website = models.URLField(_("website"), blank=True)
    hotline = models.CharField(_("24/7 hotline"), max_length=50, blank=True)
    hotline_visibility = models.CharField(
        _("hotline visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    languages = models.ManyToManyField(
        "portal.Language",
        verbose_name=_("languages served"),
        blank=True,
        related_name="institutions",
    )
    competences = models.ManyToManyField(
        "portal.Topic", verbose_name=_("competences"), blank=True, related_name="institutions"
    )
    description = models.TextField(_("description"), blank=True)
    description_pl = models.TextField(_("description in Polish"), blank=True)
    # Ukrainian and Russian only for the public "Get help" page, read by
    # migrant workers; the rest of the site is in English and Polish.
    description_uk = models.TextField(
        _("description in Ukrainian"),
        blank=True,
        help_text=_("Shown on the 'Get help' page in Ukrainian."),
    )
    description_ru = models.TextField(
        _("description in Russian"),
        blank=True,
        help_text=_("Shown on the 'Get help' page in Russian."),
    )
    help_days = models.CharField(
        _("help desk open"),
        max_length=10,
        choices=HelpDays.choices,
        blank=True,
        help_text=_(
            "When the public can call the phone number above for help. Set it to list the "
            "institution on the 'Get help' page; a public 24/7 hotline is listed anyway."
        ),
    )
    help_opens = models.TimeField(_("opens at"), null=True, blank=True)
    help_closes = models.TimeField(_("closes at"), null=True, blank=True)
    last_verified_at = models.DateField(_("last verified"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Maintained by directory.search.refresh; never edited by hand.
    search_public = models.TextField(editable=False, default="")
    search_members = models.TextField(editable=False, default="")
    focal_public = models.BooleanField(editable=False, default=False)
    focal_members = models.BooleanField(editable=False, default=False)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["kind"]),
            models.Index(fields=["country", "region"]),
            models.Index(fields=["city"]),
            models.Index(fields=["last_verified_at"]),
            # The default order of the list: page N without sorting everything.
            models.Index(fields=["name"]),
            # A registration's typed institution, matched case-insensitively
            # (events.forms.find_institution) without reading every row.
            models.Index(Upper("name"), name="directory_institution_uname"),
            models.Index(Upper("name_pl"), name="directory_institution_uname_pl"),
            models.Index(Upper("short_name"), name="directory_institution_ushort"),
        ]

    def __str__(self):
        return self.localized_name

    def save(self, *args, **kwargs):
        if not self.slug:
            base = (
                slugify(self.short_name and f"{self.short_name}-{self.city}" or self.name)[:240]
                or "institution"
            )
            slug, number = base, 2
            while Institution.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                slug, number = f"{base}-{number}", number + 1
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:institution", kwargs={"slug": self.slug})

    @property
    def localized_name(self):
        return in_language(self, "name")

    def public_channels(self, viewer_is_member):
        """The contact channels this viewer may see; members-only ones are
        blank. Every door (page, vCard, CSV, HSDS) reads channels from here."""

        def allowed(visibility):
            return viewer_is_member or visibility == Visibility.PUBLIC

        show_address = allowed(self.address_visibility)
        return {
            "street": self.street if show_address else "",
            "postal_code": self.postal_code if show_address else "",
            "latitude": self.latitude if show_address else None,
            "longitude": self.longitude if show_address else None,
            "phone": self.phone if allowed(self.phone_visibility) else "",
            "email": self.email if allowed(self.email_visibility) else "",
            "hotline": self.hotline if allowed(self.hotline_visibility) else "",
            "website": self.website,
        }

    def has_hidden_channels(self, viewer_is_member):
        """True when some channel exists but is kept from this viewer."""
        if viewer_is_member:
            return False
        channels = self.public_channels(False)
        return any(
            getattr(self, name) and not channels[name]
            for name in ("street", "postal_code", "phone", "email", "hotline")
        )

    @property
    def region_name(self):
        """The region as people write it: "śląskie", not the slug "slaskie"."""
        return region_name(self.region)

    def address(self, viewer_is_member):
        """The postal address, field by field, with what this viewer may see:
        street and postcode follow the address's visibility; city, region and
        country are public (the directory lists them)."""
        channels = self.public_channels(viewer_is_member)
        return {
            "street": channels["street"],
            "postal_code": channels["postal_code"],
            "city": self.city,
            "region": self.region_name,
            "country": self.country.code or "",
            "country_name": str(self.country.name) if self.country else "",
        }

    def osm_url(self, viewer_is_member):
        channels = self.public_channels(viewer_is_member)
        if channels["latitude"] is None or channels["longitude"] is None:
            return ""
        lat, lon = channels["latitude"], channels["longitude"]
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"

    def get_ancestors(self):
        """Parents up to the top (nearest first); bounded by MAX_DEPTH so a
        mistaken cycle cannot loop forever."""
        ancestors, current, seen = [], self.parent, {self.pk}
        while current is not None and current.pk not in seen and len(ancestors) < 10:
            ancestors.append(current)
            seen.add(current.pk)
            current = current.parent
        return ancestors

    @property
    def localized_description(self):
        return in_language(self, "description")


class InstitutionEmailDomain(models.Model):
    """A verified email at this domain makes its owner a member automatically."""

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(_("email domain"), max_length=190, unique=True)

    class Meta:
        verbose_name = _("email domain")
        verbose_name_plural = _("email domains")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)
