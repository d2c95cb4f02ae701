from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from portal import converters


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Before any URLconf is read: the apps' URLs use <id:...>.
        converters.register()
        # Models are ready only now; this connects the receiver that counts
        # activating an authenticator app as using it.
        from portal import two_factor  # noqa: F401, PLC0415

        # The anonymous page cache's receivers, for every model (now loaded).
        from portal.page_cache import signals as page_cache_signals  # noqa: PLC0415

        page_cache_signals.connect()
