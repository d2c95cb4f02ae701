from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import get_ip
from allauth.core.ratelimit import respond_429
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext

from portal import public_address

# Links in account mail, rebuilt on the public address: allauth builds them
# from the request's host, which behind a proxy or from a worker is not it.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Account mail goes out in the recipient's language when we know it.
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            context = dict(context)
            for key in MAIL_LINKS:
                if context.get(key):
                    context[key] = public_address.rebase(context[key])
            # allauth would name the site after the request's Host header
            # ("Hello from 127.0.0.1:8401!"); the portal signs with its own
            # name and public address, in the recipient's language.
            context["current_site"] = public_address.PublicSite(
                name=gettext(public_address.site_name()), domain=public_address.domain()
            )
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            context["portal_url"] = public_address.absolute(prefix + "/")
            super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject):
        # "Confirm your email address – Cooperation Portal": the inbox shows
        # who writes before the message is opened.
        name = gettext(public_address.site_name())
        return f"{super().format_email_subject(subject)} – {name}"

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Failed logins are counted per account *and* client address (see
        # ACCOUNT_RATE_LIMITS["login_failed"]): someone guessing a password
        # from one place is slowed down, while the owner signing in from
        # another place is never locked out by them.
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{get_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        # allauth shows "too many attempts" as a form error with status 200;
        # a refusal to even check the password is a 429.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ImmediateHttpResponse(respond_429(request)) from error
