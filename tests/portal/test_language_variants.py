from types import SimpleNamespace

from django.utils import translation

from directory.models import Institution
from portal.language_variants import in_language
from resources.models import SurveyQuestion


def test_a_variant_is_read_in_the_active_language_and_falls_back_to_english():
    record = SimpleNamespace(name="Border Guard", name_pl="Straż Graniczna", name_uk="")
    assert in_language(record, "name") == "Border Guard"
    with translation.override("pl"):
        assert in_language(record, "name") == "Straż Graniczna"
    assert in_language(record, "name", "uk") == "Border Guard"
    assert in_language(record, "name", "de") == "Border Guard"
    assert in_language(record, "name", "pl-pl") == "Straż Graniczna"


def test_every_model_with_variants_follows_the_rule():
    institution = Institution(name="Labour Inspectorate", name_pl="Inspekcja Pracy")
    question = SurveyQuestion(label="Where do you work?", label_uk="Де ви працюєте?")
    with translation.override("pl"):
        assert institution.localized_name == "Inspekcja Pracy"
        assert question.label_in("pl") == "Where do you work?"
    assert institution.localized_name == "Labour Inspectorate"
    assert question.label_in("uk") == "Де ви працюєте?"
