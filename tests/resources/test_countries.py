"""Study visits name their host country in the visitor's language, and the
admin offers every country, sorted by name in the editor's language."""

import re

import pytest
from wagtail.users.models import UserProfile

from tests.resources.factories import StudyVisitPageFactory

pytestmark = pytest.mark.django_db


def country_options(html):
    select = re.search(r'<select name="host_country".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([A-Z]{2})"[^>]*>([^<]+)</option>', select)


def test_admin_host_country_chooser_lists_every_country_by_name(client, moderator, visits_index):
    client.force_login(moderator)
    url = f"/admin/pages/add/resources/studyvisitpage/{visits_index.pk}/"
    options = country_options(client.get(url).content.decode())
    assert len(options) > 240
    codes = [code for code, _name in options]
    assert codes.index("DE") < codes.index("IT") < codes.index("ES")  # Germany, Italy, Spain
    assert ("JP", "Japan") in options

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "pl"
    profile.save()
    polish = country_options(client.get(url).content.decode())
    codes = [code for code, _name in polish]
    assert codes.index("ES") < codes.index("DE") < codes.index("IT")  # Hiszpania, Niemcy, Włochy
    assert ("JP", "Japonia") in polish


def test_host_country_named_in_visitors_language(client, visits_index, locales):
    visit = StudyVisitPageFactory(parent=visits_index, slug="tokyo", host_country="JP")
    assert "Japan" in client.get(visit.url).content.decode()
    polish = client.get(f"/pl{visit.url}")
    assert polish.status_code == 200
    assert "Japonia" in polish.content.decode()
