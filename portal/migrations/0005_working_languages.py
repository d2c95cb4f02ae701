from django.db import migrations

from portal.languages import WORKING_LANGUAGES


def create_languages(apps, schema_editor):
    Language = apps.get_model("portal", "Language")
    for code, _name in WORKING_LANGUAGES:
        Language.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_language")]

    operations = [migrations.RunPython(create_languages, migrations.RunPython.noop)]
