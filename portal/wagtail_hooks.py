from wagtail import hooks
from wagtail.snippets.models import register_snippet

from portal.viewsets import TopicViewSet

register_snippet(TopicViewSet)


@hooks.register("portal_account_sections", order=90)
def your_data_section(request):
    """Download one's data or delete the account, last on My account."""
    if not request.user.is_authenticated:
        return None
    return {"template": "portal/sections/your_data.html"}
