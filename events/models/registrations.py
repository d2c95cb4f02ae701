import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.choices import MailKind, MailStatus, RegistrationStatus


def new_token():
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def of_user(self, user):
        """A user's registrations: made while signed in, or under one of their
        verified email addresses; purged ones are no longer anyone's."""
        verified = [
            email.lower()
            for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        ]
        return self.filter(Q(user=user) | Q(email__in=verified), purged_at__isnull=True)

    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrationStatus.WAITING).order_by("queue_number")

    def attended(self):
        return self.filter(attended_at__isnull=False)


class Registration(models.Model):
    """One person's registration for one event.

    One registration per email per event *among active ones*: a person who
    cancelled may register again, and joins at the end of the queue like any
    newcomer (their old seat has gone to someone else). The rule is enforced
    by a partial unique constraint as well as by the service."""

    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("event"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=RegistrationStatus.choices, db_index=True
    )
    # Arrival order within the event, assigned under the event's lock: the
    # waiting list is served strictly in this order.
    queue_number = models.PositiveIntegerField(_("number"), editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True)

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    institution = models.ForeignKey(
        "directory.Institution",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    institution_other = models.CharField(_("other institution"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    dietary = models.CharField(_("dietary needs"), max_length=500, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    invitation = models.ForeignKey(
        "events.InvitationCode",
        verbose_name=_("invitation code"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    added_by_organiser = models.BooleanField(_("added by an organiser"), default=False)

    manage_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    checkin_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    purged_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "queue_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status=RegistrationStatus.CANCELLED) & Q(purged_at__isnull=True),
                name="events_one_active_registration_per_email",
            ),
            models.UniqueConstraint(
                fields=["event", "queue_number"], name="events_unique_queue_number"
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "queue_number"])]

    def __str__(self):
        return f"{self.name} – {self.event}"

    def save(self, *args, **kwargs):
        # Stored lower-case so that the uniqueness rule ignores case.
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    @property
    def institution_label(self):
        return str(self.institution) if self.institution_id else self.institution_other

    @property
    def is_confirmed(self):
        return self.status == RegistrationStatus.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == RegistrationStatus.WAITING

    @property
    def is_cancelled(self):
        return self.status == RegistrationStatus.CANCELLED

    def waiting_position(self):
        """Where this registration stands on the waiting list (1 = next to get
        a seat), or None. The one definition every screen and message uses;
        `waiting_positions` gives the same numbers for a whole list at once."""
        if not self.is_waiting:
            return None
        return (
            Registration.objects.filter(
                event_id=self.event_id,
                status=RegistrationStatus.WAITING,
                queue_number__lt=self.queue_number,
            ).count()
            + 1
        )

    def get_manage_path(self):
        return reverse("events:manage", kwargs={"token": self.manage_token})

    def get_checkin_path(self):
        return reverse("events:check_in", kwargs={"token": self.checkin_token})


def waiting_positions(event_id):
    """{registration id: position on the waiting list} for one event, in one
    query: the same numbers as `Registration.waiting_position`."""
    ids = (
        Registration.objects.filter(event_id=event_id, status=RegistrationStatus.WAITING)
        .order_by("queue_number")
        .values_list("pk", flat=True)
    )
    return {pk: position for position, pk in enumerate(ids, start=1)}


class RegistrationMail(models.Model):
    """A message owed to a registrant. Written in the same transaction as the
    change that causes it, sent after commit, and retried until it goes
    (`send_pending_mail`), so a mail server outage never loses a message
    nor rolls back a registration."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="mails", verbose_name=_("registration")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=MailKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.PENDING
    )
    payload = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration email")
        verbose_name_plural = _("registration emails")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"
