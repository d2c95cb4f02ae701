"""What every portal process holds in memory: Wagtail's apps without the
API v3 (and v2 redirects API) they would build in ready() (portal/wagtail_apps.py),
and allauth's WebAuthn code loaded only when used (portal/lazy_modules.py)."""

import json
import os
import subprocess
import sys
import threading
from types import ModuleType

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_migrate
from wagtail.contrib.redirects.signal_handlers import (
    autocreate_redirects_on_page_move,
    autocreate_redirects_on_slug_change,
)
from wagtail.images import get_image_model
from wagtail.models.reference_index import ReferenceIndex
from wagtail.signals import page_slug_changed, post_page_move
from wagtail.snippets.models import create_extra_permissions

from portal import lazy_modules, wagtail_apps

# A process as gunicorn's master prepares it: the apps set up, every URL
# module imported and the reverse tables built.
STARTED = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().reverse_dict
from portal.warmup import warm_up
warm_up()
BEFORE = set(sys.modules)
HEIF = sys.modules.get("pillow_heif", "absent")
import wagtail.api.v3.api as real
from allauth.mfa.webauthn.internal import flows
webauthn_server = flows.auth.Fido2Server.__name__
from wagtail.embeds.finders import oembed
from bs4 import dammit
from rest_framework import compat
deferred = {name: type(sys.modules[name]).__name__ for name in
    ("requests", "charset_normalizer", "soupsieve", "yaml")}
print(json.dumps({
    "before": sorted(m for m in ("ninja", "wagtail.images.api.v3.router",
        "wagtail.snippets.api.v3", "wagtail.contrib.redirects.api", "fido2",
        "cryptography", "requests.adapters", "urllib3", "charset_normalizer.md",
        "soupsieve.css_parser", "yaml.constructor", "qrcode") if m in BEFORE),
    "deferred": deferred,
    "heif": repr(HEIF),
    "requests_after": oembed.requests.Session.__name__,
    "charset_after": dammit.chardet_module.detect("Zażółć gęślą jaźń".encode("cp1250"))["encoding"],
    "yaml_after": compat.yaml.safe_load("a: 1"),
    "real_api_after": type(real.api).__name__,
    "webauthn_server_after": webauthn_server,
    "fido2_after": "fido2.server" in sys.modules,
}))
"""


def started_process():
    done = subprocess.run(  # noqa: S603 - our own fixed command
        [sys.executable, "-c", STARTED],
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"},
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_started_process_holds_no_api_v3_nor_webauthn_and_can_still_use_them():
    found = started_process()
    # Neither django-ninja's API nor the apps' routers nor the redirects' API
    # v2 (Django REST framework) were built; security keys' fido2 and
    # cryptography were not imported, nor requests, the encoding guesser,
    # CSS selectors, YAML or QR codes.
    assert found["before"] == []
    assert found["deferred"] == dict.fromkeys(
        ("requests", "charset_normalizer", "soupsieve", "yaml"), "DeferredModule"
    )
    # HEIC is not an accepted upload: Willow found no pillow-heif.
    assert found["heif"] == "None"
    # Their importers hold the real modules, which run on first use.
    assert found["requests_after"] == "Session"
    assert found["charset_after"] in {"cp1250", "windows-1250"}
    assert found["yaml_after"] == {"a": 1}
    # No stand-in is left behind: the real module imports when asked for.
    assert found["real_api_after"] == "NinjaAPI"
    # WebAuthn's module is the real one, run on first use.
    assert found["webauthn_server_after"] == "Fido2Server"
    assert found["fido2_after"] is True


def test_the_apps_are_still_wagtails_with_the_rest_of_their_ready():
    for label, config in {
        "wagtailimages": wagtail_apps.ImagesConfig,
        "wagtaildocs": wagtail_apps.DocumentsConfig,
        "wagtailsnippets": wagtail_apps.SnippetsConfig,
        "wagtailredirects": wagtail_apps.RedirectsConfig,
    }.items():
        assert isinstance(apps.get_app_config(label), config)
    assert apps.is_installed("wagtail.images")
    # What their ready() does besides the API v3 still happened.
    assert ReferenceIndex.model_is_indexable(get_image_model())
    assert autocreate_redirects_on_page_move in connected(post_page_move)
    assert autocreate_redirects_on_slug_change in connected(page_slug_changed)
    snippets = apps.get_app_config("wagtailsnippets")
    assert create_extra_permissions in connected(post_migrate, sender=snippets)


def connected(signal, sender=None):
    sync_receivers, async_receivers = signal._live_receivers(sender)
    return [*sync_receivers, *async_receivers]


def test_imports_of_the_unused_packages_get_a_stand_in_only_inside_the_block():
    name = "wagtail.images.api.v3.nothing_real"
    with wagtail_apps.without(("wagtail.images.api.v3",)):
        module = __import__(name, fromlist=["router"])
        module.router.add_router("/x/", None)
        assert module.register_content_types() is None
    assert name not in sys.modules
    assert "wagtail.images.api.v3" not in sys.modules or not isinstance(
        sys.modules["wagtail.images.api.v3"], wagtail_apps._UnusedModule
    )


@pytest.fixture
def probes(tmp_path, monkeypatch):
    """Write modules under tmp_path whose code records each run of it in
    the returned list; they leave sys.modules with the test."""
    runs = []
    monkeypatch.setattr(sys, "deferred_probe_runs", runs, raising=False)
    monkeypatch.syspath_prepend(tmp_path)
    written = []

    def write(name, code=""):
        path = tmp_path.joinpath(*name.split("."))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(".py").write_text(
            f"import sys\nsys.deferred_probe_runs.append({name!r})\n{code}\n"
        )
        written.append(name)

    yield write, runs
    for name in [*written, *(n.rpartition(".")[0] for n in written)]:
        sys.modules.pop(name, None)


def test_a_deferred_module_runs_on_first_use_not_on_import(probes):
    write, runs = probes
    write("deferred_probe", "value = 42")
    module = lazy_modules.defer("deferred_probe")
    import deferred_probe  # noqa: PLC0415 - the import under test

    # Importing it (which reads its __spec__) binds it without running it.
    assert deferred_probe is module
    assert runs == []
    assert deferred_probe.value == 42
    assert runs == ["deferred_probe"]
    assert type(deferred_probe) is ModuleType
    assert deferred_probe.value == 42
    assert runs == ["deferred_probe"]


def test_a_module_of_a_deferred_package_imported_first_runs_once(probes):
    write, runs = probes
    write("deferred_pkg/__init__", "from .errors import ProbeError")
    write("deferred_pkg.errors", "class ProbeError(Exception): pass")
    lazy_modules.defer("deferred_pkg")
    import deferred_pkg  # noqa: PLC0415
    from deferred_pkg.errors import ProbeError  # noqa: PLC0415 - the import under test

    # One module, one class: what the package raises is what was imported.
    assert deferred_pkg.ProbeError is ProbeError
    assert sys.modules["deferred_pkg.errors"].ProbeError is ProbeError
    assert runs == ["deferred_pkg/__init__", "deferred_pkg.errors"]
    assert sys.modules["deferred_pkg.errors"].__spec__.origin.endswith("errors.py")


def test_threads_using_a_deferred_module_at_once_wait_for_one_run(probes):
    write, runs = probes
    write("deferred_slow", "import time\ntime.sleep(0.2)\nvalue = 42")
    module = lazy_modules.defer("deferred_slow")
    values = []
    threads = [threading.Thread(target=lambda: values.append(module.value)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert values == [42, 42, 42, 42]
    assert runs == ["deferred_slow"]


def test_a_deferred_module_whose_code_fails_raises_and_runs_again_next_time(probes):
    write, runs = probes
    write(
        "deferred_fragile",
        "if len(sys.deferred_probe_runs) == 1:\n    raise ImportError('not yet')\nvalue = 42",
    )
    module = lazy_modules.defer("deferred_fragile")
    with pytest.raises(ImportError, match="not yet"):
        module.value  # noqa: B018 - the read under test
    assert type(module) is lazy_modules.DeferredModule
    assert module.value == 42
    assert len(runs) == 2


def test_defer_leaves_a_missing_or_imported_module_alone():
    assert lazy_modules.defer("no_such_module_anywhere") is None
    assert "no_such_module_anywhere" not in sys.modules
    assert lazy_modules.defer("json") is json
    assert type(json) is ModuleType


def test_pillow_heif_is_kept_out_only_while_heic_is_not_accepted(settings, monkeypatch):
    monkeypatch.delitem(sys.modules, "pillow_heif", raising=False)
    settings.WAGTAILIMAGES_EXTENSIONS = ["jpg", "png", "heic"]
    lazy_modules.register()
    assert "pillow_heif" not in sys.modules
    settings.WAGTAILIMAGES_EXTENSIONS = ["jpg", "png"]
    lazy_modules.register()
    assert sys.modules["pillow_heif"] is None
