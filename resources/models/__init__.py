"""All models of the resources app. Scenarios and surveys keep their models in
their own packages; importing them here registers them with Django under the
`resources` label and keeps `from resources.models import ...` working."""

from resources.models.downloads import DocumentDownload
from resources.models.materials import MaterialFile, MaterialIndexPage, MaterialPage
from resources.models.study_visits import (
    StudyVisitAuthor,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
)
from resources.scenarios.models import (
    ScenarioAttempt,
    ScenarioChoiceEvent,
    ScenarioIndexPage,
    ScenarioPage,
    ScenarioStep,
)
from resources.scenarios.statement_models import LearnerAccount, ScenarioStatement
from resources.surveys.models import (
    SurveyIndexPage,
    SurveyInvitation,
    SurveyPage,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "DocumentDownload",
    "LearnerAccount",
    "MaterialFile",
    "MaterialIndexPage",
    "MaterialPage",
    "ScenarioAttempt",
    "ScenarioChoiceEvent",
    "ScenarioIndexPage",
    "ScenarioPage",
    "ScenarioStatement",
    "ScenarioStep",
    "StudyVisitAuthor",
    "StudyVisitIndexPage",
    "StudyVisitMaterial",
    "StudyVisitPage",
    "SurveyIndexPage",
    "SurveyInvitation",
    "SurveyPage",
    "SurveyQuestion",
    "SurveyResponse",
]
