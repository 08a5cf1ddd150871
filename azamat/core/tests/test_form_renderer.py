"""The fast form renderer writes exactly what Django's widget templates write, on every form of ours and on
the awkward cases (groups, several selected, booleans, markup in labels and values, lazy translations)."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from azamat.core import fields as core_fields
from azamat.core.form_renderer import FastWidgetRenderer
from azamat.core.tests.test_form_limits import _our_form_classes

STOCK, FAST = DjangoTemplates(), FastWidgetRenderer()

CHOICES = [
    ("", "—"),
    ("Regions", [("1", "Абай & Жетісу"), ("2", '"Ұлытау" <облысы>')]),
    (3, gettext_lazy("Other")),
    ("safe", mark_safe("<b>bold</b>")),
]
CASES = [
    (
        forms.TextInput(attrs={"maxlength": 20, "required": True, "disabled": False}),
        "t",
        'a "quoted" <value>',
    ),
    (forms.TextInput(), "t", None),
    (forms.NumberInput(attrs={"step": "0.01"}), "n", Decimal("1234.50")),
    (forms.EmailInput(), "e", "a@b.kz"),
    (forms.HiddenInput(), "h", datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)),
    (forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), "d", datetime.date(2026, 11, 30)),
    (forms.CheckboxInput(), "c", True),
    (forms.CheckboxInput(), "c", False),
    (forms.PasswordInput(render_value=False), "p", "secret"),
    (forms.Textarea(attrs={"rows": 3}), "x", "Line one\n<script>alert(1)</script>"),
    (forms.Textarea(), "x", ""),
    (forms.Textarea(), "x", Decimal("12.5")),
    (forms.Select(choices=CHOICES), "s", "2"),
    (forms.Select(choices=CHOICES), "s", None),
    (forms.Select(choices=[(1, 2026), (2, datetime.date(2026, 1, 1))]), "s", 1),
    (forms.SelectMultiple(choices=CHOICES), "m", ["1", "safe"]),
    (forms.NullBooleanSelect(), "b", True),
    # Our select, written from its choices: plain, with markup, a value twice (only the first is selected), a value
    # not among them, none; groups and a number as a label go the stock way.
    (
        core_fields.Select(choices=[("", gettext_lazy("Other")), ("1", "Абай & Жетісу"), ("2", '"Ұлытау"')]),
        "s",
        "2",
    ),
    (core_fields.Select(choices=[(None, "—"), ("x", mark_safe("<b>x</b>")), ("x", "x again")]), "s", "x"),
    (core_fields.Select(choices=[("1", "<one>"), (2, "two")], attrs={"class": "f"}), "s", 2),
    (core_fields.Select(choices=[("1", "one")]), "s", "missing"),
    (core_fields.Select(choices=[(None, "—"), ("1", "one")]), "s", None),
    (core_fields.Select(choices=CHOICES), "s", "1"),
    (core_fields.Select(choices=[(1, 2026)]), "s", 1),
]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize(("widget", "name", "value"), CASES)
def test_each_stock_widget_is_written_as_its_template_writes_it(widget, name, value, language):
    with translation.override(language):
        attrs = {"id": f"id_{name}", "aria-describedby": f"id_{name}_help"}
        assert widget.render(name, value, attrs, renderer=FAST) == widget.render(
            name, value, attrs, renderer=STOCK
        )


def test_the_fast_path_is_taken_for_the_stock_widgets():
    # Without a template engine behind it, the stock widgets still render: they never reach the templates.
    class NoTemplates(FastWidgetRenderer):
        def get_template(self, template_name):
            raise AssertionError(f"went to the template {template_name}")

    renderer = NoTemplates()
    assert forms.Select(choices=CHOICES).render("s", "1", renderer=renderer).count("<option") == 5
    assert forms.TextInput().render("t", "x", renderer=renderer) == '<input type="text" name="t" value="x">'


def test_our_select_builds_no_option_on_its_way():
    class Counted(core_fields.Select):
        def create_option(self, *args, **kwargs):
            raise AssertionError("built an option's context")

    html = Counted(choices=[("", "—"), ("1", "one")]).render("s", "1", renderer=FAST)
    assert (
        html
        == '<select name="s">\n  <option value="">—</option>\n\n  <option value="1" selected>one</option>\n\n</select>'
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru"])
def test_every_form_of_ours_renders_the_same_through_both(language):
    compared = 0
    with translation.override(language):
        for name, cls in sorted(_our_form_classes().items()):
            try:
                form = cls()
            except (TypeError, ValueError):
                continue  # needs arguments (an instance, a user) or the admin's model: covered by its own pages
            for field in form:
                widget = field.field.widget
                attrs = field.build_widget_attrs({"id": field.auto_id})
                value = field.value()
                fast = widget.render(field.html_name, value, attrs, renderer=FAST)
                assert fast == widget.render(field.html_name, value, attrs, renderer=STOCK), (
                    f"{name}.{field.name}"
                )
                compared += 1
    assert compared > 50
