from django import template
from wagtail.models import Page

from portal.translation_review import review_state, source_workflow

register = template.Library()


@register.inclusion_tag("portal/admin/translation_review_panel.html", takes_context=True)
def translation_review_panel(context, translation, instance):
    """Status of a translation and the review actions open to this user."""
    request = context["request"]
    if not isinstance(instance, Page):
        return {"show": False}
    page = instance.specific
    state = review_state(page)
    task_state = state["task_state"]
    can_review = False
    if task_state is not None:
        task = task_state.task.specific
        can_review = bool(task.user_can_access_editor(page, request.user)) and any(
            name == "approve" for name, _label, _modal in task.get_actions(page, request.user)
        )
    workflow = source_workflow(translation, page)
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "translation": translation,
        "page": page,
        "state": state,
        "workflow": workflow,
        "can_review": can_review,
        "can_publish": page.permissions_for_user(request.user).can_publish(),
    }
