"""Institutions' free-text postal address becomes street, postcode and city.

"al. 3 Maja 12 lok. 510, 00-391 Warszawa" (or the same on two lines) gives
street "al. 3 Maja 12 lok. 510" and postcode "00-391"; the city is taken from
the address only when the institution had none. Going back joins them again."""

from django.db import migrations, models

from directory.addresses import parse_address


def split_addresses(apps, schema_editor):
    Institution = apps.get_model("directory", "Institution")
    for institution in Institution.objects.exclude(postal_address="").iterator():
        parsed = parse_address(institution.postal_address, institution.city)
        institution.street = parsed.street[:255]
        institution.postal_code = parsed.postal_code[:20]
        if not institution.city and parsed.city:
            institution.city = parsed.city[:100]
        institution.save(update_fields=["street", "postal_code", "city"])


def join_addresses(apps, schema_editor):
    Institution = apps.get_model("directory", "Institution")
    for institution in Institution.objects.exclude(street="", postal_code="").iterator():
        place = " ".join(filter(None, [institution.postal_code, institution.city]))
        institution.postal_address = "\n".join(filter(None, [institution.street, place]))
        institution.save(update_fields=["postal_address"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_country_chooser"),
    ]

    operations = [
        migrations.AddField(
            model_name="institution",
            name="postal_code",
            field=models.CharField(
                blank=True,
                help_text="e.g. 00-391 in Poland.",
                max_length=20,
                verbose_name="postcode",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="street",
            field=models.CharField(
                blank=True,
                help_text="Street, number and unit, e.g. “al. 3 Maja 12 lok. 510”, or a P.O. box.",
                max_length=255,
                verbose_name="street address",
            ),
        ),
        migrations.RunPython(split_addresses, join_addresses),
        migrations.RemoveField(
            model_name="institution",
            name="postal_address",
        ),
    ]
