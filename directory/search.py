"""Denormalised search text, so that a text search over 10,000 institutions
and 50,000 people is one scan of one column.

Each institution keeps two texts: what anyone may match (its names, city and
its public people's names) and what members may match (all its active
people). Both are built from ContactPerson.objects.visible(), the same rule
every other door uses, and refreshed whenever an institution or person is
saved or deleted."""

import unicodedata

from django.db.models import Q

# The module, not its names: the institution queryset imports this module in turn.
from directory import models as directory_models
from directory.visibility import visible_values

EXTRA_FOLDS = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "ı": "i"})


def normalize(text):
    """Lower case without diacritics: 'Łódź' and 'lodz' match each other."""
    text = unicodedata.normalize("NFKD", (text or "").casefold().translate(EXTRA_FOLDS))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())


def own_text(institution):
    return normalize(
        " ".join([institution.name, institution.name_pl, institution.short_name, institution.city])
    )


def refresh(institution_ids=None):
    """Rebuild the search texts and focal-point flags of some (or all) institutions."""
    queryset = directory_models.Institution.objects.all()
    if institution_ids is not None:
        queryset = queryset.filter(pk__in=list(institution_ids))
    batch_size = 1000
    pks = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), batch_size):
        chunk = pks[start : start + batch_size]
        institutions = list(
            directory_models.Institution.objects.filter(pk__in=chunk).only(
                "pk", "name", "name_pl", "short_name", "city"
            )
        )
        people = {pk: {"public": [], "members": [], "focal": set()} for pk in chunk}
        rows = (
            directory_models.ContactPerson.objects.visible(True)
            .filter(institution_id__in=chunk)
            .values_list("institution_id", "name", "visibility", "is_focal_point")
        )
        public_values = set(visible_values(False))
        for institution_id, name, visibility, focal in rows:
            entry = people[institution_id]
            entry["members"].append(name)
            if visibility in public_values:
                entry["public"].append(name)
                if focal:
                    entry["focal"].add("public")
            if focal:
                entry["focal"].add("members")
        for institution in institutions:
            entry = people[institution.pk]
            own = own_text(institution)
            institution.search_public = " | ".join([own, normalize(" ".join(entry["public"]))])
            institution.search_members = " | ".join([own, normalize(" ".join(entry["members"]))])
            institution.focal_public = "public" in entry["focal"]
            institution.focal_members = "members" in entry["focal"]
        directory_models.Institution.objects.bulk_update(
            institutions,
            ["search_public", "search_members", "focal_public", "focal_members"],
            batch_size=500,
        )


def text_condition(term, viewer_is_member):
    field = "search_members" if viewer_is_member else "search_public"
    return Q(**{f"{field}__contains": normalize(term)})
