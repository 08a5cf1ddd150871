"""Notifications: email sent after the transaction commits, through the task queue."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from azamat.core.tasks import send_email


def notify(
    *, to: list[str], template: str, context: dict, language: str | None = None, within: bool = False
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt` and send them once committed, to each
    recipient in their own language: `language` when given, else the one the person last used on Azamat (the
    user's `language`), else the language of the request that sends it.

    `within` enqueues the email inside the caller's transaction instead of after it: with the database task
    backend the task row commits with the data, one commit instead of two (a petition's signing burst)."""
    recipients = list(dict.fromkeys(address for address in to if address))
    if not recipients:
        return
    current = translation.get_language() or settings.LANGUAGE_CODE
    known = {} if language else _languages_of(recipients)
    groups: dict[str, list[str]] = {}
    for address in recipients:
        groups.setdefault(language or known.get(address.lower()) or current, []).append(address)
    for group_language, addresses in groups.items():
        with translation.override(group_language):
            ctx = {"site_url": settings.SITE_URL, **context}
            subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
            body = render_to_string(f"{template}_message.txt", ctx)
        _send(f"[Azamat] {subject}", body, addresses, within)


def _languages_of(addresses: list[str]) -> dict[str, str]:
    """{address: the language its person last used}, for the addresses that are people's with one."""
    people = get_user_model().objects.filter(email__in=[a.lower() for a in addresses]).exclude(language="")
    return dict(people.values_list("email", "language"))


def _send(subject: str, body: str, to: list[str], within: bool) -> None:
    if within:
        send_email.enqueue(subject=subject, body=body, to=to)
    else:
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, to=to))
