import re
import secrets

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Locale, PageViewRestriction, Site

from directory.models import Institution
from directory.visibility import is_member
from events import attendance, limits, requirements, seats, services
from events.emails import qr_svg
from events.filters import EventFilterSet, venue_regions, with_confirmed_counts
from events.forms import ManageRegistrationForm, RegistrationForm
from events.models import EventPage, Registration
from events.models.pages import EVENT_IMAGE_SPEC, with_card_images
from portal import public_address
from portal.listings import children_with_untranslated, mark_other_language
from portal.maps import tile_map
from portal.models import SiteSettings, Topic
from portal.request_cache import remembered
from portal.visibility import visible_pages

TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
EVENTS_PER_PAGE = 20


def event_index(request, page):
    base = visible_pages(request, children_with_untranslated(EventPage, page))

    def filter_choices():
        topics = Topic.objects.filter(locale_id=page.locale_id).order_by("name")
        return list(topics), list(venue_regions(page))

    # The filters' choices change only with content (topics, event pages).
    topics, regions = remembered("events:index-filter-choices", [page.pk], filter_choices)
    filterset = EventFilterSet(request.GET or None, queryset=base, topics=topics, regions=regions)
    if filterset.is_bound and filterset.is_valid() and filterset.form.cleaned_data.get("seats"):
        # Which events have seats left: every event's registrations count,
        # so this listing depends on them all (the query says so).
        filterset.queryset = with_confirmed_counts(base)
    queryset = (
        filterset.qs
        if filterset.is_bound
        else filterset.filter_when(filterset.queryset, "when", "upcoming")
    )
    # Cards show no topics: none are fetched.
    queryset = with_card_images(queryset)
    paginator = Paginator(queryset, EVENTS_PER_PAGE)
    events = paginator.get_page(request.GET.get("page"))
    # Only the locale's id is compared: no need to load it.
    events.object_list = mark_other_language(
        seats.attach_confirmed_counts(events.object_list), Locale(pk=page.locale_id)
    )
    context = page.get_context(request)
    context.update(
        {
            "filterset": filterset,
            "events": events,
            "is_past": filterset.is_bound and filterset.is_past,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _registration_for_user(request, event):
    user = request.user
    if not user.is_authenticated:
        return None
    return (
        event.registrations_queryset()
        .filter(Q(user=user) | Q(email=user.email.lower()), purged_at__isnull=True)
        .exclude(status="cancelled")
        .first()
    )


# What the event page lists besides its own fields.
PAGE_RELATIONS = ("organisers", "topics", "languages", "sessions")


def with_page_data(request, page):
    """The event's organisers, topics, languages, agenda and picture, read
    once per content generation (any change of pages, the directory, topics
    or images makes a new one) instead of on every request. A preview shows
    the draft's own, unsaved lists: it reads them itself."""
    if getattr(request, "is_preview", False):
        return page

    def compute():
        prefetch_related_objects([page], *PAGE_RELATIONS)
        image = None
        if page.image_id:
            image = (
                get_image_model()
                .objects.prefetch_renditions(EVENT_IMAGE_SPEC)
                .filter(pk=page.image_id)
                .first()
            )
        return {
            "lists": {name: list(page._prefetched_objects_cache[name]) for name in PAGE_RELATIONS},
            "image": image,
        }

    data = remembered("events:page-data", [page.pk, page.last_published_at], compute)
    cache = page.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, items in data["lists"].items():
        if name not in cache:
            queryset = getattr(page, name).all()
            queryset._result_cache = items
            queryset._prefetch_done = True
            cache[name] = queryset
    if data["image"] is not None and data["image"].pk == page.image_id:
        page.image = data["image"]
    return page


def event_detail(request, page):
    with_page_data(request, page)
    page.count_seats_once()
    context = page.get_context(request)
    context.update(
        {
            "state": page.registration_state(),
            "my_registration": _registration_for_user(request, page),
            "json_ld": page.json_ld(request),
            "requirement": requirements.requirement_for(page, request.user),
            "venue_map": None
            if page.is_online and not page.venue_city
            else tile_map(page.latitude, page.longitude),
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def _privacy_url(request):
    def compute():
        site = Site.find_for_request(request)
        settings_obj = SiteSettings.for_site(site) if site else None
        policy = getattr(settings_obj, "privacy_policy_page", None)
        return None if policy is None else policy.localized.url

    # The same for every request to this host in this language until a page
    # or a setting changes (the page cache's content generation).
    return remembered(
        "events:privacy-url", [request.get_host(), translation.get_language()], compute
    )


def _prefill(user):
    if not user.is_authenticated:
        return {}
    initial = {"name": user.get_full_name(), "email": user.email}
    membership = (
        user.memberships.filter(status="approved").select_related("institution").first()
        if is_member(user)
        else None
    )
    if membership:
        initial["institution_name"] = str(membership.institution)
        initial["position"] = membership.position
    return initial


def register(request, page):
    event = page
    context = {}
    if request.method == "POST":
        # The privacy link is only needed if the form is shown again.
        form = RegistrationForm(request.POST, event=event)
        if not limits.registration_allowed(request):
            # Nothing is saved and only this message is shown, so the answer
            # reveals nothing about the address.
            form.is_valid()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Too many registration attempts came from your connection or for this email "
                    "address in a short time. Please wait an hour and try again."
                ),
            )
            status = 429
        elif form.is_valid():
            try:
                data = form.registration_data()
                # The confirmation goes out at commit, in the language used here.
                data["language"] = translation.get_language() or "en"
                result = services.register(
                    event,
                    data,
                    user=request.user,
                    invitation_code=form.cleaned_data.get("invitation_code", ""),
                )
            except services.RegistrationError as error:
                form.add_error(None, error.message)
                status = 403 if error.needs_membership else 400
            else:
                if result.duplicate:
                    context["duplicate_email"] = result.registration.email
                    return _render_register(
                        request, event, "events/register_duplicate.html", context
                    )
                registration = result.registration
                messages.success(
                    request,
                    _("You are registered. Your seat is confirmed.")
                    if registration.is_confirmed
                    else _("You are on the waiting list."),
                )
                return redirect(registration.get_manage_path())
        else:
            status = 400
        form.show_privacy_link(_privacy_url(request))
    else:
        form = RegistrationForm(
            event=event, initial=_prefill(request.user), privacy_url=_privacy_url(request)
        )
        status = 200
    # The organiser's preview shows the form even while registration is closed.
    is_preview = getattr(request, "is_preview", False)
    context["form"] = form
    return _render_register(
        request, event, "events/register.html", context, status=status, refusal=not is_preview
    )


def register_post(request, event_id):
    """The registration form's POST, served as Wagtail serves the event's
    register/ page (the same hooks: request method, view restrictions), but
    finding the event by its id instead of walking the page tree: a conference
    opening its registration gets hundreds of these at once."""
    page = EventPage.objects.live().select_related("locale").filter(pk=event_id).first()
    if page is None:
        raise Http404
    if request.method != "POST":
        return redirect(page.get_url(request) + page.reverse_subpage("register_route"))
    # Whether the page or an ancestor is restricted, remembered until any
    # content changes (restrictions included); a restricted page is checked
    # as Wagtail checks it, with its restrictions read afresh.
    restricted = remembered(
        "events:view-restricted", [page.pk], lambda: page.get_view_restrictions().exists()
    )
    if not restricted:
        page.get_view_restrictions = PageViewRestriction.objects.none

    def serve(page, request, args, kwargs):
        return register(request, page)

    chain = serve
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        result = hook(page, request, [], {})
        if isinstance(result, HttpResponse):
            return result
    return chain(page, request, [], {})


def _render_register(request, event, template, extra, *, status=200, refusal=False):
    """The registration page (or its "already registered" answer). It shows
    whether a seat is left (the waiting list is offered once the event is
    full), never how many: the cached form stays valid while registrations
    leave the event as full or as free as it was."""
    event.count_seats_once(exact=False)
    context = event.get_context(request)
    context.update({"state": event.registration_state(), "event": event, **extra})
    if template == "events/register.html":
        context.update(
            {
                "refusal": services.registration_refusal(event, user=request.user)
                if refusal
                else None,
                "requirement": requirements.requirement_for(event, request.user),
            }
        )
    return TemplateResponse(request, template, context, status=status)


def registration_from_token(token, field):
    if not TOKEN_RE.match(token or ""):
        raise Http404
    registration = (
        Registration.objects.select_related("event", "institution")
        .filter(**{field: token}, purged_at__isnull=True)
        .first()
    )
    # The lookup uses the index; the constant-time comparison guards against
    # collation quirks (e.g. case-insensitive matching) returning a near miss.
    if registration is None or not secrets.compare_digest(getattr(registration, field), token):
        raise Http404
    return registration


def manage(request, token):
    registration = registration_from_token(token, "manage_token")
    event = registration.event
    page = event.get_translation_or_none(translation_locale()) or event
    page = page.specific
    questions = list(page.questions.all()) or list(event.questions.all())
    status = 200
    form = ManageRegistrationForm(registration=registration, questions=questions)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            # Cancelling is confirmed on a page of its own (cancel_registration).
            return redirect("events:cancel", token=registration.manage_token)
        form = ManageRegistrationForm(request.POST, registration=registration, questions=questions)
        if form.is_valid():
            try:
                services.update_registration(registration, form.registration_data())
            except services.RegistrationError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Your answers have been saved."))
                return redirect(registration.get_manage_path())
        else:
            status = 400
    answers = [
        (q.label, format_answer(registration.answers.get(q.key)))
        for q in questions
        if registration.answers.get(q.key)
    ]
    context = {
        "registration": registration,
        "event": page,
        "form": form,
        "answers": answers,
        "waiting_position": registration.waiting_position(),
        "certificate_available": registration.attended_at is not None
        and attendance.qualifies_for_certificate(registration),
        "qr": qr_svg(public_address.absolute(registration.get_checkin_path()))
        if registration.is_confirmed and not event.is_online
        else None,
    }
    response = render(request, "events/manage.html", context, status=status)
    # A personal page: keep it out of shared caches and other sites' referrer
    # logs ("no-referrer" would make browsers send Origin: null and fail CSRF).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def cancel_registration(request, token):
    """GET asks "are you sure?"; only the POST from that page cancels."""
    registration = registration_from_token(token, "manage_token")
    if registration.is_cancelled:
        return redirect(registration.get_manage_path())
    if request.method == "POST":
        services.cancel(registration)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(registration.get_manage_path())
    event = registration.event
    page = (event.get_translation_or_none(translation_locale()) or event).specific
    response = render(
        request,
        "events/cancel_confirm.html",
        {"registration": registration, "event": page},
    )
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    return response


def format_answer(value):
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return {"yes": _("Yes"), "no": _("No")}.get(value, value)


def translation_locale():
    return Locale.get_active()


def forbidden(request):
    """403 with a way forward: organisers may simply need to log in."""
    response = render(request, "events/forbidden.html", status=403)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def institution_options(request):
    """Names for the institution type-ahead (public directory data only)."""
    query = (request.GET.get("q") or "").strip()[:100]
    if len(query) < 2:
        return JsonResponse({"results": []})
    institutions = (
        Institution.objects.filter(
            Q(name__icontains=query) | Q(name_pl__icontains=query) | Q(short_name__icontains=query)
        )
        .order_by("name")
        .only("name", "name_pl", "city")[:20]
    )
    results = [{"name": str(i), "city": i.city} for i in institutions]
    return JsonResponse({"results": results})
