"""Uploaded images for the development server (DEBUG only; in production the
web server or the object storage serves them).

Only images are served, and never anything under documents/: documents are
read through /documents/, which checks who may read them. The path is
checked after Django has decoded it, segment by segment, and again once the
file system has resolved it, so no spelling (`//documents/`, `%2e%2e`,
`..%2f`, symbolic links) reaches a document. Anything else is a 404."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import Http404
from django.views.static import serve

IMAGE_TYPES = frozenset(
    {
        "image/avif",
        "image/bmp",
        "image/gif",
        "image/jpeg",
        "image/png",
        "image/tiff",
        "image/webp",
        "image/x-icon",
        "image/vnd.microsoft.icon",
    }
)
MAX_PATH_LENGTH = 512
PROTECTED = "documents"


def development_media(request, path):
    name = image_path(path)
    if name is None:
        raise Http404("Not an image.")
    try:
        return serve(request, name, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError) as error:
        raise Http404("No such image.") from error


def image_path(path):
    """The file's path under MEDIA_ROOT when `path` names an image outside
    documents/, else None."""
    if len(path) > MAX_PATH_LENGTH or "\\" in path:
        return None
    if any(ord(char) < 32 or ord(char) == 127 for char in path):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if not parts or ".." in parts or parts[0].casefold() == PROTECTED:
        return None
    name = "/".join(parts)
    content_type, encoding = mimetypes.guess_type(name)
    if encoding is not None or content_type not in IMAGE_TYPES:
        return None
    try:
        root = Path(settings.MEDIA_ROOT).resolve()
        real = (root / name).resolve()
    except (OSError, ValueError):
        return None
    if not real.is_relative_to(root) or real.is_relative_to(root / PROTECTED):
        return None
    return name
