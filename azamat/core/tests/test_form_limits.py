"""Every text field of our forms has a length limit, and every number field reads numbers as people type them."""

import datetime
import importlib
import inspect
import pkgutil

from django import forms

import azamat
from azamat.core import fields as core_fields


def _our_form_classes():
    """Every Form and ModelForm class defined in a `forms*`, `admin*`, `*_forms` or `*_admin` module of ours, or in a
    `forms` package."""
    found = {}
    for module_info in pkgutil.walk_packages(azamat.__path__, "azamat."):
        parent, _, leaf = module_info.name.rpartition(".")
        in_forms_package = parent.rpartition(".")[2] == "forms"
        named_forms = leaf.startswith(("forms", "admin")) or leaf.endswith(("_forms", "_admin"))
        if ".tests" in module_info.name or not (in_forms_package or named_forms):
            continue
        module = importlib.import_module(module_info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return found


def test_the_walk_finds_our_forms():
    names = set(_our_form_classes())
    assert {
        "azamat.grants.forms.applications.ProjectForm",
        "azamat.grants.forms.projects.PaymentForm",
        "azamat.registry.forms.OrganisationForm",
    } <= names


def test_every_text_field_of_our_forms_has_a_length_limit():
    unlimited = [
        f"{label}.{name}"
        for label, cls in _our_form_classes().items()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and not field.max_length
        and not isinstance(field, (forms.EmailField, forms.URLField, forms.SlugField, forms.RegexField))
    ]
    assert unlimited == [], f"Give these a max_length (core.fields.CharField): {', '.join(unlimited)}"


def test_every_number_field_of_our_forms_reads_numbers_as_people_type_them():
    plain = [
        f"{label}.{name}"
        for label, cls in _our_form_classes().items()
        if not cls.__module__.endswith(("admin", "admin_import"))
        for name, field in cls.base_fields.items()
        if isinstance(field, (forms.DecimalField, forms.IntegerField, forms.FloatField))
        and not isinstance(field, (core_fields.DecimalField, core_fields.IntegerField))
        and not isinstance(field.widget, forms.HiddenInput)
    ]
    assert plain == [], f"Use azamat.core.fields.DecimalField/IntegerField for: {', '.join(plain)}"


def test_every_date_field_of_our_forms_takes_a_typed_date_and_says_how_to_write_it():
    plain = [
        f"{label}.{name}"
        for label, cls in _our_form_classes().items()
        for name, field in cls.base_fields.items()
        if type(field) is forms.DateField
    ]
    assert plain == [], f"Use azamat.core.fields.DateField for: {', '.join(plain)}"


def test_a_loaded_at_field_reads_the_moment_and_ignores_a_garbled_one():
    field = core_fields.LoadedAtField()
    moment = datetime.datetime(2026, 12, 4, 5, 0, 12, 345678, tzinfo=datetime.UTC)
    assert field.clean(moment.isoformat()) == moment
    assert field.clean("") is None and field.clean("yesterday") is None and field.clean("2026" * 30) is None
