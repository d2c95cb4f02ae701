from .images import CustomImage, Rendition
from .languages import Language
from .pages import BasePage, HomePage, StandardPage
from .site_settings import SiteSettings
from .taxonomy import Topic
from .users import User

__all__ = [
    "BasePage",
    "CustomImage",
    "HomePage",
    "Language",
    "Rendition",
    "SiteSettings",
    "StandardPage",
    "Topic",
    "User",
]
