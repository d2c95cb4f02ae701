"""The materials listing says how many more materials members see, instead
of hiding them silently; counts only, never titles."""

from tests.resources.factories import MaterialPageFactory


def test_anonymous_visitor_is_told_how_many_more_members_see(client, materials_index):
    MaterialPageFactory(parent=materials_index, title="Open guide")
    for number in range(3):
        MaterialPageFactory(
            parent=materials_index, title=f"Restricted manual {number}", visibility="members"
        )
    html = client.get(materials_index.url).content.decode()
    assert "3 more materials are available to members" in html
    assert "Restricted manual" not in html
    assert 'href="/accounts/signup/"' in html


def test_the_count_follows_the_filters(client, materials_index):
    MaterialPageFactory(parent=materials_index, visibility="members", material_type="guideline")
    MaterialPageFactory(parent=materials_index, visibility="members", material_type="report")
    html = client.get(materials_index.url, {"type": "report"}).content.decode()
    assert "1 more material is available to members" in html


def test_members_see_no_such_line(client, materials_index, approved_member):
    MaterialPageFactory(parent=materials_index, visibility="members")
    client.force_login(approved_member)
    html = client.get(materials_index.url).content.decode()
    assert "available to members" not in html


def test_signed_in_non_member_is_offered_membership(client, materials_index, user):
    MaterialPageFactory(parent=materials_index, visibility="members")
    client.force_login(user)
    html = client.get(materials_index.url).content.decode()
    assert "1 more material is available to members" in html
    assert 'href="/directory/membership/"' in html
