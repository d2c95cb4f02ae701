import datetime

import factory
from django.utils import timezone

from directory.choices import InstitutionKind, MembershipStatus, Visibility
from directory.models import ContactPerson, Institution, InstitutionEmailDomain, Membership
from tests.factories import UserFactory


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Institution {n}")
    slug = factory.Sequence(lambda n: f"institution-{n}")
    kind = InstitutionKind.NGO
    country = "PL"
    region = "mazowieckie"
    city = "Warsaw"
    phone = factory.Sequence(lambda n: f"+48 22 000 {n % 100:02d} 01")
    email = factory.Sequence(lambda n: f"office{n}@institution.example.org")
    last_verified_at = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=10)
    )

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)

    @factory.post_generation
    def competences(self, create, extracted, **kwargs):
        if create and extracted:
            self.competences.set(extracted)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson
        skip_postgeneration_save = True

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Person Number{n}")
    position = "Specialist"
    email = factory.Sequence(lambda n: f"person{n}@people.example.org")
    phone = factory.Sequence(lambda n: f"+48 22 111 {n % 100:02d} 02")
    mobile = factory.Sequence(lambda n: f"+48 500 111 {n % 1000:03d}")
    visibility = Visibility.MEMBERS
    last_verified_at = factory.LazyFunction(
        lambda: timezone.localdate() - datetime.timedelta(days=10)
    )

    @factory.post_generation
    def languages(self, create, extracted, **kwargs):
        if create and extracted:
            self.languages.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    institution = factory.SubFactory(InstitutionFactory)
    status = MembershipStatus.APPROVED
    method = Membership.Method.MODERATOR


class EmailDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionEmailDomain

    institution = factory.SubFactory(InstitutionFactory)
    domain = factory.Sequence(lambda n: f"domain{n}.example.org")
