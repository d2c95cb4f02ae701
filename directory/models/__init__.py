from .institutions import Institution, InstitutionEmailDomain
from .memberships import Membership
from .people import ContactPerson

__all__ = ["ContactPerson", "Institution", "InstitutionEmailDomain", "Membership"]
