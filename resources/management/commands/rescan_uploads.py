"""Check every stored document and image again with today's upload rules
(resources/uploads.py), for files uploaded before a rule existed.

    manage.py rescan_uploads               # report offenders, change nothing
    manage.py rescan_uploads --quarantine  # and move them out of reach

Quarantine moves an offending document into the "Quarantined uploads"
collection, whose view restriction admits no group: only administrators can
still download it, to judge it and delete it or replace the file. An image's
file stays at its public address (images are served as plain files), so an
offending image is moved into the same collection for an editor to find and
must be deleted or replaced there. The exit status is 1 when offenders were
found, so a scheduled run can alert someone.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from resources.uploads import validate_document_upload, validate_image_upload

QUARANTINE_COLLECTION_NAME = "Quarantined uploads"


def quarantine_collection():
    """The collection nobody but administrators can download from."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=QUARANTINE_COLLECTION_NAME).first()
    if collection is None:
        collection = root.add_child(name=QUARANTINE_COLLECTION_NAME)
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        defaults={"restriction_type": CollectionViewRestriction.GROUPS},
    )
    if restriction.restriction_type != CollectionViewRestriction.GROUPS:
        restriction.restriction_type = CollectionViewRestriction.GROUPS
        restriction.save(update_fields=["restriction_type"])
    restriction.groups.clear()
    return collection


def problem_with(item, validate):
    """The reason the stored file would be refused today, or None."""
    try:
        with item.file.open("rb") as stored:
            validate(stored)
    except ValidationError as error:
        return " ".join(str(message) for message in error.messages)
    except (FileNotFoundError, OSError) as error:
        return f"file cannot be read ({error.__class__.__name__})"
    return None


class Command(BaseCommand):
    help = "Re-check stored documents and images with the current upload rules."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quarantine",
            action="store_true",
            help="Move offending files into the restricted 'Quarantined uploads' collection.",
        )

    def handle(self, *args, quarantine=False, **options):
        offenders = []
        kinds = (
            ("document", get_document_model(), validate_document_upload),
            ("image", get_image_model(), validate_image_upload),
        )
        checked = 0
        for kind, model, validate in kinds:
            for item in model.objects.select_related("collection").order_by("pk").iterator():
                checked += 1
                problem = problem_with(item, validate)
                if problem:
                    offenders.append((kind, item, problem))
                    self.stdout.write(
                        f"{kind} {item.pk} “{item.title}” ({item.file.name}): {problem}"
                    )
        if quarantine and offenders:
            with transaction.atomic():
                collection = quarantine_collection()
                for _kind, item, _problem in offenders:
                    if item.collection_id != collection.pk:
                        item.collection = collection
                        item.save(update_fields=["collection"])
            self.stdout.write(
                f"Moved {len(offenders)} file(s) into “{QUARANTINE_COLLECTION_NAME}”."
            )
        summary = f"Checked {checked} file(s); {len(offenders)} would be refused today."
        if offenders:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
