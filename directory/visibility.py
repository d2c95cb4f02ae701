"""Who may see members-only data. Every door (page, search, export, vCard,
feed, document) asks this one function."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from directory.choices import MembershipStatus, Visibility
from portal.roles import STAFF_ROLES

_CACHE_ATTRIBUTE = "_portal_is_member"


def is_member(user):
    """True for a signed-in user with a verified email address who is an
    approved member of an institution, and for the portal's own staff."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        result = True
    else:
        # One query: a verified address, and a staff role or an approved membership.
        flags = (
            get_user_model()
            ._default_manager.filter(pk=user.pk)
            .values(
                verified=Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)),
                staff=Exists(
                    user.groups.through.objects.filter(
                        **{user.groups.source_field_name: OuterRef("pk")},
                        group__name__in=STAFF_ROLES,
                    )
                ),
                approved=Exists(
                    user.memberships.model.objects.filter(
                        user=OuterRef("pk"), status=MembershipStatus.APPROVED
                    )
                ),
            )
            .first()
        )
        result = bool(flags and flags["verified"] and (flags["staff"] or flags["approved"]))
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def visible_values(viewer_is_member):
    """The visibility values a viewer may see, for queryset filters."""
    if viewer_is_member:
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]
