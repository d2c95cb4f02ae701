"""The document and image upload forms: Wagtail's checks plus a look at the
content. Kept apart from the page forms because wagtail.documents.forms and
wagtail.images.forms cannot be imported while models load."""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from resources.uploads import validate_document_upload, validate_image_upload


class SafeDocumentForm(BaseDocumentForm):
    """Wagtail's document form (extension allow-list, size limit) plus a look
    at the file's content. Set as WAGTAILDOCS_DOCUMENT_FORM_BASE."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a new upload is checked; an unchanged file is a stored FieldFile.
        if isinstance(uploaded, UploadedFile):
            validate_document_upload(uploaded)
        return uploaded


class SafeImageForm(BaseImageForm):
    """Wagtail's image form (format, size and pixel limits) plus a look for a
    web page hidden in the file. Set as WAGTAILIMAGES_IMAGE_FORM_BASE."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            validate_image_upload(uploaded)
        return uploaded
