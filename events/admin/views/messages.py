"""A message from the organisers to one group of an event's registrants, seen
first as the attendee will read it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events import services
from events.admin.forms import MessageForm
from events.admin.views.base import EventOrganiserMixin
from events.choices import MailKind
from events.emails import build_email
from events.models import RegistrationMail
from portal.two_factor import TwoFactorRequiredMixin


class MessageView(TwoFactorRequiredMixin, EventOrganiserMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "events/admin/message.html"
    form_class = MessageForm
    header_icon = "mail"

    def get_page_title(self):
        return _("Message to attendees")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return self.event_breadcrumbs({"url": "", "label": _("Message attendees")})

    def get_initial(self):
        audience = self.request.GET.get("to", "confirmed")
        return {"audience": audience if audience in services.MESSAGE_AUDIENCES else "confirmed"}

    def counts(self):
        return {
            audience: services.message_recipients(self.event, audience).count()
            for audience in services.MESSAGE_AUDIENCES
        }

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["counts"] = self.counts()
        return kwargs

    def preview(self, form):
        data = form.cleaned_data
        recipients = services.message_recipients(self.event, data["audience"])
        first = recipients.select_related("event").first()
        email = None
        if first is not None:
            # An unsaved mail: rendered exactly as it will be sent, never queued.
            mail = RegistrationMail(
                registration=first,
                kind=MailKind.MESSAGE,
                payload={"subject": data["subject"], "body": data["body"]},
            )
            email = build_email(mail)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                preview=email,
                preview_recipient=first,
                recipient_count=recipients.count(),
            )
        )

    def form_valid(self, form):
        if "send" not in self.request.POST:
            return self.preview(form)
        data = form.cleaned_data
        count = services.send_message(self.event, data["subject"], data["body"], data["audience"])
        if count:
            messages.success(
                self.request,
                _("The message is being sent to %(count)s people.") % {"count": count},
            )
        else:
            messages.warning(self.request, _("Nobody is in that group: no message was sent."))
        return redirect(reverse("events_admin:registrations", args=[self.event.pk]))
