"""StreamField blocks shared by the portal's pages."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import AbstractImage


class LinkStructValue(blocks.StructValue):
    """Resolves a link to a page (in the visitor's language) or an address."""

    def href(self):
        page = self.get("page")
        if page:
            return page.localized.url
        return self.get("url") or ""

    def text(self):
        if self.get("title"):
            return self.get("title")
        page = self.get("page")
        if page:
            return page.localized.title
        return self.get("url") or ""


class NavigationLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or an address"))
    title = blocks.CharBlock(required=False, max_length=80, label=_("Title"))

    class Meta:
        icon = "link"
        value_class = LinkStructValue
        label = _("Link")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": blocks.BlockValidationError(_("Choose a page or enter an address."))
                }
            )
        return value


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, label=_("Text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "components/streamfield/blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Identification of victims", "level": "h2"}
        description = _("A section heading; pages start at level 2 because the title is level 1.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        required=False,
        max_length=255,
        label=_("Alternative text"),
        help_text=_("Leave blank to use the image's own alternative text."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("Decorative"),
        help_text=_("Tick when the image adds nothing for a screen-reader user."),
    )
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image_block.html"
        label = _("Image")
        description = _("An image with a caption and alternative text.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(required=False, max_length=200, label=_("Attribution"))

    class Meta:
        icon = "openquote"
        template = "components/streamfield/blocks/quote_block.html"
        label = _("Quote")
        preview_value = {
            "text": "Cooperation and competence are the key to combating trafficking.",
            "attribution": "Closing conference",
        }


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    link = NavigationLinkBlock(label=_("Link"))
    button_text = blocks.CharBlock(max_length=80, label=_("Button text"))

    class Meta:
        icon = "pick"
        template = "components/streamfield/blocks/call_to_action_block.html"
        label = _("Call to action")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Title"),
        help_text=_("Defaults to the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/blocks/document_link_block.html"
        label = _("Document link")


class TableWithCaptionBlock(blocks.StructBlock):
    caption = blocks.CharBlock(required=False, max_length=255, label=_("Caption"))
    table = TableBlock(
        label=_("Table"),
        table_options={
            "contextMenu": [
                "row_above",
                "row_below",
                "col_left",
                "col_right",
                "remove_row",
                "remove_col",
                "undo",
                "redo",
            ]
        },
    )

    class Meta:
        icon = "table"
        template = "components/streamfield/blocks/table_block.html"
        label = _("Table")


def paragraph_block():
    """The rich-text paragraph of page bodies and study-visit reports. A plain
    RichTextBlock, so that migrations record the same block as before."""
    return blocks.RichTextBlock(
        label=_("Rich text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
        template="components/streamfield/blocks/paragraph_block.html",
    )


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = TableWithCaptionBlock()


def _images_in(value, found):
    if isinstance(value, AbstractImage):
        found[id(value)] = value
    elif isinstance(value, blocks.StreamValue):
        for child in value:
            _images_in(child.value, found)
    elif isinstance(value, ListValue):
        for child in value:
            _images_in(child, found)
    elif isinstance(value, blocks.StructValue):
        for child in value.values():
            _images_in(child, found)


def _image_ids(block, raw, found):
    """The ids of the images chosen in `raw` (a block's stored JSON)."""
    if raw is None:
        return
    if isinstance(block, ImageChooserBlock):
        if isinstance(raw, int):
            found.add(raw)
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                _image_ids(child, item.get("value"), found)
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            value = item["value"] if block._item_is_in_block_format(item) else item
            _image_ids(block.child_block, value, found)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            _image_ids(child, raw.get(name), found)


def _images_with_renditions(ids):
    """{id: image (its renditions prefetched) or None}: the renditions with
    their images in one query, and only images that have none in another."""
    if not ids:
        return {}
    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    images, renditions = {}, {}
    for rendition in rendition_model.objects.filter(image_id__in=ids).select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        rendition.image = image
        renditions.setdefault(image.pk, []).append(rendition)
    missing = ids - images.keys()
    if missing:
        images.update(image_model.objects.in_bulk(missing))
    for image in images.values():
        queryset = image.renditions.all()
        queryset._result_cache = renditions.get(image.pk, [])
        queryset._prefetch_done = True
        image.__dict__.setdefault("_prefetched_objects_cache", {})["renditions"] = queryset
    return {pk: images.get(pk) for pk in ids}


def render_stream(stream, context=None):
    """A StreamField's blocks rendered, all their images and renditions read
    in one query (each block type reads its own images, one query each, and
    rendering each image's renditions, one query each)."""
    from portal.models.images import preloaded_images  # noqa: PLC0415 - models import blocks

    ids = set()
    if stream.is_lazy:
        _image_ids(stream.stream_block, list(stream.raw_data), ids)
    found = {}
    with preloaded_images(_images_with_renditions(ids)):
        _images_in(stream, found)
    # Images the stored JSON did not show (a preview's unsaved blocks).
    pending = [
        image
        for image in found.values()
        if "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if pending:
        prefetch_related_objects(pending, "renditions")
    return stream.render_as_block(context=context)
