from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's content (demo/data) and its loader. No other app imports it."""

    name = "demo"
    verbose_name = "Demo content"
