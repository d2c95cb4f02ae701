"""A training scenario seen as a graph of steps joined by choices.

Plain functions over plain data (`Step`/`Choice` tuples) so the admin page
form, the publish guard, the graph view, the player and the tests all share
one definition of what a correct scenario is.
"""

from collections import deque
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    target: str
    rating: str = "acceptable"
    score: int = 0


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    is_ending: bool = False
    choices: tuple = ()
    has_video: bool = False
    has_captions: bool = False


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    step: str = ""


@dataclass
class Graph:
    start: str
    steps: list = field(default_factory=list)

    @property
    def by_key(self):
        return {step.key: step for step in self.steps}


MESSAGES = {
    "no_start": _("The scenario has no start step: add steps and give the key of the first one."),
    "start_missing": _("The start step “%(key)s” does not exist."),
    "duplicate_key": _("Two or more steps use the key “%(key)s”: each step needs its own key."),
    "unreachable": _("Step “%(key)s” cannot be reached from the start step."),
    "dead_end": _(
        "Step “%(key)s” has no choices and is not an ending: add choices or mark it as an ending."
    ),
    "missing_target": _(
        "Choice “%(label)s” in step “%(key)s” leads to “%(target)s”, which does not exist."
    ),
    "no_captions": _("The video in step “%(key)s” has neither a captions file nor a transcript."),
    "no_ending": _("The scenario has no ending step."),
}


def _problem(code, step="", **params):
    return Problem(code, MESSAGES[code] % params if params else str(MESSAGES[code]), step)


def reachable(graph):
    """Keys of the steps a player can reach from the start."""
    by_key = graph.by_key
    if graph.start not in by_key:
        return set()
    seen = {graph.start}
    queue = deque([graph.start])
    while queue:
        step = by_key[queue.popleft()]
        for choice in step.choices:
            if choice.target in by_key and choice.target not in seen:
                seen.add(choice.target)
                queue.append(choice.target)
    return seen


def way_to(graph, key):
    """The fewest choice ids that lead from the start to step `key` (empty for
    the start itself), or None if no way leads there."""
    by_key = graph.by_key
    if graph.start not in by_key:
        return None
    ways = {graph.start: []}
    queue = deque([graph.start])
    while queue:
        current = queue.popleft()
        if current == key:
            return ways[current]
        step = by_key[current]
        if step.is_ending:
            continue
        for choice in step.choices:
            if choice.target in by_key and choice.target not in ways:
                ways[choice.target] = ways[current] + [choice.id]
                queue.append(choice.target)
    return None


def validate(graph):
    """Everything that stops the scenario from being played to an end."""
    problems = []
    keys = [step.key for step in graph.steps]
    for key in sorted({key for key in keys if keys.count(key) > 1}):
        problems.append(_problem("duplicate_key", key, key=key))
    by_key = graph.by_key
    if not graph.start:
        problems.append(_problem("no_start"))
    elif graph.start not in by_key:
        problems.append(_problem("start_missing", key=graph.start))
    for step in graph.steps:
        if not step.is_ending and not step.choices:
            problems.append(_problem("dead_end", step.key, key=step.key))
        for choice in step.choices:
            if choice.target not in by_key:
                problems.append(
                    _problem(
                        "missing_target",
                        step.key,
                        key=step.key,
                        label=choice.label,
                        target=choice.target or "—",
                    )
                )
        if step.has_video and not step.has_captions:
            problems.append(_problem("no_captions", step.key, key=step.key))
    if graph.start in by_key:
        seen = reachable(graph)
        for step in graph.steps:
            if step.key not in seen:
                problems.append(_problem("unreachable", step.key, key=step.key))
    if graph.steps and not any(step.is_ending for step in graph.steps):
        problems.append(_problem("no_ending"))
    return problems


def replay(graph, path):
    """The longest valid prefix of a recorded path.

    `path` is a list of choice ids taken from the start; each must belong to
    the step the previous one led to. Returns (valid choice ids, current step
    key); anything after the first invalid entry is dropped, so a forged or
    outdated path can never put a player on a step they could not reach.
    """
    by_key = graph.by_key
    current = graph.start
    valid = []
    for choice_id in path if isinstance(path, list) else []:
        step = by_key.get(current)
        if step is None or step.is_ending:
            break
        choice = next((c for c in step.choices if c.id == choice_id), None)
        if choice is None or choice.target not in by_key:
            break
        valid.append(choice_id)
        current = choice.target
    return valid, current


def layout(graph):
    """Positions for a server-side SVG: one column per distance from the start."""
    by_key = graph.by_key
    depth = {}
    if graph.start in by_key:
        depth[graph.start] = 0
        queue = deque([graph.start])
        while queue:
            key = queue.popleft()
            for choice in by_key[key].choices:
                if choice.target in by_key and choice.target not in depth:
                    depth[choice.target] = depth[key] + 1
                    queue.append(choice.target)
    unreachable_column = max(depth.values(), default=-1) + 1
    columns = {}
    positions = {}
    for step in graph.steps:
        if step.key in positions:
            continue
        column = depth.get(step.key, unreachable_column)
        row = columns.get(column, 0)
        columns[column] = row + 1
        positions[step.key] = (column, row)
    return positions


def captions_given(has_file, has_captions_file, has_transcript):
    """A transcript serves any video; a captions file only our own player."""
    return has_transcript or (has_file and has_captions_file)
