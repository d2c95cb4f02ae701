"""The API's query parameters, checked, and the records they select.

Every parameter is parsed here; a bad one raises BadParameter, which the
views answer with 400 and a JSON body naming the parameter."""

import datetime
import uuid

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from directory.exchange.hsds import records
from directory.exchange.hsds.records import HOTLINE, organization_id, service_id
from directory.models import ContactPerson, Institution
from directory.models.institutions import MAX_QUERY_TERMS, hotline_condition
from directory.visibility import visible_values
from portal.models import Topic

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
MAX_SEARCH_LENGTH = 200
# Parameters each endpoint understands; any other is a mistake worth a 400.
COMMON = {"page", "per_page", "search", "modified_after", "taxonomy_term_id", "format"}
ORGANIZATION_LIST = COMMON | {"full", "full_service"}
SERVICE_LIST = COMMON | {"organization_id"}
DETAIL = {"full_service", "format"}


class BadParameter(Exception):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def check_known(params, allowed):
    for name in params:
        if name not in allowed:
            raise BadParameter(
                name,
                _("Unknown parameter. This endpoint understands: %(names)s.")
                % {"names": ", ".join(sorted(allowed))},
            )
    for name in params:
        if len(params.getlist(name)) > 1:
            raise BadParameter(name, _("Give this parameter once."))
    if params.get("format", "json") != "json":
        raise BadParameter("format", _("Only json is available."))


def _positive_integer(params, name, default, maximum=None):
    """A whole number from 1; a huge page number is just a page past the end."""
    raw = params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit() or len(raw) > 100 or int(raw) < 1:
        raise BadParameter(name, _("Give a whole number of 1 or more."))
    value = int(raw)
    if maximum is not None and value > maximum:
        raise BadParameter(name, _("Give a number from 1 to %(maximum)d.") % {"maximum": maximum})
    return value


def boolean(params, name):
    raw = params.get(name, "false").lower()
    if raw not in ("true", "false"):
        raise BadParameter(name, _("Give true or false."))
    return raw == "true"


def parse_uuid(value):
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError, AttributeError):
        return None


class Query:
    """The common parameters of a list request, parsed."""

    def __init__(self, params, allowed):
        check_known(params, allowed)
        self.page = _positive_integer(params, "page", 1)
        self.per_page = _positive_integer(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
        self.search = params.get("search", "").strip()
        if len(self.search) > MAX_SEARCH_LENGTH:
            raise BadParameter(
                "search",
                _("Search for at most %(count)d characters.") % {"count": MAX_SEARCH_LENGTH},
            )
        self.modified_after = self._moment(params.get("modified_after"))
        self.taxonomy_term = None
        if params.get("taxonomy_term_id") is not None:
            self.taxonomy_term = parse_uuid(params["taxonomy_term_id"])
            if self.taxonomy_term is None:
                raise BadParameter("taxonomy_term_id", _("Give a taxonomy term's UUID."))
        self.organization = None
        if params.get("organization_id") is not None:
            self.organization = parse_uuid(params["organization_id"])
            if self.organization is None:
                raise BadParameter("organization_id", _("Give an organization's UUID."))

    @staticmethod
    def _moment(raw):
        """An ISO 8601 date-time or date; without a zone, the portal's time."""
        if raw is None:
            return None
        try:
            moment = parse_datetime(raw)
            if moment is None:
                day = parse_date(raw)
                if day is not None:
                    moment = datetime.datetime.combine(day, datetime.time())
        except ValueError:
            moment = None
        if moment is None:
            raise BadParameter(
                "modified_after",
                _("Give a date and time like 2026-11-30T09:00:00Z, or a date like 2026-11-30."),
            )
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment


def page_of(items, query):
    """A django Page; raises django.core.paginator.InvalidPage."""
    return Paginator(items, query.per_page, allow_empty_first_page=True).page(query.page)


def page_fields(page, contents):
    """The Page fields of the HSDS OpenAPI, around `contents`."""
    paginator = page.paginator
    return {
        "total_items": paginator.count,
        "total_pages": paginator.num_pages if paginator.count else 0,
        "page_number": page.number,
        "size": len(contents),
        "first_page": page.number == 1,
        "last_page": not page.has_next(),
        "empty": paginator.count == 0,
        "contents": contents,
    }


def _changed_since(moment, viewer_is_member):
    """The institution's own fields, or a person the viewer may see."""
    people = ContactPerson.objects.filter(
        institution=OuterRef("pk"),
        visibility__in=visible_values(viewer_is_member),
        updated_at__gte=moment,
    )
    return Q(updated_at__gte=moment) | Exists(people)


def institution_pk(org_uuid):
    """The institution whose HSDS id this is, or None. Ids are derived, not
    stored, so every primary key is tried: one cheap query and a hash each."""
    wanted = str(org_uuid)
    for pk in Institution.objects.values_list("pk", flat=True).iterator(chunk_size=5000):
        if organization_id(pk) == wanted:
            return pk
    return None


def organizations(query, viewer_is_member):
    institutions = Institution.objects.all()
    if query.search:
        institutions = institutions.search(query.search, viewer_is_member)
    if query.modified_after:
        institutions = institutions.filter(_changed_since(query.modified_after, viewer_is_member))
    if query.taxonomy_term:
        institutions = institutions.filter(
            Exists(
                Institution.competences.through.objects.filter(
                    institution_id=OuterRef("pk"), topic__translation_key=query.taxonomy_term
                )
            )
        )
    return institutions.order_by("name", "pk")


def with_nested(institutions, viewer_is_member):
    """What a fully nested organization reads, in a fixed number of queries."""
    return institutions.prefetch_related(
        "languages",
        "competences",
        Prefetch(
            "contact_people",
            queryset=ContactPerson.objects.visible(viewer_is_member).order_by("name", "pk"),
            to_attr="visible_people",
        ),
    )


def _matching_topics(search):
    """Topics (any language) whose name has every word of the search."""
    topics = Topic.objects.all()
    for term in search.split()[:MAX_QUERY_TERMS]:
        topics = topics.filter(name__icontains=term)
    return set(topics.values_list("translation_key", flat=True))


def services(query, viewer_is_member):
    """The services this viewer may see, as (institution pk, topic pk or None
    for the hotline), ordered by institution name, hotline first."""
    institutions = Institution.objects.all()
    if query.organization:
        institutions = institutions.filter(pk=institution_pk(query.organization) or 0)
    if query.modified_after:
        institutions = institutions.filter(updated_at__gte=query.modified_after)
    matching, topic_keys = None, None
    if query.search:
        matching = set(
            institutions.search(query.search, viewer_is_member).values_list("pk", flat=True)
        )
        topic_keys = _matching_topics(query.search)
    rows = []
    if query.taxonomy_term is None:
        hotline_words = (records.hotline_name().casefold(), "24/7 hotline", "hotline")
        search_names_hotline = query.search and any(
            query.search.casefold() in words for words in hotline_words
        )
        for pk, name in institutions.filter(hotline_condition(viewer_is_member)).values_list(
            "pk", "name"
        ):
            if matching is None or pk in matching or search_names_hotline:
                rows.append((name, pk, "", None))
    links = Institution.competences.through.objects.filter(institution__in=institutions)
    if query.taxonomy_term:
        links = links.filter(topic__translation_key=query.taxonomy_term)
    for pk, name, topic_pk, topic_name, key in links.values_list(
        "institution_id",
        "institution__name",
        "topic_id",
        "topic__name",
        "topic__translation_key",
    ):
        if matching is None or pk in matching or key in topic_keys:
            rows.append((name, pk, topic_name, topic_pk))
    rows.sort(key=lambda row: (row[0], row[1], row[3] is not None, row[2]))
    return [(pk, topic_pk) for _name, pk, _topic_name, topic_pk in rows]


def service_by_id(service_uuid, viewer_is_member):
    """(institution pk, topic pk or None) of the service with this id that
    the viewer may see, or None."""
    wanted = str(service_uuid)
    hotlines = Institution.objects.filter(hotline_condition(viewer_is_member))
    for pk in hotlines.values_list("pk", flat=True).iterator(chunk_size=5000):
        if service_id(pk, HOTLINE) == wanted:
            return pk, None
    links = Institution.competences.through.objects.values_list(
        "institution_id", "topic_id", "topic__translation_key"
    )
    for pk, topic_pk, key in links.iterator(chunk_size=5000):
        if service_id(pk, key) == wanted:
            return pk, topic_pk
    return None
