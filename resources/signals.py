import contextlib

from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import pre_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.signals import page_published

from portal import page_cache
from resources.models import DocumentDownload, MaterialPage
from resources.privacy import sync_document_collections
from resources.scenarios.progress import adopt_session_attempts


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    """Sent by Wagtail only after every access check passed."""
    updated = DocumentDownload.objects.filter(document=instance).update(count=F("count") + 1)
    if not updated:
        stats, created = DocumentDownload.objects.get_or_create(
            document=instance, defaults={"count": 1}
        )
        if not created:
            DocumentDownload.objects.filter(pk=stats.pk).update(count=F("count") + 1)
    # update() sends no signal; material pages show the count.
    page_cache.bump_table(DocumentDownload._meta.db_table)


@receiver(page_published)
def file_material_documents(sender, instance, **kwargs):
    if isinstance(instance, MaterialPage):
        sync_document_collections(instance)


@receiver(pre_save)
def store_document_metadata(sender, instance, **kwargs):
    """Listings show each file's size; store it when a document is saved
    outside the admin form (demo data, scripts) so no page read writes it."""
    if sender is not get_document_model() or not instance.file:
        return
    if instance.file_size is None:
        with contextlib.suppress(OSError, ValueError):
            instance._set_document_file_metadata()


@receiver(user_logged_in)
def keep_scenario_progress(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return

    adopt_session_attempts(request, user)
