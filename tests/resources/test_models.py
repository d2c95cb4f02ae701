import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from wagtail.test.utils import WagtailPageTestCase

from portal.blocks import BaseStreamBlock
from portal.models import HomePage, StandardPage
from resources.blocks import StudyVisitStreamBlock
from resources.models import MaterialIndexPage, MaterialPage, StudyVisitIndexPage, StudyVisitPage
from tests.resources.factories import InstitutionFactory, StudyVisitPageFactory


class CreationRulesTests(WagtailPageTestCase, TestCase):
    def test_indexes_live_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, MaterialIndexPage)
        self.assertCanCreateAt(HomePage, StudyVisitIndexPage)
        self.assertCanNotCreateAt(StandardPage, MaterialIndexPage)
        self.assertCanNotCreateAt(StandardPage, StudyVisitIndexPage)

    def test_materials_only_in_the_library(self):
        self.assertAllowedParentPageTypes(MaterialPage, {MaterialIndexPage})
        self.assertAllowedSubpageTypes(MaterialIndexPage, {MaterialPage})
        self.assertAllowedSubpageTypes(MaterialPage, set())

    def test_study_visits_only_in_their_index(self):
        self.assertAllowedParentPageTypes(StudyVisitPage, {StudyVisitIndexPage})
        self.assertAllowedSubpageTypes(StudyVisitIndexPage, {StudyVisitPage})
        self.assertAllowedSubpageTypes(StudyVisitPage, set())


@pytest.mark.django_db
def test_one_library_per_home_page(materials_index):
    assert not MaterialIndexPage.can_create_at(materials_index.get_parent().specific)


@pytest.mark.django_db
def test_study_visit_cannot_end_before_it_starts(visits_index):
    visit = StudyVisitPageFactory(parent=visits_index)
    visit.end_date = visit.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        visit.full_clean()
    assert "end_date" in error.value.message_dict


@pytest.mark.django_db
def test_study_visit_page_shows_its_facts(client, visits_index):
    visit = StudyVisitPageFactory(
        parent=visits_index,
        slug="sofia",
        title="Visit to Sofia",
        objectives="<ul><li>Learn the referral mechanism.</li></ul>",
        body=[
            {
                "type": "key_findings",
                "value": {"title": "Key findings", "findings": ["One coordinator per region."]},
            },
            {
                "type": "recommendations",
                "value": {
                    "title": "Recommendations",
                    "recommendations": [
                        {"text": "Name a coordinator.", "addressee": "Border Guard"}
                    ],
                },
            },
            {
                "type": "table",
                "value": {
                    "caption": "Compared",
                    "table": {
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [["Aspect", "Bulgaria"], ["Shelters", "NGO-run"]],
                    },
                },
            },
        ],
    )
    visit.host_institutions.set([InstitutionFactory(name="National Commission")])
    visit.participating_institutions.set([InstitutionFactory(name="Border Guard HQ")])
    visit.authors.create(name="Katarzyna Nowicka", role="Specialist")
    visit.save_revision().publish()
    html = client.get("/study-visits/sofia/").content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Learn the referral mechanism.",
        "One coordinator per region.",
        "Name a coordinator.",
        "<th",
        "NGO-run",
        "National Commission",
        "Border Guard HQ",
        "Katarzyna Nowicka",
        "Bulgaria",
    ):
        assert text in html
    assert "first_row_is_table_header" not in html


def test_report_paragraphs_are_page_paragraphs():
    """Editors get the same rich-text toolbar in a study-visit report as in
    any page body, and readers the same markup."""
    report = StudyVisitStreamBlock().child_blocks["paragraph"]
    page = BaseStreamBlock().child_blocks["paragraph"]
    assert report.deconstruct() == page.deconstruct()
    assert report.features == page.features
    assert "h3" in report.features and "document-link" in report.features
