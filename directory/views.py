from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from directory import cache as directory_cache
from directory import services
from directory.choices import MembershipStatus, region_name
from directory.filters import MAX_QUERY_LENGTH, InstitutionFilter
from directory.forms import MAX_ID, MembershipRequestForm, OutdatedReportForm
from directory.models import ContactPerson, DirectoryIndexPage, Institution, Membership
from directory.visibility import is_member
from portal import sections
from portal.models import Topic

PAGE_SIZE = 25
# Between the cards of one rendering: a comment, which no escaped text can
# contain.
CARD_MARKER = "<!-- directory card end -->"


def topic_names():
    """Topic names in the active language, by slug (cached until content changes)."""

    def compute():
        topics = Topic.objects.filter(locale=Locale.get_active()).values_list("slug", "name")
        return dict(topics)

    return directory_cache.remember("topic-names", [get_language()], compute)


def directory_page():
    """The live directory page in the active language, for title, intro and
    breadcrumbs; the list works without one."""
    return (
        DirectoryIndexPage.objects.live().filter(locale=Locale.get_active()).first()
        or DirectoryIndexPage.objects.live().first()
    )


def page_chrome(request, index_page=None):
    """The directory page's title, introduction, address and rendered
    breadcrumbs, cached until content changes (for the site and language)."""

    def compute():
        page = index_page or directory_page()
        if page is None:
            return {"page": None, "breadcrumbs": ""}
        breadcrumbs = render_to_string(
            "directory/includes/page_breadcrumbs.html", {"directory_page": page}, request
        )
        return {
            "page": {
                "title": page.title,
                "introduction": page.introduction,
                "url": page.get_url(request),
            },
            "breadcrumbs": mark_safe(breadcrumbs),  # noqa: S308 - rendered by our template
        }

    if getattr(request, "is_preview", False):
        # An editor's preview shows the draft, never the cached live page.
        return compute()
    parts = [get_language(), request.get_host(), index_page.pk if index_page else None]
    return directory_cache.remember("page-chrome", parts, compute)


def filterset_for(request, viewer_is_member):
    return InstitutionFilter(
        request.GET or None,
        queryset=Institution.objects.all(),
        viewer_is_member=viewer_is_member,
    )


def filter_errors(filterset):
    if not filterset.is_bound or filterset.form.is_valid():
        return []
    errors = []
    for name, field_errors in filterset.form.errors.items():
        label = filterset.form.fields[name].label if name in filterset.form.fields else name
        for error in field_errors:
            errors.append(f"{label}: {error}")
    return errors


def institution_list(request, index_page=None):
    viewer_is_member = is_member(request.user)
    if len(request.GET.get("q", "")) > MAX_QUERY_LENGTH * 5:
        # Do not even parse an absurdly long query.
        request.GET = request.GET.copy()
        request.GET["q"] = request.GET["q"][: MAX_QUERY_LENGTH + 1]
    filterset = filterset_for(request, viewer_is_member)
    errors = filter_errors(filterset)
    facets, total = filterset.cached_facets(Institution.objects.all(), topic_names)
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    # The grouped facet query has already counted the results.
    paginator.count = total
    try:
        page_obj = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(_("There is no such page of results.")) from error
    ids = directory_cache.remember(
        "result-ids",
        [filterset.cache_params(), get_language(), viewer_is_member, page_obj.number],
        lambda: list(page_obj.object_list.values_list("pk", flat=True)),
    )
    chrome = page_chrome(request, index_page)
    context = {
        # Only a list served by the Wagtail page passes it as `page`: the
        # language switcher then links to the page's translation. On
        # /directory/ the switcher keeps the path and the filters instead.
        "page": index_page,
        "directory_page": chrome["page"],
        "breadcrumbs_html": chrome["breadcrumbs"],
        "filter": filterset,
        "form": filterset.form,
        "facets": facets,
        "errors": errors,
        "page_obj": page_obj,
        "result_ids": ids,
        "cards": result_cards(ids, viewer_is_member),
        "result_count": paginator.count,
        "result_label": ngettext("%(count)s institution", "%(count)s institutions", paginator.count)
        % {"count": paginator.count},
        "viewer_is_member": viewer_is_member,
        # For the export links: the same filters, whatever page is shown.
        "query_string": _without_page(request.GET),
    }
    return render(request, "directory/list.html", context, status=400 if errors else 200)


def result_cards(ids, viewer_is_member):
    """The list's result cards in the order of `ids`, as HTML. Each card is
    rendered once per institution, language and kind of viewer (a member
    and anyone else never share one) and cached until the directory or
    the content changes, or the day does."""

    def render_missing(missing):
        institutions = Institution.objects.filter(pk__in=missing).select_related("parent")
        institutions = institutions.prefetch_related(
            "languages",
            Prefetch(
                "contact_people",
                queryset=ContactPerson.objects.visible(viewer_is_member)
                .filter(is_focal_point=True)
                .prefetch_related("languages"),
                to_attr="visible_focal_points",
            ),
        )
        institutions = list(institutions)
        # One rendering for all of them (the included templates are loaded
        # once), split at the marker.
        html = render_to_string(
            "directory/includes/institution_cards.html",
            {
                "marker": mark_safe(CARD_MARKER),  # noqa: S308 - a constant
                "cards": [
                    {
                        "institution": institution,
                        "channels": institution.public_channels(viewer_is_member),
                        "region": region_name(institution.region),
                        "country": institution.country.name,
                        "focal_points": institution.visible_focal_points,
                    }
                    for institution in institutions
                ],
            },
        )
        cards = html.split(CARD_MARKER)[: len(institutions)]
        return {
            institution.pk: mark_safe(card.strip())  # noqa: S308 - rendered by our template
            for institution, card in zip(institutions, cards, strict=True)
        }

    cards = directory_cache.remember_many(
        "card", ids, [get_language(), bool(viewer_is_member)], render_missing
    )
    return [cards[pk] for pk in ids if pk in cards]


def _without_page(query):
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()


def institution_sections(request, institution):
    """Panels other apps add to an institution page (e.g. upcoming events it
    organises), through the `directory_institution_sections` hook."""
    return sections.collect("directory_institution_sections", request, institution)


def institution_detail(request, slug, report_form=None, status=200):
    viewer_is_member = is_member(request.user)
    institution = institution_by_slug(slug)
    fragments = directory_cache.remember(
        "institution",
        [institution.pk, get_language(), viewer_is_member, request.get_host()],
        lambda: institution_fragments(request, institution.pk, viewer_is_member),
    )
    context = {
        "institution": institution,
        "fragments": fragments,
        "viewer_is_member": viewer_is_member,
        "report_form": report_form or (OutdatedReportForm() if viewer_is_member else None),
        "sections": institution_sections(request, institution),
    }
    return render(request, "directory/institution.html", context, status=status)


def institution_by_slug(slug):
    """The institution with this slug, cached while the directory is unchanged
    (a missing slug is not cached, Http404 passes through: anyone can ask for
    any number of them)."""
    return directory_cache.remember(
        "institution-row", [slug], lambda: get_object_or_404(Institution, slug=slug)
    )


def institution_fragments(request, pk, viewer_is_member):
    """The institution page's breadcrumbs, record and contact people as this
    kind of viewer sees them, rendered as HTML to be cached: nothing in them
    depends on the visitor beyond being a member or not."""
    institution = (
        Institution.objects.select_related("parent__parent__parent", "last_verified_by")
        .prefetch_related("languages", "competences")
        .get(pk=pk)
    )
    people = list(
        ContactPerson.objects.visible(viewer_is_member)
        .filter(institution=institution)
        .prefetch_related("languages", "topics")
    )
    names = topic_names()
    context = {
        "institution": institution,
        "channels": institution.public_channels(viewer_is_member),
        "address": institution.address(viewer_is_member),
        "has_hidden_channels": institution.has_hidden_channels(viewer_is_member),
        "osm_url": institution.osm_url(viewer_is_member),
        "children": list(institution.children.order_by("name")),
        "people": people,
        "topics": [
            {"slug": topic.slug, "name": names.get(topic.slug, topic.name)}
            for topic in institution.competences.all()
        ],
        "region": region_name(institution.region),
        "country": institution.country.name,
        "viewer_is_member": viewer_is_member,
    }
    breadcrumbs = {
        "institution": institution,
        "ancestors": list(reversed(institution.get_ancestors())),
        "directory_page": page_chrome(request)["page"],
    }
    # Only the breadcrumbs need the request (the site's home page address).
    return {
        "breadcrumbs": mark_safe(  # noqa: S308 - rendered by our templates
            render_to_string(
                "directory/includes/institution_breadcrumbs.html", breadcrumbs, request
            )
        ),
        "head": mark_safe(  # noqa: S308
            render_to_string("directory/includes/institution_head.html", context)
        ),
        "people": mark_safe(  # noqa: S308
            render_to_string("directory/includes/institution_people.html", context)
        ),
    }


@require_POST
def report_outdated(request, slug):
    institution = get_object_or_404(Institution, slug=slug)
    if not is_member(request.user):
        raise Http404
    form = OutdatedReportForm(request.POST)
    if not form.is_valid():
        return institution_detail(request, slug, report_form=form, status=400)
    try:
        services.report_outdated(institution, request.user, form.cleaned_data["message"])
    except services.ReportLimitReached:
        messages.error(
            request, _("You have sent several reports in the last hour. Please try again later.")
        )
        return institution_detail(request, slug, report_form=form, status=429)
    messages.success(request, _("Thank you. The moderators will check this entry."))
    return redirect(institution.get_absolute_url())


def visible_person(request, pk):
    if pk > MAX_ID:
        raise Http404(_("No such contact."))
    person = (
        ContactPerson.objects.visible_to(request.user)
        .select_related("institution")
        .prefetch_related("languages", "topics")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        # Hidden and missing people look the same, so nothing leaks.
        raise Http404(_("No such contact."))
    return person


def contact_detail(request, pk):
    person = visible_person(request, pk)
    names = topic_names()
    context = {
        "directory_page": page_chrome(request)["page"],
        "person": person,
        "institution": person.institution,
        "topics": [names.get(topic.slug, topic.name) for topic in person.topics.all()],
    }
    return render(request, "directory/contact_detail.html", context)


@login_required
def request_membership(request):
    """Choose an institution from the directory and ask to join it."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    form = MembershipRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            membership = services.request_membership(
                request.user,
                form.cleaned_data["institution"],
                form.cleaned_data["message"],
                form.cleaned_data["position"],
            )
            if membership.status == MembershipStatus.APPROVED:
                messages.info(request, _("You are already a member of this institution."))
            else:
                messages.success(
                    request,
                    _("Your request has been sent. We will email you when a moderator decides."),
                )
            return redirect("my_account")
        status = 400
    chosen = None
    institution_id = request.GET.get("institution")
    if institution_id and institution_id.isdigit() and int(institution_id) <= MAX_ID:
        chosen = Institution.objects.filter(pk=institution_id).first()
        if chosen is not None:
            form = MembershipRequestForm(initial={"institution": chosen.pk})
    results = []
    if query and chosen is None:
        results = list(
            Institution.objects.search(query, False).select_related("parent").order_by("name")[:20]
        )
    memberships = list(Membership.objects.filter(user=request.user).select_related("institution"))
    context = {
        "query": query,
        "results": results,
        "chosen": chosen or _chosen_institution(form),
        "form": form,
        "memberships": memberships,
    }
    return render(request, "directory/request_membership.html", context, status=status)


def _chosen_institution(form):
    if form.is_bound and hasattr(form, "cleaned_data"):
        return form.cleaned_data.get("institution")
    return None
