"""Scenarios built in code for the tests: a small graph with three endings."""

import wagtail_factories

from resources.models import ScenarioIndexPage, ScenarioPage, ScenarioStep


class ScenarioIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ScenarioIndexPage

    title = "Training scenarios"
    slug = "scenarios"


def choice(choice_id, label, target, rating="acceptable", score=0, feedback="Because.", **extra):
    value = {
        "label": label,
        "target": target,
        "rating": rating,
        "score": score,
        "feedback": feedback,
        "guidance_page": extra.get("guidance_page"),
        "guidance_url": extra.get("guidance_url", ""),
    }
    return {"type": "choice", "id": choice_id, "value": value}


def step(key, title=None, choices=(), is_ending=False, **fields):
    return ScenarioStep(
        key=key,
        title=title or key.replace("-", " ").capitalize(),
        choices=list(choices),
        is_ending=is_ending,
        ending_summary="<p>Summary of " + key + "</p>" if is_ending else "",
        situation="<p>What happens at " + key + "</p>",
        **fields,
    )


def default_steps():
    return [
        step(
            "arrival",
            "A bus arrives",
            [
                choice("c-ask", "Ask calmly in private", "private-talk", "good", 2),
                choice(
                    "c-shout", "Question them in front of the driver", "driver-answers", "poor", -2
                ),
            ],
        ),
        step(
            "private-talk",
            "A quiet room",
            [
                choice("c-interpreter", "Call an interpreter", "good-end", "good", 3),
                choice("c-rush", "Hurry and let them go", "mixed-end", "acceptable", 0),
            ],
        ),
        step(
            "driver-answers",
            "The driver answers for them",
            [choice("c-let-go", "Let the bus go", "poor-end", "poor", -3)],
        ),
        step("good-end", "Referred to help", is_ending=True),
        step("mixed-end", "A missed chance", is_ending=True),
        step("poor-end", "Lost contact", is_ending=True),
    ]


def make_scenario(
    parent, title="First contact", slug="first-contact", steps=None, publish=True, **fields
):
    page = ScenarioPage(title=title, slug=slug, introduction="Practise a first contact.", **fields)
    page.steps = default_steps() if steps is None else steps
    for order, each in enumerate(page.steps.all()):
        each.sort_order = order
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return ScenarioPage.objects.get(pk=page.pk)
