"""Who may see members-only data. Every door (page, search, export, vCard,
feed, document) asks this one function."""

from allauth.account.models import EmailAddress

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
    elif not EmailAddress.objects.filter(user=user, verified=True).exists():
        result = False
    elif user.groups.filter(name__in=STAFF_ROLES).exists():
        result = True
    else:
        result = user.memberships.filter(status=MembershipStatus.APPROVED).exists()
    setattr(user, _CACHE_ATTRIBUTE, result)
    return result


def visible_values(viewer_is_member):
    """The visibility values a viewer may see, for queryset filters."""
    if viewer_is_member:
        return [Visibility.PUBLIC, Visibility.MEMBERS]
    return [Visibility.PUBLIC]
