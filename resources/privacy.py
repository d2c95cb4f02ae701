"""Members-only materials at the document door.

Documents are served by Django (WAGTAILDOCS_SERVE_METHOD = "serve_view", at
/documents/<id>/<filename>); in production the media directory (or bucket,
with signed URLs) is not published, and in development portal/urls.py does
not serve MEDIA_ROOT/documents/. Two locks guard a members-only material's
files:

1. `refuse_members_only_document` (a `before_serve_document` hook) refuses
   anyone who is not a member (directory.visibility.is_member) for a document
   that any members-only material uses, wherever the document is filed, or
   that sits in the "Members-only materials" collection.
2. Publishing a members-only material moves its documents into that
   collection, which carries Wagtail's own login view restriction: even
   without this app's hook an anonymous visitor would be refused.
"""

from django.contrib.auth.views import redirect_to_login
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, CollectionViewRestriction

from directory.choices import Visibility
from directory.visibility import is_member
from resources.models import MaterialFile

MEMBERS_COLLECTION_NAME = "Members-only materials"


def members_collection():
    """The private collection, created with its login restriction once."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=MEMBERS_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=MEMBERS_COLLECTION_NAME)
    CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        defaults={"restriction_type": CollectionViewRestriction.LOGIN},
    )
    return collection


def is_members_only_document(document):
    if MaterialFile.objects.filter(
        document_id=document.pk, page__visibility=Visibility.MEMBERS
    ).exists():
        return True
    collection = document.collection
    return collection.name == MEMBERS_COLLECTION_NAME or (
        collection.depth > 2
        and collection.get_ancestors().filter(name=MEMBERS_COLLECTION_NAME).exists()
    )


def refuse_members_only_document(document, request):
    if is_member(request.user) or not is_members_only_document(document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(
        request,
        "resources/members_only.html",
        {"refused_title": _("This document is for members only")},
        status=403,
    )


def sync_document_collections(material):
    """Files of a members-only material go to the private collection; files
    of a public one leave it unless another members-only material uses them."""
    documents = [
        f.document for f in MaterialFile.objects.filter(page=material).select_related("document")
    ]
    if not documents:
        return
    private = members_collection()
    if material.visibility == Visibility.MEMBERS:
        for document in documents:
            if document.collection_id != private.pk:
                document.collection = private
                document.save(update_fields=["collection"])
        return
    root = Collection.get_first_root_node()
    for document in documents:
        still_private = MaterialFile.objects.filter(
            document=document, page__visibility=Visibility.MEMBERS
        ).exists()
        if document.collection_id == private.pk and not still_private:
            document.collection = root
            document.save(update_fields=["collection"])
