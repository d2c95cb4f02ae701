"""The scenario player: thin views over `resources.scenarios.progress`.

Every request re-reads the player's position from the stored path, replayed
against the scenario's graph; a request for any other step is answered with
a message and a redirect to the step the player is really on.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

from resources.scenarios import progress
from resources.scenarios.graph import way_to


def _step_url(page, key):
    return page.url + page.reverse_subpage("step_route", kwargs={"key": key})


def _intro_url(page):
    return page.url


def _context(request, page, **extra):
    context = page.get_context(request)
    context.update(extra)
    return context


def _position(request, page):
    attempt = progress.find_attempt(request, page)
    if attempt is None:
        return None
    pos = progress.position(page, attempt)
    if pos.repaired:
        messages.warning(
            request,
            _(
                "Your saved progress did not match this scenario (it may have changed), so "
                "you continue from the last step that fits."
            ),
        )
    return pos


def intro(request, page):
    pos = _position(request, page)
    current = page.step_by_key(pos.current) if pos else None
    context = _context(
        request,
        page,
        position=pos,
        current_step=current,
        in_progress=bool(pos and pos.path and pos.attempt.finished_at is None),
        problems=page.problems() if getattr(request, "is_preview", False) else [],
    )
    return TemplateResponse(request, page.get_template(request), context)


def start(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if page.problems():
        messages.error(request, _("This scenario cannot be played yet."))
        return redirect(_intro_url(page))
    progress.start(request, page)
    return redirect(_step_url(page, page.graph().start))


def back(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    pos = _position(request, page)
    if pos is None:
        return redirect(_intro_url(page))
    if not progress.back(pos):
        messages.info(request, _("There is no step to go back to."))
    pos = progress.position(page, pos.attempt)
    return redirect(_step_url(page, pos.current))


def _unknown_step(request, page):
    return TemplateResponse(
        request,
        "resources/scenarios/message.html",
        _context(
            request,
            page,
            message=_("This scenario has no such step."),
        ),
        status=404,
    )


def step(request, page, key):
    step = page.step_by_key(key)
    if step is None:
        return _unknown_step(request, page)
    pos = _position(request, page)
    if pos is None:
        messages.info(request, _("Start the scenario to see its steps."))
        return redirect(_intro_url(page))
    if key != pos.current:
        messages.warning(
            request,
            _("You can only continue from the step you are on; here it is."),
        )
        return redirect(_step_url(page, pos.current))
    status = 200
    error = ""
    if request.method == "POST":
        try:
            progress.choose(page, pos, key, request.POST.get("choice", ""))
        except progress.ProgressError as exc:
            if exc.code == "finished":
                messages.info(
                    request, _("You have finished this scenario. Start again to play it anew.")
                )
                return redirect(_step_url(page, pos.current))
            error = _("Choose one of the options below.")
            status = 400
        else:
            return redirect(page.url + page.reverse_subpage("feedback_route", kwargs={"key": key}))
    return _render_step(request, page, step, pos, error=error, status=status)


def preview_step(request, page, key):
    """A step or ending as a player reaches it by the shortest way, for the
    editor's preview: no attempt is started or recorded."""
    step = page.step_by_key(key)
    if step is None:
        return _unknown_step(request, page)
    path = way_to(page.graph(), key) or []
    pos = progress.Position(attempt=None, path=path, current=key, repaired=False)
    return _render_step(request, page, step, pos)


def _render_step(request, page, step, pos, error="", status=200):
    context = _context(request, page, step=step, position=pos, error=error)
    if step.is_ending:
        context.update(
            {
                "taken": progress.walk(page, pos.path),
                "score": progress.score(page, pos.path),
                "finished_at": pos.attempt.finished_at if pos.attempt else None,
            }
        )
        return TemplateResponse(request, "resources/scenarios/ending.html", context, status=status)
    context["embed"] = _embed(step)
    return TemplateResponse(request, "resources/scenarios/step.html", context, status=status)


def feedback(request, page, key):
    if page.step_by_key(key) is None:
        return _unknown_step(request, page)
    pos = _position(request, page)
    if pos is None:
        return redirect(_intro_url(page))
    taken = progress.walk(page, pos.path)
    if not taken or taken[-1][0].key != key:
        return redirect(_step_url(page, pos.current))
    step, choice = taken[-1]
    progress.feedback_viewed(page, pos, step, choice)
    context = _context(
        request,
        page,
        step=step,
        choice=choice,
        next_url=_step_url(page, choice["target"]),
        position=pos,
    )
    return TemplateResponse(request, "resources/scenarios/feedback.html", context)


def _embed(step):
    """The embed's HTML, or None (the template then links to the video)."""
    if not step.video_url:
        return None

    try:
        return get_embed(step.video_url)
    except (EmbedException, OSError, ValueError):
        return None
