"""Trigram indexes for the directory's text search on PostgreSQL.

The search is `search_public`/`search_members LIKE '%term%'`
(directory.search.text_condition); without an index PostgreSQL reads every
institution. pg_trgm's GIN indexes answer such patterns from the index. On
other databases (SQLite) this migration does nothing, and where pg_trgm
cannot be installed the search works as before, only without the index."""

from django.db import migrations, transaction

INDEXES = {
    "directory_institution_search_public_trgm": "search_public",
    "directory_institution_search_members_trgm": "search_members",
}


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no privilege: search without the index
            return
        for name, column in INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON directory_institution "
                f"USING gin ({column} gin_trgm_ops)"
            )
        # Fresh statistics, so that the planner knows how selective a term is.
        cursor.execute("ANALYZE directory_institution")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0010_institution_help_desk_and_uk_ru_descriptions"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
