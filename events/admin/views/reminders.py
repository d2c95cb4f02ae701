"""The event's scheduled messages (reminders before it, follow-up after it):
when each goes, to how many it went, change its days or note, cancel it, add one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events import reminders
from events.admin.views.base import EventOrganiserMixin
from events.models import ScheduledMessage
from portal.converters import parse_id
from portal.two_factor import TwoFactorRequiredMixin


class ScheduledMessageForm(forms.ModelForm):
    class Meta:
        model = ScheduledMessage
        fields = ["purpose", "days", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean_days(self):
        days = self.cleaned_data["days"]
        if days > 365:
            raise forms.ValidationError(_("At most 365 days."))
        return days


class RemindersView(
    TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, TemplateView
):
    template_name = "events/admin/reminders.html"
    header_icon = "mail"

    def get_page_title(self):
        return _("Reminders and follow-up")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Reminders")})

    def get_header_buttons(self):
        return self.event_buttons()

    def get_url(self):
        return reverse("events_admin:reminders", args=[self.event.pk])

    def get(self, request, *args, **kwargs):
        reminders.ensure_default_schedule(self.event)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "add":
            form = ScheduledMessageForm(request.POST, prefix="new")
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(add_form=form), status=400)
            form.instance.event = self.event
            form.save()
            messages.success(request, _("Message scheduled."))
            return redirect(self.get_url())
        message_id = parse_id(request.POST.get("message"))
        if message_id is None or action not in ("save", "cancel"):
            return self.render_to_response(
                self.get_context_data(error=_("Choose a scheduled message.")), status=400
            )
        message = get_object_or_404(ScheduledMessage, pk=message_id, event=self.event)
        if message.sent_at:
            return self.render_to_response(
                self.get_context_data(error=_("This message has already been sent.")), status=409
            )
        if action == "cancel":
            reminders.cancel(message)
            messages.success(request, _("Message cancelled: it will not be sent."))
            return redirect(self.get_url())
        form = ScheduledMessageForm(request.POST, instance=message, prefix=f"m{message.pk}")
        if not form.is_valid():
            return self.render_to_response(
                self.get_context_data(forms_by_id={message.pk: form}), status=400
            )
        form.instance.cancelled_at = None
        form.save()
        messages.success(request, _("Message saved."))
        return redirect(self.get_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forms_by_id = kwargs.get("forms_by_id") or {}
        rows = []
        for message in self.event.scheduled_messages.order_by("purpose", "-days"):
            message.event = self.event
            rows.append(
                {
                    "message": message,
                    "due_at": message.due_at(self.event),
                    "deliveries": message.deliveries.count(),
                    "form": forms_by_id.get(message.pk)
                    or ScheduledMessageForm(instance=message, prefix=f"m{message.pk}"),
                }
            )
        context.update(
            {
                "event": self.event,
                "rows": rows,
                "now": timezone.now(),
                "add_form": kwargs.get("add_form") or ScheduledMessageForm(prefix="new"),
                "error": kwargs.get("error"),
            }
        )
        return context
