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


@pytest.mark.parametrize(
    "language, greeting", [("kk", "Сізге Azamat сәлем жолдайды!"), ("ru", "Вас приветствует Azamat!")]
)
def test_the_account_emails_name_the_site_and_the_address(
    language, greeting, mailoutbox, django_capture_on_commit_callbacks
):
    """allauth's emails read "Вас приветствует !" and "Благодарим вас за использование сайта «!»", and the reply
    to a reset asked for an unknown address said "an account with the email ." (our adapter's send_mail left
    out the site and the address allauth's own adds)."""
    client = Client()
    client.cookies["azamat_language"] = language
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "aigerim@example.kz",
                "full_name": "Әйгерім Нұрғалиқызы",
                "password1": "Qazaqstan-2026!",
                "password2": "Qazaqstan-2026!",
            },
        )
        client.post(reverse("account_reset_password"), {"email": "nobody@example.kz"})
    confirmation, unknown = mailoutbox
    assert confirmation.to == ["aigerim@example.kz"]
    assert confirmation.body.startswith(greeting)
    assert unknown.to == ["nobody@example.kz"]
    assert unknown.body.startswith(greeting)
    assert "nobody@example.kz" in unknown.body
    for message in (confirmation, unknown):
        assert " !" not in message.body and "«!»" not in message.body and " ." not in message.body
