"""A date as every form takes it: the picker's value, or typed by hand as Kazakhstan writes it, in every language;
a date that does not exist is refused with the way to write it."""

import datetime

import pytest
from django import forms
from django.utils import translation

from azamat.core.fields import DateField

MESSAGES = {
    "en": "Enter a date as day.month.year, for example 05.03.2024.",
    "ru": "Введите дату в виде день.месяц.год, например 05.03.2024.",
    "kk": "Күнді күн.ай.жыл түрінде енгізіңіз, мысалы 05.03.2024.",
}


class DayForm(forms.Form):
    on = DateField(label="On")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("typed", ["2024-03-05", "05.03.2024", " 05.03.2024 "])
def test_the_pickers_value_and_a_typed_date_are_read_in_every_language(language, typed):
    with translation.override(language):
        form = DayForm({"on": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == datetime.date(2024, 3, 5)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("typed", ["31.02.2024", "20255-03-05", "05.03.20255", "5 марта", "2024/03/05"])
def test_a_date_that_does_not_exist_is_refused_with_the_way_to_write_it(language, typed):
    with translation.override(language):
        form = DayForm({"on": typed})
        assert not form.is_valid()
        assert form.errors["on"] == [MESSAGES[language]]


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_picker_is_given_its_own_format_on_every_page(language):
    """A picker given 05.03.2024 (the Russian format) shows nothing: its value is always year-month-day."""
    with translation.override(language):
        html = str(DayForm(initial={"on": datetime.date(2024, 3, 5)})["on"])
    assert 'type="date"' in html and 'value="2024-03-05"' in html
