"""Better Polish for third-party apps (locale_overrides/) keeps working: every
overridden string still exists in the app, and the Polish pages use ours."""

import ast
from pathlib import Path

import allauth
import pytest

OVERRIDES = Path(__file__).resolve().parents[2] / "locale_overrides" / "pl" / "LC_MESSAGES"
ALLAUTH = Path(allauth.__file__).parent / "locale" / "pl" / "LC_MESSAGES" / "django.po"


def msgids(po_file):
    """The msgids of a .po file (continuation lines joined)."""
    found, current = set(), None
    for line in po_file.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current = ast.literal_eval(line[len("msgid ") :])
        elif line.startswith('"') and current is not None:
            current += ast.literal_eval(line)
        else:
            if current:
                found.add(current)
            current = None
    return found


def test_every_override_matches_a_string_of_the_installed_allauth():
    ours = msgids(OVERRIDES / "django.po")
    assert ours
    assert ours - msgids(ALLAUTH) == set()


@pytest.mark.django_db
def test_polish_login_page_uses_the_overrides(client):
    content = client.get("/pl/accounts/login/").content.decode()
    assert "Nie pamiętasz hasła?" in content
    assert "Zapomniałeś" not in content
