"""The benchmark's query counts are those of a visitor's request, not of the
one-time work a page's first view ever does."""

from wagtail.images import get_image_model

from benchmarks import pages, report
from resources.models import StudyVisitPage
from tests.resources.test_cold_section_queries import _visit_with_images


def test_a_page_is_counted_after_its_first_view_made_its_renditions(demo):
    Rendition = get_image_model().get_rendition_model()
    visit = _visit_with_images()
    Rendition.objects.all().delete()
    line = report.PageLine("study visit", [visit.url])

    pages.count_queries(line, pages.member())

    # The first view made the renditions, and was not counted: the count on
    # empty caches is that of a second fresh start, renditions kept.
    assert Rendition.objects.exists()
    again = report.PageLine("study visit", [StudyVisitPage.objects.get(pk=visit.pk).url])
    pages.count_queries(again, pages.member())
    assert line.queries_first == again.queries_first
    assert line.queries_uncached == again.queries_uncached
