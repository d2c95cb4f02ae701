from resources.models.downloads import DocumentDownload
from resources.models.materials import MaterialFile, MaterialIndexPage, MaterialPage
from resources.models.scenarios import (
    ScenarioAttempt,
    ScenarioChoiceEvent,
    ScenarioIndexPage,
    ScenarioPage,
    ScenarioStep,
)
from resources.models.study_visits import (
    StudyVisitAuthor,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
)
from resources.models.surveys import SurveyIndexPage, SurveyPage, SurveyQuestion, SurveyResponse

__all__ = [
    "DocumentDownload",
    "MaterialFile",
    "MaterialIndexPage",
    "MaterialPage",
    "ScenarioAttempt",
    "ScenarioChoiceEvent",
    "ScenarioIndexPage",
    "ScenarioPage",
    "ScenarioStep",
    "StudyVisitAuthor",
    "StudyVisitIndexPage",
    "StudyVisitMaterial",
    "StudyVisitPage",
    "SurveyIndexPage",
    "SurveyPage",
    "SurveyQuestion",
    "SurveyResponse",
]
