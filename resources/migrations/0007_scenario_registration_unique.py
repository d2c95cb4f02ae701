import uuid

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("resources", "0006_scenario_xapi_fill_existing")]

    operations = [
        migrations.AlterField(
            model_name="scenarioattempt",
            name="registration",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
