"""A registration's typed institution is matched without reading the whole
directory (events.forms.find_institution): the case-insensitive lookups on
name, Polish name and short name each have an index."""

import pytest
from django.db import connection
from django.db.models import Q

from directory.models import Institution

pytestmark = [pytest.mark.django_db, pytest.mark.database]

INDEXES = {
    "directory_institution_uname",
    "directory_institution_uname_pl",
    "directory_institution_ushort",
}


def the_lookup(text):
    """The query of events.forms.find_institution."""
    return Institution.objects.filter(
        Q(name__iexact=text) | Q(name_pl__iexact=text) | Q(short_name__iexact=text)
    ).order_by("pk")[:1]


def test_case_insensitive_name_match_reads_no_whole_table():
    if connection.vendor != "postgresql":
        # SQLite's LIKE cannot use an expression index; the indexes exist all the same.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA index_list('directory_institution')")
            assert {row[1] for row in cursor.fetchall()} >= INDEXES
        return
    Institution.objects.bulk_create(
        Institution(name=f"Institution {n}", name_pl=f"Instytucja {n}", slug=f"institution-{n}")
        for n in range(3000)
    )
    sql, params = the_lookup("STRAŻ GRANICZNA").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE directory_institution")
        cursor.execute(f"EXPLAIN {sql}", params)
        text = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" not in text, text
    assert all(name in text for name in INDEXES), text
