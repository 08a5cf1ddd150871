"""Test support for accountability: an officer of a body, and items sent through the service."""

import datetime

from azamat.accountability.services import item_send
from azamat.accounts.models import PlatformRole
from azamat.registry.models import GovernmentBody
from azamat.testing.factories import PlatformRoleFactory, UserFactory


def body(code: str = "mci-civil-society") -> GovernmentBody:
    return GovernmentBody.objects.get(code=code)


def other_body(than: GovernmentBody) -> GovernmentBody:
    return GovernmentBody.objects.exclude(pk=than.pk).order_by("pk").first()


def officer_of(of: GovernmentBody, **extra):
    user = UserFactory(**extra)
    PlatformRoleFactory(user=user, role=PlatformRole.Role.GOVERNMENT_OFFICER, body=of)
    return user


def appeal(*, to: GovernmentBody, sent_on: datetime.date, author=None, **fields):
    values = {
        "kind": "appeal",
        "rule": "appeal",
        "title": "Обращение о доступе к данным",
        "text": "Просим ответить.",
    }
    values.update(fields)
    return item_send(body=to, sent_on=sent_on, author=author, quiet=True, **values)


def recommendation(*, to: GovernmentBody, sent_on: datetime.date, due_on: datetime.date, **fields):
    values = {
        "kind": "recommendation",
        "rule": "council_recommendation",
        "title": "Рекомендация совета",
        "text": "Опубликовать план закупок.",
    }
    values.update(fields)
    return item_send(body=to, sent_on=sent_on, due_on=due_on, quiet=True, **values)
