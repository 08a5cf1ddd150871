"""Forms of the calls and applications pages; they validate input, the services decide."""

import datetime
from decimal import Decimal

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.grants.models import Application, BudgetLine, Indicator
from azamat.grants.selectors import applications as selectors
from azamat.grants.services.application_files import OTHER
from azamat.grants.services.calls import COMMENT_MAX_LENGTH

PHASE_LABELS = {
    "discussion": _("Directions under public discussion"),
    "upcoming": _("Opening soon"),
    "open": _("Open for applications"),
    "closed": _("Closed, under review"),
    "results": _("Results published"),
}
MAX_MONTHS = 60
# Long enough for a thorough application, short enough for an expert to read and a page to carry.
TEXT_LIMITS = {"summary": 2000, "problem": 5000, "target_group": 3000, "goals": 5000, "team": 5000}


class CallFilterForm(forms.Form):
    q = core_fields.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words of a call or its directions")}
        ),
    )
    phase = core_fields.ChoiceField(label=_("Phase"), required=False)
    customer = core_fields.ChoiceField(label=_("Customer"), required=False)
    grant_type = core_fields.ChoiceField(label=_("Grant type"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].choices = [("", _("Any phase"))] + [
            (p, PHASE_LABELS[p]) for p in selectors.PHASES
        ]
        choices = selectors.call_filter_choices()
        self.fields["customer"].choices = [("", _("Any customer")), *choices["customers"]]
        self.fields["grant_type"].choices = [("", _("Any grant type")), *choices["grant_types"]]


class CommentForm(forms.Form):
    text = core_fields.CharField(
        label=_("Your comment"), max_length=COMMENT_MAX_LENGTH, widget=core_fields.Textarea(attrs={"rows": 4})
    )


class PublishForm(forms.Form):
    discussion_until = core_fields.DateField(
        label=_("Public discussion of the directions until"),
        required=False,
        help_text=_(
            "At least 10 working days from today, and before the call opens. Empty: exactly 10 working days."
        ),
    )


class ApplyForm(forms.Form):
    organisation = core_fields.AlphabeticalModelChoiceField(
        label=_("Organisation"), queryset=None, empty_label=None
    )
    # In the call's own order: the directions are numbered by the call, as on its page.
    direction = forms.ModelChoiceField(label=_("Direction"), queryset=None, empty_label=None)
    title = core_fields.CharField(label=_("Project title"), max_length=300)
    language = forms.ChoiceField(label=_("Language of the application"), choices=Application.Language.choices)

    def __init__(self, *args, user, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_for_applying(user=user)
        self.fields["direction"].queryset = call.directions.all()
        self.fields["direction"].label_from_instance = lambda d: d.title


class ProjectForm(forms.ModelForm):
    # When the editor loaded the page, to the microsecond: a save over someone else's newer one is refused.
    loaded_at = core_fields.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "problem",
            "target_group",
            "goals",
            "team",
            "duration_months",
            "language",
        ]
        widgets = {name: core_fields.Textarea(attrs={"rows": 4}) for name in TEXT_LIMITS}
        formfield_callback = core_fields.model_fields(TEXT_LIMITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Both bounds: a duration typed in words is told "from 1 to 60", not "for example 1 500"; one past them,
        # "from 1 to 60 months".
        months = self.fields["duration_months"]
        months.min_value, months.max_value = 1, MAX_MONTHS
        months.error_messages["min_value"] = months.error_messages["max_value"] = _(
            "From 1 to %(max)s months."
        ) % {"max": MAX_MONTHS}
        if not self.is_bound and self.instance.pk:
            self.initial["loaded_at"] = self.instance.updated_at.isoformat()

    def clean_loaded_at(self) -> datetime.datetime | None:
        try:
            return datetime.datetime.fromisoformat(self.cleaned_data["loaded_at"])
        except ValueError:
            return None

    def clean_duration_months(self):
        months = self.cleaned_data["duration_months"]
        if not 1 <= months <= MAX_MONTHS:
            raise forms.ValidationError(_("From 1 to %(max)s months.") % {"max": MAX_MONTHS})
        return months


class RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActivityRowForm(RowForm):
    title = core_fields.CharField(label=_("Activity"), max_length=300)
    starts_month = core_fields.IntegerField(
        label=_("From month"), min_value=1, max_value=MAX_MONTHS, initial=1
    )
    ends_month = core_fields.IntegerField(label=_("To month"), min_value=1, max_value=MAX_MONTHS, initial=1)
    description = core_fields.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=core_fields.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_month") and data.get("ends_month") and data["ends_month"] < data["starts_month"]:
            self.add_error("ends_month", _("The activity must end in the month it starts or later."))
        return data


class BudgetRowForm(RowForm):
    # An initial value, so that an untouched blank row is not taken for a changed one.
    category = forms.ChoiceField(
        label=_("Category"), choices=BudgetLine.Category.choices, initial=BudgetLine.Category.SALARIES
    )
    description = core_fields.CharField(label=_("Item"), max_length=300)
    quantity = core_fields.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )
    unit_cost = core_fields.DecimalField(
        label=_("Unit cost, ₸"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )


class IndicatorRowForm(RowForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Indicator.Kind.choices, initial=Indicator.Kind.OUTPUT)
    name = core_fields.CharField(label=_("Indicator"), max_length=300)
    unit = core_fields.CharField(label=_("Unit"), max_length=50)
    baseline = core_fields.DecimalField(
        label=_("Baseline"), max_digits=12, decimal_places=2, min_value=0, initial=0
    )
    target = core_fields.DecimalField(
        label=_("Target"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )


# absolute_max = max_num: a forged TOTAL_FORMS makes at most that many forms (Django's default adds
# 1000, and building and rendering 1,100 rows takes a worker ten seconds or more).
ActivityFormSet = forms.formset_factory(
    ActivityRowForm, extra=2, can_delete=True, max_num=100, absolute_max=100
)
BudgetFormSet = forms.formset_factory(BudgetRowForm, extra=2, can_delete=True, max_num=200, absolute_max=200)
IndicatorFormSet = forms.formset_factory(
    IndicatorRowForm, extra=2, can_delete=True, max_num=100, absolute_max=100
)

FORMSETS = {"activities": ActivityFormSet, "budget": BudgetFormSet, "indicators": IndicatorFormSet}
ROW_FIELDS = {
    "activities": ["title", "starts_month", "ends_month", "description"],
    "budget": ["category", "description", "quantity", "unit_cost"],
    "indicators": ["kind", "name", "unit", "baseline", "target"],
}


def row_initial(section: str, rows) -> list[dict]:
    return [{"id": row.pk, **{name: getattr(row, name) for name in ROW_FIELDS[section]}} for row in rows]


def formset_changes(formset) -> tuple[list[dict], list[int]]:
    """The rows to save (changed or new) and the ids to delete, from a valid formset."""
    rows, delete = formset_indexed_changes(formset)
    return [row for _index, row in rows], [pk for _index, pk in delete]


def formset_indexed_changes(
    formset, saved: list[dict] | None = None
) -> tuple[list[tuple[int, dict]], list[tuple[int, int]]]:
    """Like `formset_changes`, with each row's position in the formset: autosave tells the page which
    of its rows got which id, so the next save changes those rows instead of adding them again.

    `saved` (from `row_initial`) are the rows as stored: a posted row equal to its stored one is no change,
    matched by id rather than by position (autosave may have added rows the page counts as new)."""
    stored = {row["id"]: row for row in saved or []}
    rows, delete = [], []
    for index, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", None)
        if not data or not form.has_changed():
            continue
        same = stored.get(data.get("id"))
        if same and not data.get("DELETE") and all(same[k] == data.get(k) for k in same if k != "id"):
            continue
        if data.get("DELETE"):
            if data.get("id"):
                delete.append((index, data["id"]))
            continue
        rows.append((index, {k: v for k, v in data.items() if k != "DELETE"}))
    return rows, delete


class AttachmentForm(forms.Form):
    document_code = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(
        label=_("File"),
        help_text=format_lazy(
            "{} {}",
            _("PDF, DOCX, XLSX, PNG or JPEG, at most 10 MB."),
            _("HEIC photos from an iPhone are taken as JPEG."),  # services/application_files.py
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.heic,.heif"}),
    )

    def __init__(self, *args, grant_type, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_code"].choices = selectors.required_documents(grant_type) + [
            (OTHER, _("Other"))
        ]


class ClarificationForm(forms.Form):
    message = core_fields.CharField(
        label=_("What should the applicant clarify?"),
        widget=core_fields.Textarea(attrs={"rows": 4}),
        max_length=3000,
    )
