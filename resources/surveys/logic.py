"""Survey logic: which questions a respondent is shown, given their answers.

A question may have a condition on one earlier answer ("show when the answer
to Q is / is not / includes / does not include option X") and a skip ("when
the answer to this question is X, skip to question Y or to the end"). Both
refer to questions by their key (the clean name of the English label) and to
options by their English key, so the logic is the same in every language a
survey is answered in, and in every wagtail-localize translation of the page,
which shows the source survey's questions.

The same function decides on the server (which answers are validated and
stored) and, through the same rules written out as data attributes, in the
browser (static/resources/survey_logic.js). The editor's validation replays it
over every combination of the answers that matter to find unreachable questions.
"""

import itertools

from django.utils.translation import gettext as _
from wagtail.contrib.forms.utils import get_field_clean_name

SKIP_TO_END = "end"
SINGLE_OPERATORS = {"is", "is_not"}
MULTIPLE_OPERATORS = {"includes", "excludes"}
# Beyond this many combinations the editor's reachability check is skipped:
# the other checks still run, and such a survey is far beyond what the check is for.
MAX_COMBINATIONS = 20000


def key_of(text):
    """A question reference as typed by the editor (its English text or its key)."""
    text = (text or "").strip()
    return get_field_clean_name(text) if text else ""


def _values(answer):
    if answer in (None, "", []):
        return []
    return [str(v) for v in answer] if isinstance(answer, list | tuple) else [str(answer)]


def aliases(questions):
    """What a reference may name -> the question's key: its key, or the key its
    current English text would have (a question keeps its key when its text is
    edited after it was first saved, so answers stay together)."""
    names = {}
    for question in questions:
        names.setdefault(key_of(question.label), question.clean_name)
    for question in questions:
        names[question.clean_name] = question.clean_name
    return names


def resolve(names, reference):
    return names.get(key_of(reference), "")


def condition_met(question, answers, visible, names):
    if not question.condition_question:
        return True
    source = resolve(names, question.condition_question)
    if source not in visible:
        return False
    values = _values(answers.get(source))
    if not values:
        return False
    wanted = question.condition_value.strip()
    operator = question.condition_operator or "is"
    if operator in ("is", "includes"):
        return wanted in values
    return wanted not in values


def skip_target(question, answers, names):
    """The key of the question to go on with (or SKIP_TO_END), or None."""
    if not question.has_skip:
        return None
    if question.skip_when.strip() not in _values(answers.get(question.clean_name)):
        return None
    target = question.skip_to.strip()
    return SKIP_TO_END if target.lower() == SKIP_TO_END else resolve(names, target)


def visible_questions(questions, answers):
    """The keys of the questions shown to a respondent who gave `answers`
    (only the answers to shown questions count), in order."""
    names = aliases(questions)
    visible = []
    skipping_to = None
    for question in questions:
        key = question.clean_name
        if skipping_to is not None:
            if skipping_to != key:
                continue
            skipping_to = None
        if not condition_met(question, answers, visible, names):
            continue
        visible.append(key)
        skipping_to = skip_target(question, answers, names)
    return visible


# --- Editing -----------------------------------------------------------------------


def _answer_domain(question, wanted_values):
    """The answers of `question` that can make a difference to the logic."""
    if question.is_multiple:
        wanted = sorted(wanted_values)
        return [
            list(combo)
            for size in range(len(wanted) + 1)
            for combo in itertools.combinations(wanted, size)
        ]
    # A single choice: each option, or no answer at all (optional or hidden).
    return [None, *question.option_keys()]


def logic_errors(questions):
    """{index of question: {field: message}} for the logic of a survey being
    edited; `questions` are unsaved SurveyQuestion objects in their order."""
    errors = {}

    def add(index, field, message):
        errors.setdefault(index, {}).setdefault(field, message)

    positions = {}
    for index, question in enumerate(questions):
        positions.setdefault(question.clean_name, index)
    by_key = {question.clean_name: question for question in questions}
    names = aliases(questions)
    wanted = {}  # key -> option keys the logic looks at

    for index, question in enumerate(questions):
        if question.condition_question or question.condition_value:
            source_key = resolve(names, question.condition_question)
            source = by_key.get(source_key)
            if not question.condition_question:
                add(index, "condition_question", _("Choose the earlier question this depends on."))
            elif source is None:
                add(
                    index,
                    "condition_question",
                    _("There is no question “%(text)s” in this survey.")
                    % {"text": question.condition_question},
                )
            elif positions[source_key] == index:
                add(index, "condition_question", _("A question cannot depend on itself."))
            elif positions[source_key] > index:
                add(
                    index,
                    "condition_question",
                    _("A question can depend only on an earlier question; “%(text)s” comes later.")
                    % {"text": source.label},
                )
            elif not source.is_choice:
                add(
                    index,
                    "condition_question",
                    _("Conditions need a question with options; “%(text)s” has none.")
                    % {"text": source.label},
                )
            else:
                operator = question.condition_operator
                if not operator:
                    add(index, "condition_operator", _("Choose how to compare the answer."))
                elif source.is_multiple and operator not in MULTIPLE_OPERATORS:
                    add(
                        index,
                        "condition_operator",
                        _("For a multiple-choice question use “includes” or “does not include”."),
                    )
                elif not source.is_multiple and operator not in SINGLE_OPERATORS:
                    add(
                        index,
                        "condition_operator",
                        _("For a single-choice question use “is” or “is not”."),
                    )
                value = question.condition_value.strip()
                if value not in source.option_keys():
                    add(
                        index,
                        "condition_value",
                        _("“%(value)s” is not an option of that question. Options: %(options)s.")
                        % {"value": value, "options": ", ".join(source.option_keys())},
                    )
                else:
                    wanted.setdefault(source_key, set()).add(value)
        elif question.condition_operator:
            add(index, "condition_question", _("Choose the earlier question this depends on."))

        if question.skip_when or question.skip_to:
            when = question.skip_when.strip()
            target = question.skip_to.strip()
            if not when:
                add(index, "skip_when", _("Give the option that leads to the skip."))
            elif not question.is_choice:
                add(index, "skip_when", _("Only questions with options can skip."))
            elif when not in question.option_keys():
                add(
                    index,
                    "skip_when",
                    _("“%(value)s” is not an option of this question. Options: %(options)s.")
                    % {"value": when, "options": ", ".join(question.option_keys())},
                )
            else:
                wanted.setdefault(question.clean_name, set()).add(when)
            if not target:
                add(index, "skip_to", _("Give the later question to skip to, or “end”."))
            elif target.lower() != SKIP_TO_END:
                target_key = resolve(names, target)
                if target_key not in by_key:
                    add(
                        index,
                        "skip_to",
                        _("There is no question “%(text)s” in this survey.") % {"text": target},
                    )
                elif positions[target_key] <= index:
                    add(
                        index,
                        "skip_to",
                        _("A skip can only go forward, to a question after this one."),
                    )

    if errors:
        return errors
    for index in unreachable(questions, wanted):
        add(
            index,
            "condition_question",
            _(
                "No respondent can reach this question: the conditions and skips before it "
                "always hide it."
            ),
        )
    return errors


def unreachable(questions, wanted):
    """Indexes of the questions hidden whatever the respondent answers: every
    combination of the answers the logic looks at is played through."""
    if not wanted:
        return []
    by_key = {question.clean_name: question for question in questions}
    keys = sorted(wanted)
    domains = [_answer_domain(by_key[key], wanted[key]) for key in keys]
    total = 1
    for domain in domains:
        total *= len(domain)
    if total > MAX_COMBINATIONS:
        return []
    seen = set()
    for combination in itertools.product(*domains):
        seen.update(visible_questions(questions, dict(zip(keys, combination, strict=True))))
        if len(seen) == len(by_key):
            return []
    return [index for index, question in enumerate(questions) if question.clean_name not in seen]
