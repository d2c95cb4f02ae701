from django.db import migrations

from portal import roles

MODELS = ["institution", "contactperson", "membership", "institutionemaildomain", "outdatedreport"]


def grant(apps, schema_editor):
    roles.ensure_permissions(apps)
    for model in MODELS:
        roles.grant_model_permissions(
            apps, roles.MODERATORS, "directory", model, ["add", "change", "delete", "view"]
        )
    # Editors keep the directory's data current too, without approving members.
    for model in ["institution", "contactperson"]:
        roles.grant_model_permissions(apps, roles.EDITORS, "directory", model, ["view"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_directory_pages_reports"),
        ("portal", "0005_working_languages"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
