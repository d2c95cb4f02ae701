"""StreamField blocks of study-visit write-ups: the portal's shared blocks plus
the ones a report of a visit needs (gallery, key findings, recommendations)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from portal.blocks import (
    DocumentLinkBlock,
    HeadingBlock,
    ImageBlock,
    QuoteBlock,
    TableWithCaptionBlock,
    paragraph_block,
)


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=200, label=_("Title"))
    images = blocks.ListBlock(ImageBlock(), min_num=1, label=_("Images"))

    class Meta:
        icon = "image"
        template = "resources/blocks/gallery_block.html"
        label = _("Gallery")
        description = _("Several images with captions, shown as a grid.")


class KeyFindingsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, default=_("Key findings"), label=_("Title"))
    findings = blocks.ListBlock(
        blocks.TextBlock(label=_("Finding")), min_num=1, label=_("Findings")
    )

    class Meta:
        icon = "tick-inverse"
        template = "resources/blocks/key_findings_block.html"
        label = _("Key findings")
        preview_value = {
            "title": "Key findings",
            "findings": ["A national referral mechanism connects every first contact point."],
        }


class RecommendationBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Recommendation"))
    addressee = blocks.CharBlock(
        required=False,
        max_length=200,
        label=_("Addressed to"),
        help_text=_("The institution or role that should act on it."),
    )


class RecommendationsBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=200, default=_("Recommendations"), label=_("Title"))
    recommendations = blocks.ListBlock(RecommendationBlock(), min_num=1, label=_("Recommendations"))

    class Meta:
        icon = "list-ol"
        template = "resources/blocks/recommendations_block.html"
        label = _("Recommendations")


class StudyVisitStreamBlock(blocks.StreamBlock):
    """A page body's blocks (portal.blocks) plus a report's own: gallery, key
    findings, recommendations; in the order editors meet them."""

    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = ImageBlock()
    gallery = GalleryBlock()
    quote = QuoteBlock()
    key_findings = KeyFindingsBlock()
    recommendations = RecommendationsBlock()
    document = DocumentLinkBlock()
    table = TableWithCaptionBlock()
