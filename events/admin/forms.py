"""The organisers' forms: the event page's admin form (times are typed in the
event's own zone), adding and importing attendees, messages, status and
invitation codes."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.choices import RegistrationStatus
from events.forms import RegistrationForm
from portal.page_forms import CoordinatesFormMixin, LocalisedTopicsPageForm

LOCAL_TIME_FIELDS = ("start", "end", "registration_opens_at", "registration_closes_at")


def _rezone(value, from_zone, to_zone):
    """The same wall-clock reading, moved from one zone to another."""
    naive = timezone.make_naive(value, from_zone)
    return timezone.make_aware(naive, to_zone)


class EventPageForm(CoordinatesFormMixin, LocalisedTopicsPageForm):
    """Django reads and shows datetimes in the admin user's current zone; an
    organiser in Warsaw typing 10:00 for a visit in Sofia means 10:00 Sofia
    time. So the form shows stored instants as the event's wall-clock time
    and reinterprets what is typed in the event's zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance is None or not instance.timezone:
            return
        event_zone = zoneinfo.ZoneInfo(instance.timezone)
        current = timezone.get_current_timezone()
        for name in LOCAL_TIME_FIELDS:
            if name not in self.fields:
                continue
            value = self.initial.get(name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = _rezone(
                    timezone.localtime(value, event_zone), event_zone, current
                )

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("timezone") or "Europe/Warsaw"
        try:
            event_zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned_data
        current = timezone.get_current_timezone()
        for name in LOCAL_TIME_FIELDS:
            value = cleaned_data.get(name)
            if value is not None and timezone.is_aware(value):
                cleaned_data[name] = _rezone(
                    timezone.localtime(value, current), current, event_zone
                )
        return cleaned_data


class OrganiserRegistrationForm(RegistrationForm):
    """An organiser adds an attendee by hand (no consent box: the organiser
    records the attendee's consent outside the portal)."""

    send_confirmation = forms.BooleanField(
        label=_("Send the confirmation email"), required=False, initial=True
    )
    language = forms.ChoiceField(
        label=_("Language of the emails"), choices=settings.LANGUAGES, initial="pl"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("consent", "website", "invitation_code"):
            self.fields.pop(name, None)
        for question_field in [f for n, f in self.fields.items() if n.startswith("q_")]:
            question_field.required = False


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: name, email, institution, position, phone, dietary, accessibility, "
            "language, and one column per question of the registration form, named as the "
            "question. The first line holds the column names; download the template below."
        ),
    )
    skip_duplicates = forms.BooleanField(
        label=_("Skip people already registered or named twice in the file"),
        required=False,
        initial=True,
    )
    send_confirmation = forms.BooleanField(
        label=_("Send confirmation emails"), required=False, initial=False
    )


AUDIENCE_LABELS = {
    "confirmed": _("Confirmed attendees"),
    "waiting": _("The waiting list"),
    "present": _("Those checked in (present)"),
    "absent": _("Confirmed but not checked in (absent)"),
    "all": _("Everyone registered (confirmed and waiting list)"),
}


class MessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("To"), widget=forms.RadioSelect, initial="confirmed", choices=(), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea)

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        self.fields["audience"].choices = [
            (key, f"{label} ({counts.get(key, 0)})") for key, label in AUDIENCE_LABELS.items()
        ]

    def clean_audience(self):
        return self.cleaned_data.get("audience") or "confirmed"

    def clean_subject(self):
        return " ".join(self.cleaned_data["subject"].split())


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RegistrationStatus.choices)


class InvitationCodesForm(forms.Form):
    count = forms.IntegerField(label=_("How many codes"), min_value=1, max_value=500, initial=10)
    max_uses = forms.IntegerField(label=_("Uses per code"), min_value=1, max_value=10000, initial=1)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    emails = forms.CharField(
        label=_("Invitees' email addresses (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: each gets a code of their own (instead of the number above), "
            "and those who have not registered a week before the event are reminded."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the reminder"),
        choices=settings.LANGUAGES,
        initial="pl",
        required=False,
    )

    def clean_emails(self):
        validate = forms.EmailField().clean
        addresses, bad = [], []
        for line in self.cleaned_data["emails"].splitlines():
            line = line.strip().strip(",;").strip()
            if not line:
                continue
            try:
                addresses.append(validate(line).lower())
            except forms.ValidationError:
                bad.append(line[:100])
        if bad:
            raise forms.ValidationError(
                _("Not an email address: %(lines)s") % {"lines": ", ".join(bad[:5])}
            )
        if len(addresses) > 500:
            raise forms.ValidationError(_("At most 500 addresses at a time."))
        return list(dict.fromkeys(addresses))
