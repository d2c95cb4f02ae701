from django.db import migrations

from portal import roles


def grant(apps, schema_editor):
    roles.ensure_permissions(apps)
    roles.grant_model_permissions(
        apps, roles.ORGANISERS, "events", "eventseries", ["add", "change", "delete", "view"]
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=roles.ORGANISERS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="events", content_type__model="eventseries"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_event_series"),
        ("portal", "0003_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
