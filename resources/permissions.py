"""Publishing materials and study visits needs a moderator's review.

Editors hold the `publish` page permission on the whole tree (portal/roles.py),
and Wagtail lets anyone with that permission publish directly, skipping the
workflow assigned to a section. Removing the permission for a subtree is not
possible (page permissions only add up down the tree), so these page types
answer "may this user publish?" themselves: only moderators and superusers
may. Editors still create, edit, save drafts, schedule (go-live dates) and
submit for moderation; the moderator's approval in the "Moderator review"
workflow publishes the revision (or schedules it).
"""

from wagtail.models import PagePermissionTester

from portal.roles import MODERATORS


def is_moderator(user):
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_resources_is_moderator", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS).exists()
        user._resources_is_moderator = cached
    return cached


class ModeratedPagePermissionTester(PagePermissionTester):
    def can_publish(self):
        return super().can_publish() and is_moderator(self.user)

    def can_publish_subpage(self):
        # Creating and publishing a child in one go (the create view, copies).
        return super().can_publish_subpage() and is_moderator(self.user)


class ModeratedPageMixin:
    """For pages whose publication needs review (and for their parents, so
    that a new child cannot be created already published)."""

    def permissions_for_user(self, user):
        return ModeratedPagePermissionTester(user, self)
