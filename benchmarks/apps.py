from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """The `benchmark` command: tooling beside the product, like the demo."""

    name = "benchmarks"
    label = "benchmarks"
