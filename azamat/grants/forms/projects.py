"""Forms of the project pages: the agreement, a payment, a report, the operator's review, dashboard filters."""

from decimal import Decimal

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.collation import sorted_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = {"max_digits": 14, "decimal_places": 2}


class ProjectCreateForm(forms.Form):
    signed_on = core_fields.DateField(label=_("Agreement signed on"), widget=DATE)
    starts_on = core_fields.DateField(label=_("Project starts on"), widget=DATE)
    amount = core_fields.DecimalField(
        label=_("Amount, ₸"),
        required=False,
        **MONEY,
        help_text=_(
            "For single-stage grants only; leave empty for the amount requested. Two-stage grants take "
            "the amount the commission decided."
        ),
    )


class PaymentForm(forms.Form):
    amount = core_fields.DecimalField(label=_("Amount, ₸"), **MONEY)
    paid_on = core_fields.DateField(label=_("Paid on"), widget=DATE)


class ReportForm(forms.Form):
    """The narrative and public summary, then either each indicator and budget line, or the total spent."""

    narrative = core_fields.CharField(
        label=_("What was done"),
        widget=core_fields.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=20000,
    )
    public_summary = core_fields.CharField(
        label=_("Public summary"),
        widget=core_fields.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=3000,
        help_text=_("Published on the project's public page: results in plain words, no personal data."),
    )
    attachment = forms.FileField(
        label=_("Attach a document"),
        required=False,
        help_text=format_lazy(
            "{} {}",
            _("Optional: PDF, DOCX, XLSX, PNG or JPEG, up to 10 MB."),
            _("HEIC photos from an iPhone are taken as JPEG."),  # services/application_files.py
        ),
    )

    def __init__(self, *args, report, indicator_rows=(), spending_rows=(), total_spent=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.indicator_fields, self.spending_fields = [], []
        if report.simplified:
            self.fields["total_spent"] = core_fields.DecimalField(
                label=_("Total spent since the start, ₸"),
                required=False,
                min_value=Decimal(0),
                **MONEY,
                initial=total_spent,
            )
            return
        for row in indicator_rows:
            name = f"actual_{row.indicator.pk}"
            self.fields[name] = core_fields.DecimalField(
                label=_("%(name)s, actual (target %(target)s %(unit)s)")
                % {
                    "name": row.indicator.name,
                    "target": floatformat(row.indicator.target, "-2"),
                    "unit": row.indicator.unit,
                },
                required=False,
                min_value=Decimal(0),
                max_digits=12,
                decimal_places=2,
                initial=row.actual,
                widget=core_fields.NumberInput(attrs={"aria-describedby": f"id_{name}_helptext"}),
            )
            self.indicator_fields.append((self[name], row))
        for row in spending_rows:
            name = f"spent_{row.line.pk}"
            self.fields[name] = core_fields.DecimalField(
                label=_("%(line)s: spent since the start, ₸") % {"line": row.line.description},
                required=False,
                min_value=Decimal(0),
                **MONEY,
                initial=row.spent,
                widget=core_fields.NumberInput(attrs={"aria-describedby": f"id_{name}_helptext"}),
            )
            self.spending_fields.append((self[name], row))

    def values(self) -> dict:
        """What to pass to report_save, leaving out what was not filled in."""
        data = self.cleaned_data
        prefixed = {k: v for k, v in data.items() if v is not None}
        return {
            "narrative": data.get("narrative", ""),
            "public_summary": data.get("public_summary", ""),
            "actuals": {
                int(k.removeprefix("actual_")): v for k, v in prefixed.items() if k.startswith("actual_")
            },
            "spent": {
                int(k.removeprefix("spent_")): v for k, v in prefixed.items() if k.startswith("spent_")
            },
            "total_spent": data.get("total_spent"),
        }


class ReviewForm(forms.Form):
    comment = core_fields.CharField(
        label=_("What has to be revised"),
        widget=core_fields.Textarea(attrs={"rows": 4, "aria-describedby": "id_comment_helptext"}),
        required=False,
        max_length=5000,
    )


class DashboardFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    customer = forms.ChoiceField(label=_("Customer"), required=False)

    def __init__(self, *args, years=(), customers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["customer"].choices = sorted_choices(
            [("", _("All customers")), *((c.code, c.name) for c in customers)]
        )
