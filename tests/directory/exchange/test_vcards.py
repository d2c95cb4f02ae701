"""vCards of people and institutions, and the pages linking them."""

import vobject


def test_contact_vcard_parses_back(client, office):
    _institution, person, _hidden = office
    response = client.get(f"/directory/contacts/{person.pk}.vcf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Jan Kowalski"
    assert card.n.value.family == "Kowalski"
    assert card.email.value == "jan.kowalski@example.org"
    assert {tel.value for tel in card.tel_list} == {"+48 42 000 00 03", "+48 500 000 004"}
    assert card.org.value == ["Help Desk Łódź"]
    assert card.title.value == "Coordinator"


def test_institution_vcard_parses_back(client, office):
    institution, _person, _hidden = office
    response = client.get(f"/directory/{institution.slug}.vcf")
    card = vobject.readOne(response.content.decode())
    assert card.fn.value == "Help Desk Łódź"
    assert {tel.value for tel in card.tel_list} == {"+48 42 000 00 01", "+48 800 000 002"}
    assert card.adr.value.city == "Łódź"
    assert card.url.value == "https://helpdesk.example.org/"


def test_pages_link_their_vcards(client, office):
    institution, person, _hidden = office
    page = client.get(f"/directory/{institution.slug}/").content.decode()
    assert f'type="text/vcard" href="/directory/{institution.slug}.vcf"' in page
    assert f'href="/directory/contacts/{person.pk}.vcf" type="text/vcard"' in page
    contact_page = client.get(f"/directory/contacts/{person.pk}/").content.decode()
    assert f'href="/directory/contacts/{person.pk}.vcf"' in contact_page
    assert "openstreetmap.org/?mlat=51.759200&amp;mlon=19.456000" in page
    assert "<iframe" not in page


def test_institution_vcard_has_the_address_field_by_field(client, office):
    institution, _person, _hidden = office
    card = vobject.readOne(client.get(f"/directory/{institution.slug}.vcf").content.decode())
    address = card.adr.value
    assert address.street == "ul. Piotrkowska 1"
    assert address.code == "90-001"
    assert address.city == "Łódź"
    # The region's name, not its slug.
    assert address.region == "łódzkie"
    assert address.country == "Poland"


def test_vcard_lines_are_folded_at_75_octets(client, office):
    """vobject folds by characters only when a line has 75 or more of them;
    60 Polish letters make 120 octets in fewer characters."""
    institution, _person, _hidden = office
    long_name = "Ośrodek Interwencji Kryzysowej dla Ofiar Handlu Ludźmi Łódź–Śródmieście"
    institution.name = long_name
    institution.description = "Żółć źdźbła " * 12
    institution.street = "ul. Księdza Ignacego Skorupki 5 lok. 12, Wejście od podwórza"
    institution.save()
    text = client.get(f"/directory/{institution.slug}.vcf").content.decode("utf-8")
    lines = text.split("\r\n")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines), "long lines are folded"
    card = vobject.readOne(text)
    assert card.fn.value == long_name
    assert card.note.value == institution.description
    assert card.adr.value.street == institution.street
