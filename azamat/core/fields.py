"""Form fields every module uses: numbers typed as Kazakhstan writes them, and text with a stated length limit."""

import datetime
import html
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.renderers import get_default_renderer
from django.utils.formats import get_format, number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from azamat.core import collation, model_choices, numbers
from azamat.core.form_renderer import OPTION, TEXT, FastWidgetRenderer, _attrs
from azamat.core.templatetags.fragments import esc

EXAMPLE_DECIMAL = Decimal("1234567.89")
EXAMPLE_INTEGER = 1500

# The numbers as the page writes them (`10 000`, `_length_params`); the plural form follows the limit itself.
LENGTH_MESSAGES = {
    "max_length": ngettext_lazy(
        "At most %(limit)s character, please; this text has %(count)s.",
        "At most %(limit)s characters, please; this text has %(count)s.",
        "limit_value",
    ),
    "min_length": ngettext_lazy(
        "At least %(limit)s character, please; this text has %(count)s.",
        "At least %(limit)s characters, please; this text has %(count)s.",
        "limit_value",
    ),
}


def _length_params(error: ValidationError) -> None:
    """Add the length limit and the count, written as the page writes numbers, to a length error's params."""
    for item in error.error_list:
        if item.code in LENGTH_MESSAGES and item.params:
            item.params = {
                **item.params,
                "limit": number_format(item.params["limit_value"], force_grouping=True),
                "count": number_format(item.params["show_value"], force_grouping=True),
            }


class NumberInput(forms.TextInput):
    """A text box for a number: the phone shows its digit keyboard, and a value from the database is written
    as the page writes numbers (`1 803 169,95`), not as Python does (`1803169.95000000`).

    Not <input type="number">: browsers refuse `1 234,50` there and send nothing."""

    input_type = "text"

    def __init__(self, attrs=None, *, decimal_places: int | None = None, inputmode: str = "decimal"):
        super().__init__({"inputmode": inputmode, "autocomplete": "off", **(attrs or {})})
        self.decimal_places = decimal_places

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return numbers.format_number(value, decimal_places=self.decimal_places)
        return super().format_value(value)


class _NumberMixin:
    """Reading, range checks and messages shared by the decimal and the integer field; the messages state
    limits in the page's own number format."""

    def _limit(self, value) -> str:
        return numbers.format_number(value, decimal_places=getattr(self, "decimal_places", None))

    def _check_range(self, value) -> None:
        if value is None:
            return
        if self.min_value is not None and value < Decimal(str(self.min_value)):
            raise ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit_value": self._limit(self.min_value)},
            )
        if self.max_value is not None and value > Decimal(str(self.max_value)):
            raise ValidationError(
                self.error_messages["max_value"],
                code="max_value",
                params={"limit_value": self._limit(self.max_value)},
            )


class DecimalField(_NumberMixin, forms.DecimalField):
    """An amount or a quantity: `1 234 567,89`, `1500,50`, `1,234,567.89` and a pre-filled `1803169.95000000`
    are all read (see azamat.core.numbers for the rule)."""

    default_error_messages = {
        "invalid": _("Enter a number, for example %(example)s."),
        "min_value": _("Enter a number of at least %(limit_value)s."),
        "max_value": _("Enter a number of at most %(limit_value)s."),
        "too_large": _("The number is too large: at most %(limit_value)s."),
        "decimal_places": ngettext_lazy(
            "At most %(places)d digit after the decimal separator, please.",
            "At most %(places)d digits after the decimal separator, please.",
            "places",
        ),
    }

    def __init__(self, *args, widget=None, **kwargs):
        super().__init__(*args, widget=widget, **kwargs)
        if type(self.widget) in (forms.NumberInput, forms.TextInput):
            self.widget = NumberInput(self.widget.attrs, decimal_places=self.decimal_places)
        if isinstance(self.widget, NumberInput):
            self.widget.decimal_places = self.decimal_places

    def widget_attrs(self, widget):
        # Django adds step/min/max for <input type="number"> only; a text box takes none of them.
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return numbers.parse_decimal(str(value))
        except numbers.NumberError as exc:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": numbers.format_number(EXAMPLE_DECIMAL)},
            ) from exc

    def validate(self, value):
        forms.Field.validate(self, value)
        if value is None:
            return
        if self.decimal_places is not None and -value.as_tuple().exponent > self.decimal_places:
            raise ValidationError(
                self.error_messages["decimal_places"],
                code="decimal_places",
                params={"places": self.decimal_places},
            )
        if self.max_digits is not None:
            whole = self.max_digits - (self.decimal_places or 0)
            if abs(value) >= Decimal(10) ** whole:
                largest = Decimal(10) ** whole - Decimal(1).scaleb(-(self.decimal_places or 0))
                raise ValidationError(
                    self.error_messages["too_large"],
                    code="too_large",
                    params={"limit_value": self._limit(largest)},
                )
        self._check_range(value)


class IntegerField(_NumberMixin, forms.IntegerField):
    """A count (staff, months, a score): `1 500` and `1 500,00` are read; `1,5` is refused as not whole."""

    default_error_messages = {
        "invalid": _("Enter a whole number, for example %(example)s."),
        # A score out of ten is not given "for example 1 500": a field with both bounds names them.
        "invalid_between": _("Enter a whole number from %(min)s to %(max)s."),
        "min_value": _("Enter a number of at least %(limit_value)s."),
        "max_value": _("Enter a number of at most %(limit_value)s."),
    }

    def __init__(self, *args, widget=None, **kwargs):
        super().__init__(*args, widget=widget, **kwargs)
        if type(self.widget) in (forms.NumberInput, forms.TextInput):
            self.widget = NumberInput(self.widget.attrs, decimal_places=0, inputmode="numeric")

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return numbers.parse_integer(str(value))
        except numbers.NumberError as exc:
            if self.min_value is not None and self.max_value is not None:
                raise ValidationError(
                    self.error_messages["invalid_between"],
                    code="invalid",
                    params={
                        "min": numbers.format_number(self.min_value),
                        "max": numbers.format_number(self.max_value),
                    },
                ) from exc
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"example": numbers.format_number(EXAMPLE_INTEGER)},
            ) from exc

    def validate(self, value):
        forms.Field.validate(self, value)
        self._check_range(value)


DATE_INPUT_FORMATS = [
    "%Y-%m-%d",
    "%d.%m.%Y",
]  # the picker's value; a date typed or pasted as Kazakhstan writes it


class DateInput(forms.DateInput):
    """The browser's date picker; its value is always year-month-day, whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs, format=format or "%Y-%m-%d")


class DateField(forms.DateField):
    """A date as every form takes it: the picker's 2024-03-05, or 05.03.2024 typed by hand (a browser without a
    picker, a date pasted from a document), in every language; a date that does not exist (31.02) or a year of
    five digits is refused with the way to write it, not a bare "Enter a valid date."."""

    widget = DateInput
    input_formats = DATE_INPUT_FORMATS
    default_error_messages = {"invalid": _("Enter a date as day.month.year, for example 05.03.2024.")}


class Textarea(forms.Textarea):
    """A textarea that states its limit under itself ("At most 2,000 characters"); azamat/static/js/charcount.js
    turns the statement into a live count where JavaScript runs."""

    template_name = "core/widgets/textarea.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        limit = widget["attrs"].get("maxlength")
        if limit and widget["attrs"].get("id"):
            widget["limit"] = int(limit)
            widget["limit_shown"] = numbers.format_number(int(limit))
            # The live count groups its digits as this note does (charcount.js): not by the browser's own
            # data for the language, which Chromium lacks for Kazakh ("5,000" on a Kazakh page).
            widget["limit_group"] = get_format("THOUSAND_SEPARATOR")
            widget["limit_id"] = f"{widget['attrs']['id']}_limit"
            described = widget["attrs"].get("aria-describedby", "")
            widget["attrs"]["aria-describedby"] = f"{described} {widget['limit_id']}".strip()
        return context


class CharField(forms.CharField):
    """Free text with a length limit, refused past it in the user's language. Every form's text field is one
    of these, with `max_length` (a test walks the forms)."""

    default_error_messages = LENGTH_MESSAGES

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        if max_length is None:
            raise TypeError("A text field needs a max_length.")
        super().__init__(*args, max_length=max_length, **kwargs)

    def run_validators(self, value):
        try:
            super().run_validators(value)
        except ValidationError as error:
            _length_params(error)
            raise

    def to_python(self, value):
        # Browsers send a textarea's line breaks as CRLF but count them as one character against `maxlength`:
        # counted as sent, a text the page let through would be refused here.
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


class LoadedAtField(CharField):
    """When an edit form was loaded (the record's `updated_at`), hidden in the form: the service refuses a save
    over a change made since (a colleague, another tab) instead of silently undoing it. A missing or garbled
    value is None: nothing to compare."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=40, **kwargs)

    def to_python(self, value) -> datetime.datetime | None:
        text = super().to_python(value) or ""
        try:
            return datetime.datetime.fromisoformat(text) if len(text) <= self.max_length else None
        except ValueError:
            return None

    def run_validators(self, value) -> None:
        """The length was checked as text in `to_python`; the value is now a moment (or None)."""


class Select(forms.Select):
    """A select written straight from its choices: the bytes Django's templates write (core/tests/
    test_form_renderer.py compares them), without the context and the attributes' dictionary Django builds for
    each option before any template runs (a select of the 20 regions builds 21 dictionaries and copies its
    attributes for each). Groups, a label that is not text (a number or a date,
    which the template localises), a choice iterator over a queryset, or a renderer other than ours take the
    stock way."""

    def render(self, name, value, attrs=None, renderer=None):
        choices = self.choices
        if (
            type(choices) is not list
            or self.allow_multiple_selected
            or self.option_template_name != OPTION
            or not isinstance(renderer or get_default_renderer(), FastWidgetRenderer)
        ):
            return super().render(name, value, attrs, renderer)
        chosen = self.format_value(value)
        parts = [f'<select name="{esc(name)}"{_attrs(self.build_attrs(self.attrs, attrs))}>']
        found = False
        for option_value, label in choices:
            if not isinstance(label, TEXT):  # a group, or a label the template would localise
                return super().render(name, value, attrs, renderer)
            if option_value is None:
                option_value = ""
            selected = not found and str(option_value) in chosen
            found |= selected
            parts.append(
                f'\n  <option value="{html.escape(str(option_value))}"{" selected" if selected else ""}>'
                f"{esc(str(label))}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts).strip())  # noqa: S308 — every value above is escaped


class ChoiceField(forms.ChoiceField):
    """A choice field drawn with `Select`: the filters of the public lists."""

    widget = Select


def model_fields(limits: dict[str, int] | None = None):
    """A model form's `formfield_callback`: numbers read as people type them, text limited and refused past
    its limit in the user's language. `limits` gives each TextField (which has none in the database) its
    limit; a TextField left out is an error when the form class is made, so none goes unlimited."""
    limits = limits or {}

    def formfield(model_field, **kwargs):
        if model_field.choices:
            return model_field.formfield(**kwargs)
        if isinstance(model_field, models.DecimalField):
            kwargs.setdefault("form_class", DecimalField)
        elif isinstance(model_field, models.IntegerField):
            kwargs.setdefault("form_class", IntegerField)
        elif type(model_field) is models.TextField:
            kwargs.update(form_class=CharField, max_length=limits[model_field.name])
        elif type(model_field) is models.DateField:
            kwargs.setdefault("form_class", DateField)
        elif type(model_field) is models.CharField:
            kwargs.setdefault("form_class", CharField)
            if model_field.name in limits:
                kwargs["max_length"] = limits[model_field.name]
        return model_field.formfield(**kwargs)

    return formfield


class AlphabeticalChoiceIterator(forms.models.ModelChoiceIterator):
    """The rows of a choice field in the alphabetical order of their labels in the active language, read when
    the form is rendered (so a Kazakh page lists Ақмола before Алматы), with the same one query."""

    def __iter__(self):
        return iter(collation.sorted_choices(super().__iter__()))


class AlphabeticalModelChoiceField(forms.ModelChoiceField):
    """A pick of one row, listed alphabetically by `label_from_instance` (the row's `name` when it has one)."""

    iterator = AlphabeticalChoiceIterator

    def label_from_instance(self, obj):
        return getattr(obj, "name", None) or str(obj)


class AlphabeticalModelMultipleChoiceField(model_choices.ModelMultipleChoiceField):
    """A pick of several rows, listed alphabetically by `label_from_instance` (the row's `name`)."""

    iterator = AlphabeticalChoiceIterator

    def label_from_instance(self, obj):
        return getattr(obj, "name", None) or str(obj)
