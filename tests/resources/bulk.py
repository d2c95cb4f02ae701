"""Many pages fast, for query-count tests at a large size: Page rows with
bulk_create, the page type's own rows with one INSERT per batch (Django cannot
bulk-create multi-table models)."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from wagtail.models import Page


def bulk_child_pages(parent, model, count, fields_for):
    """Create `count` live children of `parent` of page type `model`;
    `fields_for(i)` gives the values of the model's own columns."""
    content_type = ContentType.objects.get_for_model(model)
    start = parent.numchild
    now = timezone.now()
    pages = []
    for offset in range(count):
        number = start + offset + 1
        slug = f"{model._meta.model_name}-bulk-{number}"
        pages.append(
            Page(
                title=f"{model._meta.verbose_name} {number}",
                draft_title=f"{model._meta.verbose_name} {number}",
                slug=slug,
                content_type=content_type,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                live=True,
                depth=parent.depth + 1,
                path=Page._get_path(parent.path, parent.depth + 1, number),
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                first_published_at=now,
                last_published_at=now,
            )
        )
    Page.objects.bulk_create(pages, batch_size=500)
    Page.objects.filter(pk=parent.pk).update(numchild=start + count)
    created = list(Page.objects.filter(path__in=[p.path for p in pages]).order_by("path"))
    rows = [fields_for(i) for i in range(count)]
    columns = ["page_ptr_id", *rows[0].keys()]
    table = model._meta.db_table
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608 (model metadata, not input)
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [[page.pk, *row.values()] for page, row in zip(created, rows, strict=True)]
        )
    return [page.pk for page in created]
