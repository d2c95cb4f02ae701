"""The "Moderator review" workflow: editors submit, moderators approve."""

from django.contrib.auth.models import Group
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from portal.roles import MODERATORS

WORKFLOW_NAME = "Moderator review"


def ensure_moderation_workflow(*pages):
    """Create the workflow once and assign it to each page (and so to the
    pages below it). Safe to call again."""
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(Group.objects.get_or_create(name=MODERATORS)[0])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow
