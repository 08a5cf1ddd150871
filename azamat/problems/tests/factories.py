"""Test support for the register: the working group's person, and problems proposed and registered through
the services (as a person would)."""

from azamat.accounts.models import PlatformRole
from azamat.problems import services
from azamat.problems.models import Area, Problem
from azamat.testing.factories import PlatformRoleFactory, UserFactory


def working_group_member(**extra):
    user = UserFactory(**extra)
    PlatformRoleFactory(user=user, role=PlatformRole.Role.WORKING_GROUP)
    return user


def area(code: str = "financing") -> Area:
    return Area.objects.get(code=code)


def proposed(
    *, by, title: str = "Задержка выплаты траншей по грантам", area_code: str = "financing", **extra
):
    values = {
        "description": "Операторы задерживают второй транш на два-три месяца.",
    }
    values.update(extra)
    return services.problem_propose(by=by, area=area(area_code), title=title, **values)


def registered(*, by, group, **extra) -> Problem:
    problem = proposed(by=by, **extra)
    services.problem_step(problem=problem, name="review", by=group)
    services.problem_step(problem=problem, name="register", by=group, reason="Подтверждено кейсами")
    return problem
