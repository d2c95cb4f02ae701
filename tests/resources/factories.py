import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from demo.generators.files import make_pdf
from resources.models import (
    MaterialFile,
    MaterialIndexPage,
    MaterialPage,
    StudyVisitIndexPage,
    StudyVisitPage,
)
from tests.directory import factories as directory_factories


class InstitutionFactory(directory_factories.InstitutionFactory):
    """Materials are mostly published by ministries; tests name the host
    institutions of study visits by slug and may ask for one twice."""

    class Meta:
        django_get_or_create = ("slug",)

    kind = "ministry"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"Document {n}")
    file = factory.LazyAttribute(
        lambda o: ContentFile(make_pdf(o.title, ["A demo file."]), name="material.pdf")
    )


class MaterialIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MaterialIndexPage

    title = "Materials"
    slug = "resources"


class StudyVisitIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StudyVisitIndexPage

    title = "Study visits"
    slug = "study-visits"


class MaterialPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = MaterialPage

    title = factory.Sequence(lambda n: f"Material {n}")
    introduction = "A summary."
    publication_date = datetime.date(2025, 3, 1)
    material_type = "guideline"
    visibility = "public"


class StudyVisitPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StudyVisitPage

    title = factory.Sequence(lambda n: f"Study visit {n}")
    introduction = "What we learnt."
    host_country = "BG"
    start_date = datetime.date(2025, 4, 7)
    end_date = datetime.date(2025, 4, 9)


def attach_file(material, document=None, language="en"):
    document = document or DocumentFactory()
    MaterialFile.objects.create(page=material, document=document, language_id=language)
    return document
