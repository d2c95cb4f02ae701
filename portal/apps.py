from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from portal import converters, lazy_modules, public_address

# Before the other apps' modules are imported: this app is the first in
# INSTALLED_APPS, and they import requests, BeautifulSoup and Willow.
lazy_modules.register()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before any URLconf is read: the apps' URLs use <id:...>.
        converters.register()
        # Before any URLconf is read: allauth's imports WebAuthn's flows.
        lazy_modules.register_after_models()
        # The default Site carries the public address after every migrate,
        # so that Wagtail's full URLs never say localhost.
        post_migrate.connect(
            public_address.apply_after_migrate,
            sender=self,
            dispatch_uid="portal.public_address",
        )
        # Models are ready only now; this connects the receiver that counts
        # activating an authenticator app as using it.
        from portal import two_factor  # noqa: F401, PLC0415

        # The anonymous page cache's receivers, for every model (now loaded).
        from portal.page_cache import signals as page_cache_signals  # noqa: PLC0415

        page_cache_signals.connect()
        # Locales, the Site and permissions remembered across requests.
        from portal import request_cache  # noqa: PLC0415

        request_cache.connect()
