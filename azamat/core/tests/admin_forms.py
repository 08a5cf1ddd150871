"""Test helper: the data an admin change form would post back unchanged, read from the rendered page."""

import datetime
from decimal import Decimal

from django.db.models import Model
from django.forms import MultiWidget


def _value(value):
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, datetime.datetime | datetime.date | Decimal):
        return str(value)
    return value


def _form_fields(form, data: dict) -> None:
    for name, field in form.fields.items():
        raw = form[name].value()
        if isinstance(field.widget, MultiWidget):  # the admin's split date and time
            parts = raw if isinstance(raw, list) else field.widget.decompress(raw)
            for index, part in enumerate(parts):
                if part is not None:
                    data[f"{form.add_prefix(name)}_{index}"] = str(part)
            continue
        value = _value(raw)
        if value is not None and value != []:
            data[form.add_prefix(name)] = value


def change_form_data(client, url: str) -> dict:
    """What the admin's change form would post back unchanged, read from the page the admin renders."""
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data: dict = {}
    _form_fields(response.context["adminform"].form, data)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _form_fields(formset.management_form, data)
        for form in formset.forms:
            _form_fields(form, data)
    return data
