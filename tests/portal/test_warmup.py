"""What gunicorn's master loads before forking the workers (deploy/gunicorn)."""

import gc
import runpy
from pathlib import Path

from django.conf import settings
from django.template import engines

from portal import warmup

CONFIG = Path(settings.BASE_DIR) / "deploy" / "gunicorn" / "gunicorn.conf.py"


def cached_templates():
    engine = engines["django"].engine
    loader = engine.template_loaders[0]
    return loader.get_template_cache if hasattr(loader, "get_template_cache") else {}


def test_warm_up_compiles_the_portals_templates_once(settings):
    names = set(warmup.template_names())
    assert "portal/home_page.html" in names or any(n.startswith("portal/") for n in names)
    assert "wagtailadmin/base.html" in names
    warmup.warm_up()
    loaded = cached_templates()
    assert any(name.startswith("portal/") for name in loaded)
    assert "base.html" in loaded


def test_the_gunicorn_configuration_preloads_and_freezes_before_forking(monkeypatch):
    config = runpy.run_path(str(CONFIG))
    assert config["preload_app"] is True
    assert config["workers"] >= 1
    warmed = []
    monkeypatch.setattr(warmup, "warm_up", lambda: warmed.append(True))
    frozen = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    config["pre_fork"](server=None, worker=None)
    config["pre_fork"](server=None, worker=None)
    # Warmed once for every worker forked after it; frozen before each fork.
    assert warmed == [True]
    assert frozen == [True, True]
