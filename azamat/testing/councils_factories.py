"""Test data for public councils: councils, committees, members and meetings, and a helper that seats a council
through the services (so its rules hold) for tests and the data generator's authors to copy."""

import datetime

import factory
from django.utils import timezone

from azamat.councils.models import Committee, Council, CouncilSecretary, Level, Meeting, Member
from azamat.registry.models import GovernmentBody, Region
from azamat.testing.factories import OrganisationFactory, UserFactory


class GovernmentBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentBody

    code = factory.Sequence(lambda n: f"test-body-{n}")
    name_kk = factory.Sequence(lambda n: f"Сынақ министрлігі {n}")
    name_ru = factory.Sequence(lambda n: f"Тестовое министерство {n}")
    name_en = factory.Sequence(lambda n: f"Test ministry {n}")
    kind = GovernmentBody.Kind.MINISTRY
    level = GovernmentBody.Level.REPUBLICAN


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    name_kk = factory.Sequence(lambda n: f"Қоғамдық кеңес {n}")
    name_ru = factory.Sequence(lambda n: f"Общественный совет {n}")
    name_en = factory.Sequence(lambda n: f"Public council {n}")
    level = Level.CENTRAL
    body = factory.SubFactory(GovernmentBodyFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(kato="750000000"))
    term_starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))
    term_ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=2 * 365))
    published_at = factory.LazyFunction(timezone.now)


class CouncilSecretaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilSecretary

    council = factory.SubFactory(CouncilFactory)
    user = factory.SubFactory(UserFactory)


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee

    council = factory.SubFactory(CouncilFactory)
    name_kk = factory.Sequence(lambda n: f"{n} мәселелері жөніндегі комитет")
    name_ru = factory.Sequence(lambda n: f"Комитет по вопросам {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    """A seat written directly, without the composition rules: for data a test needs as it is."""

    class Meta:
        model = Member

    council = factory.SubFactory(CouncilFactory)
    full_name = factory.Sequence(lambda n: f"Член Совета {n}")
    represents = Member.Represents.CITIZEN
    role = Member.Role.MEMBER
    joined_on = factory.LazyAttribute(lambda o: o.council.term_starts_on)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    council = factory.SubFactory(CouncilFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    place = "Астана, Дом министерств"


def seat_council(council: Council, *, by, ngo: int = 0, citizens: int = 0, state: int = 0) -> list[Member]:
    """Seat members through `member_add` (NGO members each from a new organisation), the state ones last so the
    share rule sees the civil seats first."""
    from azamat.councils.services.members import member_add

    seats = []
    for _ in range(ngo):
        organisation = OrganisationFactory()
        seats.append(
            member_add(
                council=council,
                full_name=f"Представитель {organisation.name_ru}",
                represents=Member.Represents.NGO,
                organisation=organisation,
                joined_on=council.term_starts_on,
                by=by,
                check_permission=False,
            )
        )
    for n in range(citizens):
        seats.append(
            member_add(
                council=council,
                full_name=f"Гражданин {n + 1}",
                represents=Member.Represents.CITIZEN,
                joined_on=council.term_starts_on,
                by=by,
                check_permission=False,
            )
        )
    for n in range(state):
        seats.append(
            member_add(
                council=council,
                full_name=f"Государственный служащий {n + 1}",
                represents=Member.Represents.STATE,
                state_body=council.body,
                joined_on=council.term_starts_on,
                by=by,
                check_permission=False,
            )
        )
    return seats
