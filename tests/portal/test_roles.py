import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from portal.models import StandardPage
from tests.factories import StandardPageFactory


@pytest.mark.django_db
def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "Members",
        "Organisers",
        "Editors",
        "Moderators",
    }


@pytest.mark.django_db
def test_editor_can_publish_a_standard_page(client, home_page, editor):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("portal", "standardpage", home_page.pk))
    data = nested_form_data(
        {
            "title": "Referral guide",
            "slug": "referral-guide",
            "introduction": "How to refer a presumed victim.",
            "body": streamfield([("paragraph", rich_text("<p>Call the hotline.</p>"))]),
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="referral-guide")
    assert page.live
    assert client.get(page.url).status_code == 200


@pytest.mark.django_db
def test_member_gets_no_admin_access(client, home_page, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code in (302, 403)
    assert not member.has_perm("wagtailadmin.access_admin")
    page = StandardPageFactory(parent=home_page, slug="x")
    assert not page.permissions_for_user(member).can_publish()


@pytest.mark.django_db
def test_organiser_and_moderator_reach_the_admin(client, home_page, organiser, moderator):
    for user in (organiser, moderator):
        client.force_login(user)
        assert client.get("/admin/").status_code == 200
