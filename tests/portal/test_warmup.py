"""What gunicorn's master loads before forking the workers (deploy/gunicorn)."""

import gc
import runpy
from pathlib import Path

from django.conf import settings
from django.urls import clear_url_caches, get_resolver
from django.utils.translation import trans_real

from portal import warmup

CONFIG = Path(settings.BASE_DIR) / "deploy" / "gunicorn" / "gunicorn.conf.py"


def test_warm_up_loads_every_language_and_the_url_tables():
    trans_real._translations.clear()
    clear_url_caches()
    warmup.warm_up()
    # Loaded in the master, shared by every worker forked after it.
    assert {"en", "pl"} <= set(trans_real._translations)
    assert get_resolver()._reverse_dict


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
