from allauth.account.signals import email_confirmed
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from directory import cache, search
from directory.models import ContactPerson, Institution
from directory.services import apply_domain_membership


@receiver(email_confirmed, dispatch_uid="directory_domain_membership")
def grant_membership_by_domain(request, email_address, **kwargs):
    apply_domain_membership(email_address.user)


@receiver(post_save, sender="directory.Institution", dispatch_uid="directory_institution_search")
def refresh_institution_search(sender, instance, raw=False, **kwargs):
    if raw:
        return

    search.refresh([instance.pk])
    cache.bump()


@receiver(post_save, sender="directory.ContactPerson", dispatch_uid="directory_person_saved")
@receiver(post_delete, sender="directory.ContactPerson", dispatch_uid="directory_person_deleted")
def refresh_person_search(sender, instance, raw=False, **kwargs):
    if raw:
        return

    if Institution.objects.filter(pk=instance.institution_id).exists():
        search.refresh([instance.institution_id])
    cache.bump()


@receiver(post_delete, sender="directory.Institution", dispatch_uid="directory_institution_deleted")
@receiver(m2m_changed, dispatch_uid="directory_links_changed")
def directory_changed(sender, **kwargs):
    if (
        sender is Institution
        or getattr(sender, "_meta", None)
        and sender._meta.auto_created
        in (
            Institution,
            ContactPerson,
        )
    ):
        cache.bump()
