"""A message to every confirmed attendee of an event."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events import services
from events.admin.forms import MessageForm
from events.admin.views.base import EventOrganiserMixin
from portal.two_factor import TwoFactorRequiredMixin


class MessageView(TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/form.html"
    form_class = MessageForm
    header_icon = "mail"

    def get_page_title(self):
        return _("Message to confirmed attendees")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Message attendees")})

    def form_valid(self, form):
        count = services.send_message(
            self.event, form.cleaned_data["subject"], form.cleaned_data["body"]
        )
        messages.success(
            self.request, _("The message is being sent to %(count)s attendees.") % {"count": count}
        )
        return redirect(reverse("events_admin:registrations", args=[self.event.pk]))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = _("Send")
        context["intro"] = _("Sent to every confirmed attendee, in their own email.")
        return context
