"""Each language written as it is written: Kazakh months in lower case, plurals with each language's forms."""

import datetime

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import formats, timezone, translation

from azamat.core.errors import DomainError
from azamat.grants.factories import ApplicationFactory, CallFactory, DirectionFactory, ExpertFactory
from azamat.grants.models import Application
from azamat.grants.services.results import call_results_publish
from azamat.testing.factories import PlatformRoleFactory, UserFactory

DAY = datetime.date(2026, 11, 30)


def render(source, language, **context):
    with translation.override(language):
        return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "30 қараша 2026"), ("ru", "30 ноября 2026"), ("en", "30 November 2026")],
)
def test_long_date_in_templates(language, expected):
    assert render('{{ day|date:"j E Y" }}', language, day=DAY) == expected


def test_kazakh_month_is_lower_case_in_every_form():
    assert render('{{ day|date:"j F Y" }}', "kk", day=DAY) == "30 қараша 2026"
    assert render('{{ day|date:"N" }}', "kk", day=DAY) == "қар."


def test_kazakh_date_format_is_day_month_year():
    with translation.override("kk"):
        assert formats.date_format(DAY) == "30 қараша 2026"
        assert (
            formats.date_format(datetime.datetime(2026, 1, 5, 9, 30, tzinfo=datetime.UTC), "DATETIME_FORMAT")
            == "5 қаңтар 2026, 09:30"
        )


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 месяц"), (3, "3 месяца"), (5, "5 месяцев"), (11, "11 месяцев"), (21, "21 месяц")],
)
def test_russian_counts_take_the_form_of_their_number(count, expected):
    source = "{% load i18n %}{% blocktranslate count months=n %}{{ months }} month{% plural %}{{ months }} months{% endblocktranslate %}"
    assert render(source, "ru", n=count) == expected


@pytest.mark.parametrize(("count", "expected"), [(1, "1 ай"), (5, "5 ай")])
def test_kazakh_noun_stays_singular_after_a_number(count, expected):
    source = "{% load i18n %}{% blocktranslate count months=n %}{{ months }} month{% plural %}{{ months }} months{% endblocktranslate %}"
    assert render(source, "kk", n=count) == expected


@pytest.mark.django_db
def test_results_guard_counts_undecided_applications_in_the_right_number(admin_user):
    now = timezone.now()
    call = CallFactory(opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=1))
    direction = DirectionFactory(call=call)
    ApplicationFactory(direction=direction, status=Application.Status.SUBMITTED)
    with translation.override("en"), pytest.raises(DomainError) as one:
        call_results_publish(call=call, by=admin_user)
    ApplicationFactory(direction=direction, status=Application.Status.COMPLIANT)
    with translation.override("en"), pytest.raises(DomainError) as two:
        call_results_publish(call=call, by=admin_user)

    assert str(one.value).startswith("1 application still waits for a decision;")
    assert str(two.value).startswith("2 applications still wait for a decision;")
    call.refresh_from_db()
    assert call.results_published is False


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "Казахский, Русский"), ("en", "Kazakh, Russian"), ("kk", "Қазақ тілі, Орыс тілі")],
)
def test_language_codes_are_shown_by_their_names(language, expected):
    source = "{% load languages %}{{ codes|language_names }}"
    assert render(source, language, codes=["kk", "ru"]) == expected


def test_an_unknown_language_code_does_not_break_the_page():
    assert render("{% load languages %}{{ codes|language_names }}", "en", codes=["kk", "xx"]) == "Kazakh, xx"


@pytest.mark.django_db
def test_the_register_of_experts_names_their_languages(client):
    operator = UserFactory(email="operator@example.kz")
    PlatformRoleFactory(user=operator, role="grant_operator")
    ExpertFactory(languages=["kk", "ru"])
    client.force_login(operator)

    body = client.get(reverse("grants:expert_register"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()

    assert 'data-label="Языки">Казахский, Русский</td>' in body
    assert "<td>kk, ru</td>" not in body


@pytest.mark.parametrize(
    ("count", "expected"), [(1, "транш к оплате"), (3, "транша к оплате"), (5, "траншей к оплате")]
)
def test_russian_tranches_to_pay(count, expected):
    source = "{% load i18n %}{% blocktranslate count counter=n %}tranche to pay{% plural %}tranches to pay{% endblocktranslate %}"
    assert render(source, "ru", n=count) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 поданная заявка ждёт проверки на соответствие."),
        (3, "3 поданные заявки ждут проверки на соответствие."),
        (5, "5 поданных заявок ждут проверки на соответствие."),
    ],
)
def test_russian_applications_waiting_for_the_check(count, expected):
    from django.utils.translation import ngettext

    with translation.override("ru"):
        text = ngettext(
            "%(count)s submitted application waits for the compliance check.",
            "%(count)s submitted applications wait for the compliance check.",
            count,
        ) % {"count": count}
    assert text == expected
