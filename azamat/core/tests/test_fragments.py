"""The pieces of core/templatetags/fragments.py that pages write their repeated parts with: a memo renders once per
process and language, and forgets on a change of settings; esc, Numbers and url_maker write exactly what the
template tags and filters they replace write."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template import Context, Template, TemplateSyntaxError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from azamat.core.templatetags import fragments
from azamat.core.templatetags.fragments import Numbers, esc, url_maker

MEMO = Template('{% load fragments %}{% memo "test:fragments" %}{{ value }}{% endmemo %}|{{ value }}')


def _render(value) -> str:
    return MEMO.render(Context({"value": value}))


def test_a_memo_is_rendered_once_per_language_and_forgotten_when_settings_change():
    fragments._rendered.clear()
    with translation.override("kk"):
        assert _render("first") == "first|first"
        assert _render("second") == "first|second"  # the memo kept; the rest of the template rendered
    with translation.override("ru"):
        assert _render("third") == "third|third"
    with override_settings(USE_THOUSAND_SEPARATOR=True), translation.override("kk"):
        assert _render("fourth") == "fourth|fourth"


def test_a_memo_depends_on_the_values_it_names():
    fragments._rendered.clear()
    template = Template('{% load fragments %}{% memo "test:signed" signed %}{{ name }}{% endmemo %}')
    with translation.override("en"):
        assert template.render(Context({"signed": False, "name": "a"})) == "a"
        assert template.render(Context({"signed": True, "name": "b"})) == "b"
        assert template.render(Context({"signed": False, "name": "c"})) == "a"


def test_a_memo_holds_no_block_and_needs_a_name():
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template('{% load fragments %}{% memo "x" %}{% block content %}{% endblock %}{% endmemo %}')
    with pytest.raises(TemplateSyntaxError, match="quoted name"):
        Template("{% load fragments %}{% memo %}x{% endmemo %}")


@pytest.mark.parametrize(
    "value", ['<a href="x">&', gettext_lazy("Other"), mark_safe("<b>bold</b>"), 12, None, "Қазақ 'тілі'"]
)
def test_esc_writes_what_conditional_escape_writes(value):
    with translation.override("kk"):
        assert esc(value) == conditional_escape(value)


NUMBERS = [
    0,
    7,
    -3,
    1234,
    1234567,
    Decimal("12.5"),
    Decimal("1234567.25"),
    Decimal("-0.5"),
    Decimal("-0.0"),
    Decimal("100"),
    Decimal("1E+3"),
    Decimal("0.000001"),
    Decimal("1E-250"),
    3.25,
    1e20,
    True,
    "text",
    None,
]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("grouped", [False, True])
def test_numbers_are_written_as_the_template_writes_them(language, grouped):
    with override_settings(USE_THOUSAND_SEPARATOR=grouped), translation.override(language):
        numbers = Numbers()
        for value in NUMBERS:
            assert numbers.plain(value) == conditional_escape(localize(value)), value
            assert numbers.or_dash(value) == ("—" if value is None else conditional_escape(localize(value)))
        for value in (0, 7, 1234, 1234567, -98765, 10**20):
            assert numbers.grouped(value) == conditional_escape(intcomma(value)), value
        assert Template("{{ value }}").render(Context({"value": datetime.date(2026, 3, 1)})) == numbers.plain(
            datetime.date(2026, 3, 1)
        )


@pytest.mark.parametrize(
    ("name", "kwarg", "values"),
    [
        ("grants:project", "pk", [1, 42, 1234567]),
        ("registry:organisation", "bin", ["160840031723", "010540039094"]),
        ("registry:body", "code", ["agriculture", "akimat-10", "a_b"]),
        ("grants:call", "code", ["2025-ecology"]),
        # Not a plain value: reverse() quotes it, and url_maker hands it to reverse().
        ("registry:organisation", "bin", ["a b", "Қазақ", "x?y"]),
    ],
)
def test_url_maker_gives_what_reverse_gives(name, kwarg, values):
    url = url_maker(name, kwarg)
    for value in values:
        assert url(value) == reverse(name, kwargs={kwarg: value})
