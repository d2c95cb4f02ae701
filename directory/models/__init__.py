from .api_tokens import ApiToken
from .institutions import Institution, InstitutionEmailDomain
from .memberships import Membership
from .pages import DirectoryIndexPage
from .people import ContactPerson
from .reports import OutdatedReport

__all__ = [
    "ApiToken",
    "ContactPerson",
    "DirectoryIndexPage",
    "Institution",
    "InstitutionEmailDomain",
    "Membership",
    "OutdatedReport",
]
