"""The directory as an Open Referral HSDS 3.0 API (see openapi.json and the
profile README in this package).

Who is asking decides what is written: a member (signed in, or sending a
personal API token as `Authorization: Bearer …`) gets members-only values,
anyone else only public ones. A token that is unknown or revoked is refused
with 401, never quietly treated as anonymous."""

import datetime
import json
from pathlib import Path

from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from directory.exchange.hsds import queries, records
from directory.models import ApiToken, Institution
from directory.views import topic_names
from directory.visibility import is_member
from portal import public_address
from portal.models import Topic

HSDS_VERSION = "3.0"
HERE = Path(__file__).resolve().parent
PROFILE_SCHEMAS = {path.stem: path for path in (HERE / "profile" / "schema").glob("*.json")}
# last_used_at is written at most this often per token: not a write per request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=10)


class Unauthorized(Exception):
    pass


def _json(data, status=200, private=False):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
        status=status,
    )
    response["Vary"] = "Authorization, Cookie, Accept-Language"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def _error(status, message, parameter=None):
    error = {"message": message}
    if parameter:
        error["parameter"] = parameter
    return _json({"status": status, "errors": [error]}, status=status)


def viewer_is_member(request):
    """True when the request comes from a member, by token or session.
    Raises Unauthorized for a token that opens nothing."""
    header = request.headers.get("Authorization")
    if header is None:
        return is_member(request.user)
    scheme, _space, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        raise Unauthorized
    token = ApiToken.objects.for_secret(secret.strip())
    if token is None or not token.user.is_active:
        raise Unauthorized
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return is_member(token.user)


def api_view(view):
    """Reads the viewer, answers bad parameters with 400 and a missing page
    or record with 404, always in JSON."""

    @require_safe
    def wrapper(request, *args, **kwargs):
        try:
            member = viewer_is_member(request)
        except Unauthorized:
            response = _error(401, _("The API token is unknown or has been revoked."))
            response["WWW-Authenticate"] = 'Bearer realm="directory"'
            return response
        try:
            data = view(request, member, *args, **kwargs)
        except queries.BadParameter as error:
            return _error(400, error.message, error.parameter)
        except InvalidPage:
            return _error(404, _("There is no such page of results."), "page")
        except Http404:
            return _error(404, _("There is no such record."))
        return _json(data, private=member)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@api_view
def root(request, member):
    """What this API is: the HSDS version, the profile and the OpenAPI file."""
    queries.check_known(request.GET, {"format"})
    return {
        "version": HSDS_VERSION,
        "profile": public_address.absolute(reverse("directory:hsds_profile")),
        "openapi_url": public_address.absolute(reverse("directory:hsds_openapi")),
    }


@api_view
def organization_list(request, member):
    query = queries.Query(request.GET, queries.ORGANIZATION_LIST)
    full = queries.boolean(request.GET, "full")
    queries.boolean(request.GET, "full_service")
    institutions = queries.organizations(query, member)
    if full:
        institutions = queries.with_nested(institutions, member)
    page = queries.page_of(institutions, query)
    if full:
        names = topic_names()
        contents = [
            records.organization(institution, member, public_address.absolute, names)
            for institution in page
        ]
    else:
        contents = [
            records.organization_summary(institution, member, public_address.absolute)
            for institution in page
        ]
    return queries.page_fields(page, contents)


@api_view
def organization_detail(request, member, record_id):
    queries.check_known(request.GET, queries.DETAIL)
    queries.boolean(request.GET, "full_service")
    org_uuid = queries.parse_uuid(record_id)
    pk = queries.institution_pk(org_uuid) if org_uuid else None
    institution = (
        queries.with_nested(Institution.objects.filter(pk=pk), member).first() if pk else None
    )
    if institution is None:
        raise Http404
    return records.organization(institution, member, public_address.absolute, topic_names())


@api_view
def service_list(request, member):
    query = queries.Query(request.GET, queries.SERVICE_LIST)
    page = queries.page_of(queries.services(query, member), query)
    rows = list(page)
    institutions = Institution.objects.in_bulk({pk for pk, _topic in rows})
    topics = Topic.objects.in_bulk({topic for _pk, topic in rows if topic})
    names = topic_names()
    contents = [
        records.service_summary(
            institutions[pk],
            topics[topic] if topic else None,
            member,
            public_address.absolute,
            names,
        )
        for pk, topic in rows
    ]
    return queries.page_fields(page, contents)


@api_view
def service_detail(request, member, record_id):
    queries.check_known(request.GET, {"format"})
    service_uuid = queries.parse_uuid(record_id)
    found = queries.service_by_id(service_uuid, member) if service_uuid else None
    if found is None:
        raise Http404
    pk, topic_pk = found
    institution = Institution.objects.prefetch_related("languages").get(pk=pk)
    topic = Topic.objects.get(pk=topic_pk) if topic_pk else None
    return records.service(institution, topic, member, public_address.absolute, topic_names())


@require_safe
def openapi(request):
    """This API's OpenAPI description (the HSDS one, cut to what is served)."""
    description = json.loads((HERE / "openapi.json").read_text(encoding="utf-8"))
    description["servers"] = [{"url": public_address.absolute(reverse("directory:hsds_root"))}]
    return _json(description)


@require_safe
def profile(request):
    """The profile's README: what this portal's HSDS adds and leaves out."""
    return HttpResponse(
        (HERE / "profile" / "README.md").read_bytes(),
        content_type="text/markdown; charset=utf-8",
    )


@require_safe
def profile_schema(request, name):
    """The profile's changes to an HSDS schema, as a JSON Merge Patch."""
    if name not in PROFILE_SCHEMAS:
        raise Http404
    return HttpResponse(
        PROFILE_SCHEMAS[name].read_bytes(), content_type="application/json; charset=utf-8"
    )


def legacy_export(request):
    """The old /directory/hsds.json: the same organizations, now from the API."""
    params = {"full": "true"}
    if request.GET.get("q"):
        params["search"] = request.GET["q"]
    if request.GET.get("page"):
        params["page"] = request.GET["page"]
    return redirect(
        f"{reverse('directory:hsds_organizations')}?{urlencode(params)}", permanent=True
    )
