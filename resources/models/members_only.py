from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse

from directory.choices import Visibility
from directory.visibility import is_member


class MembersOnlyPageMixin:
    """For pages with a `visibility` field (materials, training scenarios).

    The page itself is a door too: a members-only page sends visitors to log
    in and refuses signed-in non-members, and stays out of the sitemap. Search,
    listings and feeds apply the same rule through resources.queries."""

    @property
    def is_members_only(self):
        return self.visibility == Visibility.MEMBERS

    def serve(self, request, *args, **kwargs):
        if self.is_members_only and not is_member(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return TemplateResponse(
                request, "resources/members_only.html", {"page": self}, status=403
            )
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if self.is_members_only:
            return []
        return super().get_sitemap_urls(request)
