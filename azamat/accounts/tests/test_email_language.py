"""Emails are written in the language their recipient uses Azamat in, not the sender's: an officer answering in
Russian writes to a Kazakh-speaking NGO in Kazakh."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from azamat.core.notifications import notify
from azamat.testing.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _subject(language: str) -> str:
    with translation.override(language):
        return "[Azamat] " + translation.gettext("Your report on %(number)s is approved") % {"number": "№ 7"}


class _Project:
    agreement_number = "№ 7"
    application = type("A", (), {"title": "Тест"})()

    def get_absolute_url(self):
        return "/"


def test_signing_in_and_switching_keep_the_persons_language():
    person = UserFactory()
    client = Client()
    client.cookies["azamat_language"] = "kk"
    client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    person.refresh_from_db()
    assert person.language == "kk"
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    person.refresh_from_db()
    assert person.language == "ru"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # no such language: kept
    person.refresh_from_db()
    assert person.language == "ru"


def test_each_recipient_reads_the_email_in_their_language(mailoutbox, django_capture_on_commit_callbacks):
    kazakh, russian, unknown = UserFactory(language="kk"), UserFactory(language="ru"), UserFactory()
    context = {
        "project": _Project(),
        "report": type("R", (), {"get_kind_display": "отчёт"})(),
        "released": [],
    }
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(
            to=[kazakh.email, russian.email, unknown.email, "someone@example.org"],
            template="grants/projects/email/report_approved",
            context=context,
        )
    got = {tuple(sorted(message.to)): message.subject for message in mailoutbox}
    assert got == {
        (kazakh.email,): _subject("kk"),
        (russian.email,): _subject("ru"),
        tuple(sorted([unknown.email, "someone@example.org"])): _subject("en"),  # the sender's, as before
    }
    assert _subject("kk") != _subject("ru") != _subject("en")
