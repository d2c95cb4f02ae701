from allauth.account.signals import email_confirmed
from django.dispatch import receiver


@receiver(email_confirmed, dispatch_uid="directory_domain_membership")
def grant_membership_by_domain(request, email_address, **kwargs):
    from directory.services import apply_domain_membership

    apply_domain_membership(email_address.user)
