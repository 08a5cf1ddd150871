"""factory_boy factories shared by every app's tests."""

import datetime

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.core.bin import make_bin
from azamat.registry.models import Membership, Organisation, Region
from azamat.registry.report_models import AnnualReport
from azamat.registry.report_selectors import report_required_year

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

    @factory.post_generation
    def current_report(obj, create, extracted, **kwargs):
        """A filed annual report on the year required today and on the year just ended, so the organisation is
        "in the NGO database with a current report" (grants' eligibility) unless a test passes
        `current_report=False`."""
        if not create or extracted is False:
            return
        today = timezone.localdate()
        for year in sorted({report_required_year(today), today.year - 1}):
            if obj.registered_on <= datetime.date(year, 12, 31):
                AnnualReportFactory(organisation=obj, year=year, status=AnnualReport.Status.FILED)


class AnnualReportFactory(factory.django.DjangoModelFactory):
    """An annual report without lines; `status="filed"` makes it filed on its due date."""

    class Meta:
        model = AnnualReport

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2025
    status = AnnualReport.Status.DRAFT
    filed_at = factory.LazyAttribute(
        lambda o: (
            datetime.datetime(o.year + 1, 3, 1, 12, 0, tzinfo=datetime.UTC)
            if o.status != AnnualReport.Status.DRAFT
            else None
        )
    )
    first_filed_on = factory.LazyAttribute(lambda o: o.filed_at.date() if o.filed_at else None)


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
