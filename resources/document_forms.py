"""The document upload form: Wagtail's checks plus a look at the content.
Kept apart from the page forms because wagtail.documents.forms cannot be
imported while models load."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from resources.uploads import validate_document_upload


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (extension allow-list, size limit) plus a look
    at the file's content. Set as WAGTAILDOCS_DOCUMENT_FORM_BASE."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a new upload is checked; an unchanged file is a stored FieldFile.
        if isinstance(uploaded, UploadedFile):
            validate_document_upload(uploaded)
        return uploaded
