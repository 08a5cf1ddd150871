"""factory_boy factories for grants, shared by the module's tests."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from azamat.grants.models import Application, BudgetLine, Call, Direction, Expert, GrantType, Indicator
from azamat.registry.models import GovernmentBody
from azamat.testing.factories import OrganisationFactory, UserFactory


def grant_type(code: str = "short-term") -> GrantType:
    return GrantType.objects.get(code=code)


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    code = factory.Sequence(lambda n: f"call-2026-{n}")
    title_kk = factory.Sequence(lambda n: f"Мемлекеттік гранттар конкурсы №{n}")
    title_ru = factory.Sequence(lambda n: f"Конкурс государственных грантов №{n}")
    title_en = factory.Sequence(lambda n: f"State grants call No. {n}")
    grant_type = factory.LazyFunction(grant_type)
    customer = factory.LazyFunction(lambda: GovernmentBody.objects.get(code="mci-civil-society"))
    operator = factory.LazyFunction(lambda: GovernmentBody.objects.get(code="cso-support-centre"))
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    published = True


class DirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Direction

    call = factory.SubFactory(CallFactory)
    title_kk = "Жастарды қолдау"
    title_ru = "Поддержка молодёжи"
    title_en = "Support for youth"
    budget = Decimal("50000000")
    planned_grants = 5


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    direction = factory.SubFactory(DirectionFactory)
    call = factory.LazyAttribute(lambda o: o.direction.call)
    organisation = factory.SubFactory(OrganisationFactory)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Жастар орталығы {n}")
    summary = "Ауыл жастарына арналған кәсіби бағдар беру және волонтерлік бағдарлама."
    problem = "Ауылдық жерлерде жастар жұмыссыздығы жоғары, кәсіби бағдар беру қызметтері жоқ."
    target_group = "Ауылдық округтердің 14–29 жас аралығындағы жастары"
    goals = "Кемінде 300 жасқа кәсіби бағдар беру, 40 волонтер даярлау."
    duration_months = 6

    @factory.post_generation
    def budget(obj, create, extracted, **kwargs):
        if not create:
            return
        lines = (
            extracted
            if extracted is not None
            else [
                ("salaries", "Жоба үйлестірушісі", Decimal(6), Decimal(250000)),
                ("services", "Тренингтер", Decimal(4), Decimal(300000)),
            ]
        )
        for category, description, quantity, unit_cost in lines:
            BudgetLine.objects.create(
                application=obj,
                category=category,
                description=description,
                quantity=quantity,
                unit_cost=unit_cost,
            )
        Indicator.objects.create(
            application=obj,
            kind="output",
            name="Кәсіби бағдар алған жастар",
            unit="адам",
            baseline=0,
            target=300,
        )


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    languages = ["kk", "ru"]
    max_load = 30
