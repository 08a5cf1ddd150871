"""The English detector itself: it catches Django's, allauth's and our messages, and lets names, emails,
addresses, codes and the brand through; and Django's own messages really are Kazakh and Russian now."""

import datetime

import pytest
from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.utils import timezone, translation
from django.utils.timesince import timesince

from .english import english_on_page, english_words


@pytest.mark.parametrize(
    "text",
    [
        "This field is required.",
        "Ensure this value has at least 10 characters (it has 3).",
        "Enter a valid date.",
        "This password is too short. It must contain at least 10 characters.",
        "Your password can’t be entirely numeric.",
        "That page number is less than 1",
        "The email address and/or password you specified are not correct.",  # allauth
        "Organisations",  # ours
        "Save",
    ],
)
def test_english_messages_are_caught(text):
    assert english_words(text)


@pytest.mark.parametrize(
    "text",
    [
        "Бұл өрісті толтыру міндетті.",
        "Это поле обязательно для заполнения.",
        "Azamat · Қазақша",
        "info@zharkyn.kz, https://zharkyn.kz/about, www.example.kz",
        "GR-2026-001 · БСН 123456789012 · IPv4 · v1",
        "API · PDF · XLSX · CSV",
        "Алия Нурланова · Nurlan Abenov",
        "protocol-2026.pdf",
    ],
)
def test_names_emails_addresses_codes_and_the_brand_pass(text):
    assert english_words(text) == []


def test_the_page_reader_sees_attributes_but_not_code_data_or_other_languages():
    html = """<html lang="kk"><head><title>Басты бет · Azamat</title><style>.save{}</style></head><body>
      <input placeholder="Search organisations"><a title="Open the profile" href="/">Профиль</a>
      <button aria-label="Close">×</button><img alt="Logo of the organisation" src="x.png">
      <script>var message = "This field is required.";</script><code>Authorization: Token abc</code>
      <textarea name="summary">What a person typed stays theirs</textarea>
      <button lang="en" name="language" value="en">English</button><p>Бәрі <b>дұрыс</b>.</p></body></html>"""
    found = {(text.where, text.value) for text, _words in english_on_page(html, "kk")}
    assert found == {
        ("placeholder", "Search organisations"),
        ("title", "Open the profile"),
        ("aria-label", "Close"),
        ("alt", "Logo of the organisation"),
    }


def _messages() -> list[str]:
    """Messages Django itself shows a visitor: field and validator errors, password rules, pagination, time spans."""
    found = []
    for check in (
        lambda: forms.CharField(required=True).clean(""),
        lambda: forms.CharField(min_length=10).clean("abc"),
        lambda: MinLengthValidator(10)("abc"),
        lambda: MaxLengthValidator(5)("абвгдеж"),
        lambda: forms.DateField().clean("2099-13-45"),
        lambda: forms.IntegerField().clean("абв"),
        lambda: forms.DecimalField(max_digits=5, decimal_places=2).clean("123456.789"),
        lambda: forms.IntegerField(min_value=0).clean("-1"),
        lambda: forms.EmailField().clean("<script>"),
        lambda: forms.URLField().clean("javascript:alert(1)"),
        lambda: forms.ChoiceField(choices=[("a", "A")]).clean("абв"),
        lambda: password_validation.validate_password("1234"),
        lambda: Paginator([1, 2], 1).validate_number(0),
        lambda: Paginator([1, 2], 1).validate_number("абв"),
        lambda: Paginator([1, 2], 1).validate_number(9),
    ):
        try:
            check()
        except ValidationError as error:
            found.extend(error.messages)
        except Exception as error:  # noqa: BLE001 — the paginator raises its own exceptions
            found.append(str(error))
    found.extend(password_validation.password_validators_help_texts())
    now = timezone.now()
    found.append(timesince(now - datetime.timedelta(days=400), now))
    return found


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_djangos_own_messages_are_in_the_language(language):
    with translation.override(language):
        messages = _messages()
    assert len(messages) >= 20
    english = {message: english_words(message) for message in messages if english_words(message)}
    assert not english, f"English in Django's own messages in {language}: {english}"
