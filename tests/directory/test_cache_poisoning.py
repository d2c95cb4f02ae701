"""One visitor's filters never change what another visitor's filters show:
the cached filter counts (which also set the result total) are keyed by the
parsed filter values, not by a string a value can imitate."""

import pytest

from directory.choices import InstitutionKind
from tests.directory.factories import InstitutionFactory
from tests.factories import TopicFactory

REAL = "/directory/?region=lubelskie&topic=labour-exploitation&sort=verified"
HOSTILE = "/directory/?region=lubelskie%26topic%3Dlabour-exploitation&sort=verified"


@pytest.fixture
def lublin(home_page):
    return InstitutionFactory(
        name="District Labour Inspectorate in Lublin",
        slug="oip-lublin",
        kind=InstitutionKind.LABOUR_INSPECTORATE,
        region="lubelskie",
        competences=[TopicFactory(slug="labour-exploitation", name="Labour exploitation")],
    )


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_free_text_value_cannot_pose_as_two_filters(client, lublin, member, signed_in):
    if signed_in:
        client.force_login(member)
    hostile = client.get(HOSTILE)
    assert hostile.status_code == 200
    assert hostile.context["result_count"] == 0

    response = client.get(REAL)
    assert response.context["result_count"] == 1
    body = response.content.decode()
    assert "1 institution" in body
    assert "District Labour Inspectorate in Lublin" in body
