from django import template

from directory.models import Membership
from directory.visibility import is_member

register = template.Library()


@register.simple_tag(takes_context=True)
def membership_status(context):
    """Where the visitor stands: signed in or not, an approved member or not,
    and the institutions they have asked to join and wait for. Templates use
    it to say what a members-only action needs instead of leading to a dead end."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"signed_in": False, "is_member": False, "pending": []}
    pending = [
        membership.institution
        for membership in Membership.objects.requested()
        .filter(user=user)
        .select_related("institution")
    ]
    return {"signed_in": True, "is_member": is_member(user), "pending": pending}
