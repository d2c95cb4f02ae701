from resources.models.downloads import DocumentDownload
from resources.models.materials import MaterialFile, MaterialIndexPage, MaterialPage
from resources.models.study_visits import (
    StudyVisitAuthor,
    StudyVisitIndexPage,
    StudyVisitMaterial,
    StudyVisitPage,
)

__all__ = [
    "DocumentDownload",
    "MaterialFile",
    "MaterialIndexPage",
    "MaterialPage",
    "StudyVisitAuthor",
    "StudyVisitIndexPage",
    "StudyVisitMaterial",
    "StudyVisitPage",
]
