"""The filters of the public pages: the items list, the ranking of bodies, the figures' year and period.
Each reads its choices in one query; a value that is not a choice is dropped (the list shows everything)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accountability.models import Item
from azamat.core import fields as core_fields
from azamat.core.collation import sorted_choices
from azamat.registry import selectors as registry_selectors
from azamat.registry.models import GovernmentBody

MIN_ITEMS = 5  # the ranking's default: a body with fewer items is not ranked
SORTS = [
    ("share", _("Share answered on time, highest first")),
    ("-share", _("Share answered on time, lowest first")),
    ("received", _("Items received, most first")),
    ("overdue", _("Overdue now, most first")),
    ("median", _("Median days to answer, fewest first")),
    ("name", _("Name of the body")),
]
OVERDUE_NOW = "overdue_now"  # a filter of the list: both overdue statuses
PERIOD_CHOICES = [("month", _("By month")), ("quarter", _("By quarter"))]


def region_choices() -> list[tuple[str, str]]:
    return registry_selectors.region_choices()


def year_choices(years: list[int]) -> list[tuple[str, str]]:
    return [("", _("All years")), *((str(y), str(y)) for y in years)]


class FiguresForm(forms.Form):
    """A figures page's year (of sending) and the charts' period."""

    year = forms.ChoiceField(label=_("Year sent"), required=False)
    period = forms.ChoiceField(label=_("Chart by"), required=False, choices=PERIOD_CHOICES)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices(years)


class ItemFilterForm(forms.Form):
    q = core_fields.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Words of the title or the item's number"),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            (OVERDUE_NOW, _("Overdue now (overdue and long overdue)")),
            *Item.Status.choices,
        ],
    )
    body = forms.ChoiceField(label=_("Government body"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Item.Kind.choices]
    )
    year = forms.ChoiceField(label=_("Year sent"), required=False)

    def __init__(self, *args, years: list[int], bodies: list[GovernmentBody], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [
            ("", _("All bodies")),
            *sorted_choices([(b.code, b.name) for b in bodies]),
        ]
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]
        self.fields["year"].choices = year_choices(years)


class RankingForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), *GovernmentBody.Level.choices],
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    min_items = core_fields.IntegerField(
        label=_("At least this many items"),
        required=False,
        min_value=1,
        max_value=100000,
        help_text=_("Bodies with fewer items are not ranked: a share of two or three items says little."),
    )
    year = forms.ChoiceField(label=_("Year sent"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORTS)

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]
        self.fields["year"].choices = year_choices(years)


def cleaned(form: forms.Form) -> dict:
    """The valid filters of a bound form; an invalid one is left out (the list is shown without it)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {
        name: value for name, value in getattr(form, "cleaned_data", {}).items() if value not in ("", None)
    }
