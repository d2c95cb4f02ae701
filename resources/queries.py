"""What a visitor may see of materials and study visits, and the listings
built on it. Every door (pages, listings, feed, home, topic and institution
sections) goes through `visible_materials` / `visible_study_visits`."""

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale

from directory.choices import Visibility
from directory.models import Institution
from directory.visibility import is_member
from portal import index_pages
from portal.blocks import render_stream
from portal.listings import children_with_untranslated
from portal.models.taxonomy import topics_in_locale
from portal.request_cache import remembered
from portal.visibility import public, restricted_paths_for, visible_pages
from resources.filters import MaterialFilter, StudyVisitFilter
from resources.models import (
    MaterialFile,
    MaterialPage,
    ScenarioPage,
    StudyVisitMaterial,
    StudyVisitPage,
)

MATERIALS_PER_PAGE = 20
VISITS_PER_PAGE = 12
SECTION_SIZE = 3


def files_prefetch():
    return Prefetch(
        "files",
        queryset=MaterialFile.objects.select_related(
            "document", "document__download_stats", "language"
        ).order_by("sort_order"),
    )


def visible_materials(request=None, queryset=None, viewer_is_member=None):
    """Live materials this visitor may see. Without a request, only what is
    public (unless `viewer_is_member` says otherwise) and unrestricted."""
    queryset = MaterialPage.objects.all() if queryset is None else queryset
    if viewer_is_member is None:
        viewer_is_member = request is not None and is_member(request.user)
    if not viewer_is_member:
        queryset = queryset.filter(visibility=Visibility.PUBLIC)
    if request is None:
        # No visitor (the feed, institution sections): only unrestricted pages
        # (from the remembered restrictions, without a query).
        return public(queryset.live())
    return visible_pages(request, queryset)


def visible_study_visits(request=None, queryset=None):
    queryset = StudyVisitPage.objects.all() if queryset is None else queryset
    if request is None:
        return public(queryset.live())
    return visible_pages(request, queryset)


MATERIAL_CARD_IMAGE = "fill-160x200"


def material_cards(queryset):
    images = get_image_model().objects.prefetch_renditions(MATERIAL_CARD_IMAGE)
    return queryset.select_related("publisher").prefetch_related(
        files_prefetch(), Prefetch("image", queryset=images)
    )


def study_visit_cards(queryset):
    return queryset.prefetch_related("host_institutions")


def listing_scope(request, index_page, members_matter=True):
    """What decides the pages of a listing a visitor may see (the index page,
    being a member, the view restrictions they do not pass) and the language
    of its labels: the key of what is computed from the whole listing."""
    return [
        index_page.pk,
        members_matter and is_member(request.user),
        sorted(restricted_paths_for(request)),
        translation.get_language(),
    ]


def listing_filters(request):
    """The listing's GET parameters but the page number."""
    return {key: request.GET.getlist(key) for key in request.GET if key != "page"}


def remembered_choices(name, scope, filterset_class, base):
    """The choices of a listing's filters (computed from every row of
    `base`), kept in the cache until content changes."""
    return remembered(name, scope, lambda: filterset_class.choices_for(base))


def locale_codes():
    """{locale id: language code}, kept in the cache until content changes."""
    return remembered(
        "resources-locale-codes",
        [],
        lambda: dict(Locale.objects.values_list("pk", "language_code")),
    )


def mark_other_language(pages):
    """`portal.listings.mark_other_language` with the language codes from the
    cache: a listing showing untranslated pages asks no more queries."""
    active = Locale.get_active()
    for page in pages:
        page.other_language = None
        if page.locale_id != active.pk:
            page.other_language = locale_codes().get(page.locale_id)
    return pages


def _page_of(request, queryset, per_page, count=None):
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = mark_other_language(list(page_obj.object_list))
    return page_obj


def material_listing(request, index_page):
    base = visible_materials(request, children_with_untranslated(MaterialPage, index_page))
    scope = listing_scope(request, index_page)
    filterset = MaterialFilter(
        request.GET or None,
        queryset=base,
        request=request,
        choices=remembered_choices("resources-material-choices", scope, MaterialFilter, base),
    )
    queryset = filterset.qs if filterset.is_bound else filterset.filter_sort(base, "sort", "")

    def count():
        hidden = _members_only(request, index_page, filterset)
        if hidden is None:
            return queryset.count()
        # The members-only materials (counted next) in the same query.
        both = MaterialPage.objects.aggregate(
            shown=Count("pk", filter=Q(pk__in=queryset.values("pk"))),
            hidden=Count("pk", filter=Q(pk__in=hidden.values("pk"))),
        )
        _remembered_members_more(request, index_page, lambda: both["hidden"])
        return both["shown"]

    count = remembered("resources-material-count", [*scope, listing_filters(request)], count)
    page_obj = _page_of(request, material_cards(queryset), MATERIALS_PER_PAGE, count)
    return {
        "filter": filterset,
        "members_more": members_only_count(request, index_page, filterset),
        "page_obj": page_obj,
        "materials": page_obj.object_list,
        "is_filtered": any(
            value for key, value in request.GET.items() if key not in ("page", "sort")
        ),
    }


def members_only_count(request, index_page, filterset):
    """How many more materials (matching the same filters) an approved member
    would see: the listing says so instead of hiding them silently. Counts
    only, never titles; 0 for members."""
    hidden = _members_only(request, index_page, filterset)
    if hidden is None:
        return 0
    return _remembered_members_more(request, index_page, hidden.count)


def _members_only(request, index_page, filterset):
    """The members-only materials matching the filters that this visitor
    does not see, or None when there are none to count."""
    if is_member(request.user):
        return None
    hidden = MaterialPage.objects.child_of(index_page).live().filter(visibility=Visibility.MEMBERS)
    if filterset.is_bound:
        if not filterset.form.is_valid():
            return None
        hidden = filterset.filter_queryset(hidden)
    return hidden


def _remembered_members_more(request, index_page, compute):
    return remembered("resources-members-more", [index_page.pk, listing_filters(request)], compute)


def material_detail_context(request, page):
    # Through the page's own relation, so that a preview shows the files being
    # edited (unsaved, in memory) rather than the saved ones.
    files = list(
        page.files.select_related("document", "document__download_stats", "language").order_by(
            "sort_order"
        )
    )
    visits = visible_study_visits(
        request,
        StudyVisitPage.objects.filter(
            # By key: a new material being previewed has none yet.
            pk__in=StudyVisitMaterial.objects.filter(material_id=page.pk).values("page_id")
        ),
    ).order_by("-start_date")
    return {
        "files": files,
        "downloads": sum(
            getattr(getattr(f.document, "download_stats", None), "count", 0) for f in files
        ),
        "topics": remembered_for_page(
            "resources-material-topics",
            request,
            page,
            lambda: topics_in_locale(page.topics.all(), page.locale_id),
        ),
        "study_visits": list(visits),
        # A figure for the people who edit the material, not the public.
        "can_see_downloads": bool(
            request is not None
            and request.user.is_authenticated
            and page.pk
            and page.permissions_for_user(request.user).can_edit()
        ),
    }


def study_visit_listing(request, index_page):
    base = visible_study_visits(request, children_with_untranslated(StudyVisitPage, index_page))
    # Study visits are the same for members and everyone else.
    scope = listing_scope(request, index_page, members_matter=False)
    filterset = StudyVisitFilter(
        request.GET or None,
        queryset=base,
        request=request,
        choices=remembered_choices("resources-visit-choices", scope, StudyVisitFilter, base),
    )
    queryset = (filterset.qs if filterset.is_bound else base).order_by("-start_date", "-pk")
    count = remembered("resources-visit-count", [*scope, listing_filters(request)], queryset.count)
    page_obj = _page_of(request, study_visit_cards(queryset), VISITS_PER_PAGE, count)
    return {
        "filter": filterset,
        "page_obj": page_obj,
        "visits": page_obj.object_list,
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
    }


def remembered_for_page(name, request, page, compute):
    """compute() for what a live page shows the same to every visitor (its
    own fields and relations), kept in the cache until content changes; a
    preview shows the page being edited (unsaved, in memory), never kept."""
    if request is None or getattr(request, "is_preview", False) or not page.pk:
        return compute()
    return remembered(name, [page.pk, translation.get_language()], compute)


def _visit_institutions(page, saved):
    """(hosts, participants) of a study visit; a saved visit's in one query."""
    if not saved:
        # A preview's are unsaved lists in memory, not rows to query.
        return list(page.host_institutions.all()), list(page.participating_institutions.all())
    hosts = StudyVisitPage.host_institutions.through.objects.filter(
        studyvisitpage_id=page.pk, institution_id=OuterRef("pk")
    )
    joined = StudyVisitPage.participating_institutions.through.objects.filter(
        studyvisitpage_id=page.pk, institution_id=OuterRef("pk")
    )
    both = list(
        Institution.objects.annotate(is_host=Exists(hosts), is_participant=Exists(joined)).filter(
            Q(is_host=True) | Q(is_participant=True)
        )
    )
    return (
        [institution for institution in both if institution.is_host],
        [institution for institution in both if institution.is_participant],
    )


def study_visit_facts(page, saved=True):
    """What a study visit shows of its own relations, the same for everyone."""
    hosts, participants = _visit_institutions(page, saved)
    return {
        # A saved visit's are read with the materials themselves (see
        # `_attached_materials`); a preview's are unsaved objects in memory,
        # which cannot be turned into a subquery.
        "material_order": None
        if saved
        else {item.material_id: item.sort_order or 0 for item in page.attached_materials.all()},
        "host_institutions": hosts,
        "participating_institutions": participants,
        "authors": list(page.authors.select_related("institution")),
        "topics": topics_in_locale(page.topics.all(), page.locale_id),
    }


def _attached_materials(request, page, order):
    """The materials attached to the visit that this visitor may see, in the
    visit's order: a saved visit's (`order` None) with their order in one
    query, a preview's by their `order` ({material id: position})."""
    if order is None:
        attached = StudyVisitMaterial.objects.filter(page_id=page.pk)
        # The last attachment's position when a material is attached twice.
        position = attached.filter(material_id=OuterRef("pk")).order_by("-sort_order")
        queryset = MaterialPage.objects.filter(pk__in=attached.values("material_id")).annotate(
            attached_position=Coalesce(Subquery(position.values("sort_order")[:1]), 0)
        )
        materials = list(material_cards(visible_materials(request, queryset)))
        return sorted(materials, key=lambda material: material.attached_position)
    if not order:
        return []
    queryset = MaterialPage.objects.filter(pk__in=list(order))
    materials = list(material_cards(visible_materials(request, queryset)))
    return sorted(materials, key=lambda material: order.get(material.pk, 0))


def study_visit_detail_context(request, page):
    saved = not getattr(request, "is_preview", False) and bool(page.pk)
    facts = remembered_for_page(
        "resources-study-visit-facts", request, page, lambda: study_visit_facts(page, saved)
    )
    materials = _attached_materials(request, page, facts["material_order"])
    related_event = None
    if page.related_event_id:
        related_event = visible_pages(request).filter(pk=page.related_event_id).first()
    return {
        "attached_materials": materials,
        "host_institutions": facts["host_institutions"],
        "participating_institutions": facts["participating_institutions"],
        "authors": facts["authors"],
        "topics": facts["topics"],
        # Its title and address: the base page has both (no specific query).
        "related_event": related_event,
        # Rendering the report reads its images, their renditions and its
        # documents (a query each); the same for every visitor (the blocks
        # show nothing of the visitor, and a document's address is checked
        # when it is downloaded), it is kept until content changes.
        "body_html": remembered_for_page(
            "resources-study-visit-body",
            request,
            page,
            lambda: render_stream(page.body, {"page": page}),
        ),
    }


def without_members_only(pages):
    """Pages less the members-only materials and training scenarios, for
    site search seen by someone who is not a member."""
    for model in (MaterialPage, ScenarioPage):
        pages = pages.exclude(
            pk__in=model.objects.filter(visibility=Visibility.MEMBERS).values("pk")
        )
    return pages


def index_url(request, model):
    """The URL of the live index page of this type in the active language
    (the home and topic pages ask for it on every request)."""
    return index_urls(request, model)[0]


def index_urls(request, *models):
    """`index_url` of each of `models` (found with every section's index
    pages, in one query kept until content changes)."""
    pages = [index_pages.index_page(model) for model in models]
    return [page.get_url(request) if page else None for page in pages]


def latest_materials(request, limit=SECTION_SIZE, topic=None, cards=False):
    queryset = visible_materials(request, MaterialPage.objects.filter(locale=Locale.get_active()))
    if topic is not None:
        through = MaterialPage.topics.through
        queryset = queryset.filter(
            pk__in=through.objects.filter(topic__slug=topic.slug).values("materialpage_id")
        )
    queryset = queryset.order_by("-publication_date", "-pk")
    return list((material_cards(queryset) if cards else queryset)[:limit])


def latest_study_visits(request, limit=SECTION_SIZE, topic=None, cards=False):
    queryset = visible_study_visits(
        request, StudyVisitPage.objects.filter(locale=Locale.get_active())
    )
    if topic is not None:
        through = StudyVisitPage.topics.through
        queryset = queryset.filter(
            pk__in=through.objects.filter(topic__slug=topic.slug).values("studyvisitpage_id")
        )
    queryset = queryset.order_by("-start_date", "-pk")
    return list((study_visit_cards(queryset) if cards else queryset)[:limit])


def for_institution(institution, viewer_is_member, limit=None):
    """Materials an institution published and the study visits it hosted or
    joined, in the active language, for its directory page: two queries.

    Used by the directory's institution page (wired in by the integrator) with
    `templates/resources/includes/institution_section.html`, which shows
    neither files nor images.
    """
    locale = Locale.get_active()
    materials = visible_materials(
        None,
        MaterialPage.objects.filter(locale=locale, publisher=institution),
        viewer_is_member=viewer_is_member,
    ).order_by("-publication_date", "-pk")
    if limit:
        materials = materials[:limit]
    # Both lists from one query: the visits it hosted or joined, each ranked
    # among those of its kind, so that no more than `limit` of each are read.
    hosts = StudyVisitPage.host_institutions.through.objects.filter(
        institution=institution, studyvisitpage_id=OuterRef("pk")
    )
    participants = StudyVisitPage.participating_institutions.through.objects.filter(
        institution=institution, studyvisitpage_id=OuterRef("pk")
    )
    visits = (
        visible_study_visits(None, StudyVisitPage.objects.filter(locale=locale))
        .annotate(hosted=Exists(hosts), joined=Exists(participants))
        .filter(Q(hosted=True) | Q(joined=True))
    )
    if limit:
        newest_first = [F("start_date").desc()]
        visits = visits.annotate(
            hosted_rank=Window(RowNumber(), partition_by=F("hosted"), order_by=newest_first),
            joined_rank=Window(RowNumber(), partition_by=F("joined"), order_by=newest_first),
        ).filter(Q(hosted_rank__lte=limit) | Q(joined_rank__lte=limit))
    visits = list(visits.order_by("-start_date"))
    hosted = [visit for visit in visits if visit.hosted]
    joined = [visit for visit in visits if visit.joined]
    if limit:
        hosted, joined = hosted[:limit], joined[:limit]
    return {
        "materials": list(materials),
        "hosted_visits": hosted,
        "joined_visits": joined,
    }
