# Data for rows older than 0005 (split from the schema changes: PostgreSQL
# refuses to alter a table in the transaction that updated its rows).

import uuid

from django.db import migrations


def fill_existing(apps, schema_editor):
    """Every existing attempt gets its own registration; earlier choices made
    again at a step already chosen in the attempt count as re-choices (their
    exact position on the way was not recorded then)."""
    Attempt = apps.get_model("resources", "ScenarioAttempt")
    Event = apps.get_model("resources", "ScenarioChoiceEvent")
    # AddField gave every existing row the same default value: replace them all.
    for attempt in Attempt.objects.only("pk").iterator():
        Attempt.objects.filter(pk=attempt.pk).update(registration=uuid.uuid4())
    seen = set()
    rechoices = []
    for event in Event.objects.order_by("attempt_id", "created_at", "pk").iterator():
        if (event.attempt_id, event.step) in seen:
            rechoices.append(event.pk)
        seen.add((event.attempt_id, event.step))
    for start in range(0, len(rechoices), 500):
        Event.objects.filter(pk__in=rechoices[start : start + 500]).update(is_rechoice=True)


class Migration(migrations.Migration):

    dependencies = [("resources", "0005_scenario_xapi_statements")]

    operations = [migrations.RunPython(fill_existing, migrations.RunPython.noop)]
