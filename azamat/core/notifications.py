"""Notifications: email sent after the transaction commits, through the task queue."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from azamat.core.tasks import send_email


def notify(
    *, to: list[str], template: str, context: dict, language: str | None = None, within: bool = False
) -> None:
    """Render `<template>_subject.txt` and `<template>_message.txt` and send them once committed.

    `within` enqueues the email inside the caller's transaction instead of after it: with the database task
    backend the task row commits with the data, one commit instead of two (a petition's signing burst)."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        ctx = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        body = render_to_string(f"{template}_message.txt", ctx)
    if within:
        send_email.enqueue(subject=f"[Azamat] {subject}", body=body, to=recipients)
    else:
        transaction.on_commit(
            lambda: send_email.enqueue(subject=f"[Azamat] {subject}", body=body, to=recipients)
        )
