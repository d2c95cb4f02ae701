from django.db import migrations

from portal.roles import create_roles, remove_roles


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
