"""Translations go through the same review as the pages they translate.

wagtail-localize publishes a new translation at once and lets anyone who can
edit a page publish synchronised changes; public bodies need "nothing reaches
the public, in either language, that nobody approved". So:

- a new translation starts as a draft (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE
  = False`` in settings) and the Translate form ticks the only language offered;
- "Update translations" publishes only for people who may publish every
  translation; everyone else's updates become drafts;
- the translator submits the translation to the source page's workflow from
  the translation editor, and the moderator compares it side by side with the
  source before approving it with Wagtail's own workflow actions.

The views here replace wagtail-localize's at the same admin paths (the portal's
admin URLs are registered first), and add two of their own.
"""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView

from portal.translation_status import DRAFT, MISSING, OUTDATED, STATUS_LABELS, problems


class SubmitPageTranslationWithDefaultView(SubmitPageTranslationView):
    """Translate form with the language ticked when it is the only one left."""

    def get_form(self):
        form = super().get_form()
        if self.request.method != "POST" and not form.initial.get("locales"):
            locales = list(form.fields["locales"].queryset)
            if len(locales) == 1:
                form.initial["locales"] = locales
        return form


def _target(translation):
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def _target_pages(source):
    translations = source.translations.filter(enabled=True).select_related("target_locale")
    pages = []
    for translation in translations:
        target = _target(translation)
        if isinstance(target, Page):
            pages.append(target)
    return pages


def can_publish_all(user, pages):
    return all(page.permissions_for_user(user).can_publish() for page in pages)


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """Synchronised changes become drafts unless the user may publish them."""

    def get_form(self):
        form = super().get_form()
        if not can_publish_all(self.request.user, _target_pages(self.object)):
            form.fields.pop("publish_translations", None)
        return form

    def form_valid(self, form):
        form.cleaned_data.setdefault("publish_translations", False)
        return super().form_valid(form)


def _translation_for_page(translation_id, user):
    translation = get_object_or_404(
        Translation.objects.select_related("source", "target_locale", "source__locale"),
        pk=translation_id,
    )
    page = _target(translation)
    if not isinstance(page, Page):
        raise PermissionDenied
    page = page.specific
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied
    return translation, page


def review_state(page):
    """What the moderator and the translator need to know about one translation."""
    workflow_state = page.current_workflow_state
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "workflow_state": workflow_state,
        "task_state": workflow_state.current_task_state if workflow_state else None,
    }


def source_workflow(translation, page):
    """The workflow that reviews the source page reviews its translations too:
    the translated tree may have no workflow of its own."""
    source = translation.source.get_source_instance()
    workflow = source.get_workflow() if isinstance(source, Page) else None
    return workflow or page.get_workflow()


@require_POST
@transaction.atomic
def submit_for_review(request, translation_id):
    translation, page = _translation_for_page(translation_id, request.user)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already waiting for review."))
        return redirect(edit_url)
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError as error:
        messages.error(
            request,
            _("The translation cannot be saved yet: %(errors)s")
            % {"errors": "; ".join(error.messages)},
        )
        return redirect(edit_url)
    page = page.specific_class.objects.get(pk=page.pk)
    workflow = source_workflow(translation, page)
    if workflow is None or not workflow.active:
        messages.success(
            request,
            _("The translation was saved as a draft. Someone who may publish it must now do so."),
        )
        return redirect(edit_url)
    workflow.start(page, request.user)
    messages.success(
        request,
        _("The translation was submitted to “%(workflow)s”. It goes live once approved.")
        % {"workflow": workflow.name},
    )
    return redirect(edit_url)


def compare_translation(request, translation_id):
    """Source and translation side by side, segment by segment, as the
    moderator reviews it."""
    translation, page = _translation_for_page(translation_id, request.user)
    segments = (
        StringSegment.objects.filter(source=translation.source)
        .select_related("string")
        .order_by("order")
        .annotate_translation(translation.target_locale)
    )
    rows = [
        {
            "context": segment.context.path if segment.context_id else "",
            "source": segment.string.data,
            "translation": segment.translation,
        }
        for segment in segments.select_related("context")
    ]
    missing = sum(1 for row in rows if not row["translation"])
    return TemplateResponse(
        request,
        "portal/admin/translation_compare.html",
        {
            "translation": translation,
            "page": page,
            "source_page": translation.source.get_source_instance(),
            "rows": rows,
            "missing": missing,
            "state": review_state(page),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        },
    )


STATUS_CHOICES = (MISSING, DRAFT, OUTDATED)


def can_see_translations_report(user):
    return PagePermissionPolicy().user_has_any_permission(user, {"change", "publish"})


def translations_report(request):
    """Pages whose translations are missing, unpublished or out of date."""
    if not can_see_translations_report(request.user):
        raise PermissionDenied
    wanted = request.GET.get("status", "")
    statuses = (wanted,) if wanted in STATUS_CHOICES else STATUS_CHOICES
    paginator = Paginator(problems(statuses), 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "portal/admin/translations_report.html",
        {
            "page_obj": page_obj,
            "status": wanted if wanted in STATUS_CHOICES else "",
            "status_choices": [(value, STATUS_LABELS[value]) for value in STATUS_CHOICES],
            "total": paginator.count,
        },
    )
