"""Split the postcode (and the city) out of the free-text venue address.

Until now `venue_address` held whatever organisers typed, often the whole
"ul. Stefana Batorego 5, 02-591 Warszawa". A Polish postcode (NN-NNN) and the
words after it go to `venue_postcode` and `venue_city` (the city only where it
was blank); what stands before it stays as the street. Addresses without a
postcode are left as they are. Revisions get the same change, so that
publishing a draft made before the split does not bring the old text back.
"""

import re

from django.db import migrations

POSTCODE = re.compile(r"^(?:(?P<street>.*?)[,;\s]+)?(?P<postcode>\d{2}-\d{3})(?:\s+(?P<city>.+))?$")


def split_address(address, city):
    """(street, postcode, city) from the free text, or None when it has no postcode."""
    match = POSTCODE.match((address or "").strip())
    if match is None:
        return None
    street = (match["street"] or "").strip().rstrip(",;").strip()
    found_city = (match["city"] or "").strip().rstrip(",").strip()
    return street, match["postcode"], city or found_city


def forwards(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    for page in EventPage.objects.exclude(venue_address="").only(
        "pk", "venue_address", "venue_postcode", "venue_city"
    ):
        parts = split_address(page.venue_address, page.venue_city)
        if parts is None or page.venue_postcode:
            continue
        street, postcode, city = parts
        EventPage.objects.filter(pk=page.pk).update(
            venue_address=street, venue_postcode=postcode, venue_city=city
        )
        if page_type is None:
            continue
        for revision in Revision.objects.filter(
            content_type_id=page_type.pk, object_id=str(page.pk)
        ):
            content = dict(revision.content or {})
            split = split_address(content.get("venue_address", ""), content.get("venue_city", ""))
            if split is None or content.get("venue_postcode"):
                continue
            content["venue_address"], content["venue_postcode"], content["venue_city"] = split
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_event_venue_postcode_and_image"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
