from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey

from directory.choices import Visibility
from directory.models.freshness import FreshnessQuerySet, StaleMixin
from directory.visibility import is_member, visible_values
from portal.language_variants import in_language


class ContactPersonQuerySet(FreshnessQuerySet):
    def visible(self, viewer_is_member):
        """Active people whose visibility this viewer may see — the one rule
        behind the list, the institution page, vCards, CSV and HSDS."""
        return self.filter(is_active=True, visibility__in=visible_values(viewer_is_member))

    def visible_to(self, user):
        return self.visible(is_member(user))


class ContactPerson(StaleMixin, models.Model):
    """A named officer or staff member. People change jobs: deactivate, never delete."""

    institution = ParentalKey(
        "directory.Institution",
        verbose_name=_("institution"),
        on_delete=models.CASCADE,
        related_name="contact_people",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    position_pl = models.CharField(_("position in Polish"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile"), max_length=50, blank=True)
    languages = models.ManyToManyField(
        "portal.Language", verbose_name=_("languages"), blank=True, related_name="contact_people"
    )
    topics = models.ManyToManyField(
        "portal.Topic", verbose_name=_("topics"), blank=True, related_name="contact_people"
    )
    is_focal_point = models.BooleanField(
        _("anti-trafficking focal point"),
        default=False,
        help_text=_("The institution's designated contact point for trafficking cases."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick when the person leaves; the record is kept for history."),
    )
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)
    last_verified_at = models.DateField(_("last verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ContactPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["-is_focal_point", "name"]
        indexes = [
            models.Index(fields=["institution", "is_active", "visibility"]),
            models.Index(fields=["last_verified_at"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.is_active:
            self.deactivated_at = None
        elif self.deactivated_at is None:
            self.deactivated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("directory:contact", kwargs={"pk": self.pk})

    @property
    def localized_position(self):
        return in_language(self, "position")

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    def delete(self, *args, **kwargs):
        """People are deactivated, never silently deleted."""
        self.is_active = False
        self.save()
