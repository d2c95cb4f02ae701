"""Permissions without two queries on every request of a signed-in user."""

from django.contrib.auth.backends import ModelBackend

from portal import request_cache


class RememberedPermissionsBackend(ModelBackend):
    """Answers permission checks from `portal.request_cache.permissions_of`
    and leaves Django's ModelBackend (listed after it, which authenticates)
    its own per-user attributes filled, so that it asks nothing either.

    It checks no passwords (ModelBackend and allauth's backend do); it
    finds a session's user as ModelBackend does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            own, groups = request_cache.permissions_of(user_obj)
            # The attribute names Django's ModelBackend caches them under.
            user_obj._user_perm_cache = set(own)
            user_obj._group_perm_cache = set(groups)
            user_obj._perm_cache = {*own, *groups}
        return user_obj._perm_cache

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        self.get_all_permissions(user_obj)
        return user_obj._user_perm_cache

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        self.get_all_permissions(user_obj)
        return user_obj._group_perm_cache
