from django.db.models import F
from django.dispatch import receiver
from wagtail.documents.models import document_served
from wagtail.signals import page_published


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    """Sent by Wagtail only after every access check passed."""
    from resources.models import DocumentDownload

    updated = DocumentDownload.objects.filter(document=instance).update(count=F("count") + 1)
    if not updated:
        stats, created = DocumentDownload.objects.get_or_create(
            document=instance, defaults={"count": 1}
        )
        if not created:
            DocumentDownload.objects.filter(pk=stats.pk).update(count=F("count") + 1)


@receiver(page_published)
def file_material_documents(sender, instance, **kwargs):
    from resources.models import MaterialPage
    from resources.privacy import sync_document_collections

    if isinstance(instance, MaterialPage):
        sync_document_collections(instance)
