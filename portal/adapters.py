from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal.ratelimit import get_ip
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # Account mail goes out in the recipient's language when we know it.
        user = context.get("user")
        language = getattr(user, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

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
