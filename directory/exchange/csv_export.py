"""The directory as CSV: one row per institution, with what a member may see."""

from django.db.models import Prefetch

from directory.models import ContactPerson

CSV_COLUMNS = [
    "name",
    "name_pl",
    "short_name",
    "kind",
    "parent",
    "country",
    "region",
    "city",
    "street",
    "postal_code",
    "phone",
    "email",
    "website",
    "hotline",
    "languages",
    "focal_points",
    "last_verified",
    "url",
]


def member_rows(institutions):
    """Institutions with what CSV rows need, read in chunks."""
    return (
        institutions.select_related("parent")
        .prefetch_related(
            "languages",
            Prefetch(
                "contact_people",
                queryset=ContactPerson.objects.visible(True).filter(is_focal_point=True),
                to_attr="visible_focal_points",
            ),
        )
        .iterator(chunk_size=500)
    )


def institution_row(institution, url):
    channels = institution.public_channels(True)
    return [
        institution.name,
        institution.name_pl,
        institution.short_name,
        institution.get_kind_display(),
        institution.parent.name if institution.parent else "",
        institution.country,
        institution.region_name,
        institution.city,
        channels["street"],
        channels["postal_code"],
        channels["phone"],
        channels["email"],
        channels["website"],
        channels["hotline"],
        " ".join(language.code for language in institution.languages.all()),
        "; ".join(
            " ".join(filter(None, [person.name, person.email, person.phone]))
            for person in institution.visible_focal_points
        ),
        institution.last_verified_at,
        url,
    ]


def institution_rows(institutions, absolute_url):
    """One row per institution; `absolute_url` turns an institution's path
    into the link written in the last column."""
    for institution in member_rows(institutions):
        yield institution_row(institution, absolute_url(institution.get_absolute_url()))
