"""factory_boy factories shared by every app's tests."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from azamat.accounts.models import PlatformRole, User
from azamat.core.bin import make_bin
from azamat.registry.models import Membership, Organisation, Region

TEST_PASSWORD = "Correct-Horse-77"  # noqa: S105
_HASH: dict[str, str] = {}


def _password_hash() -> str:
    if "value" not in _HASH:
        _HASH["value"] = make_password(TEST_PASSWORD)
    return _HASH["value"]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kz")
    full_name = factory.Faker("name", locale="ru_RU")
    password = factory.LazyFunction(_password_hash)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def _bin(n: int) -> str:
    serial = 70000 + n
    while (value := make_bin(year=2015, month=6, serial=serial)) is None:
        serial += 50000
    return value


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name_kk = factory.Sequence(lambda n: f"«Үміт-{n}» қоғамдық бірлестігі")
    name_ru = factory.Sequence(lambda n: f"Общественное объединение «Надежда-{n}»")
    bin = factory.Sequence(_bin)
    legal_form = "public_association"
    registered_on = datetime.date(2015, 6, 1)
    region = factory.LazyFunction(lambda: Region.objects.get(kato="750000000"))
    address = "Алматы, ул. Абая, 10"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE


class PlatformRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlatformRole

    user = factory.SubFactory(UserFactory)
    role = PlatformRole.Role.EXPERT
