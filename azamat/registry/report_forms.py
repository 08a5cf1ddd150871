"""Forms of the annual report: a new report's year, and the report's sections with their lines (formsets)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.bin import is_valid_bin
from azamat.registry.forms import BinField
from azamat.registry.models import ActivityArea, Region
from azamat.registry.report_countries import country_code, country_name, is_country
from azamat.registry.report_fingerprints import LINE_FIELDS, initial_data, section_fingerprint
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportExpense,
    ReportFounder,
    ReportIncome,
)

MAX_MONEY = Decimal("99999999999999.99")


def _choices(choices):
    """A row's choice list starting blank, so a blank row left alone stays blank (and is not taken for a line)."""
    return [("", "—"), *choices]


def _money(label, *, required=True, help_text=""):
    return core_fields.DecimalField(
        label=label, required=required, min_value=0, max_digits=16, decimal_places=2, help_text=help_text
    )


def _count(label, *, required=True):
    return core_fields.IntegerField(label=label, required=required, min_value=0, max_value=10_000_000)


class NewReportForm(forms.Form):
    year = core_fields.IntegerField(label=_("Reporting year"), min_value=1991, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A year is not an amount: shown as 2026, never grouped as "2 026" (typed "2 026" is still read).
        self.fields["year"].widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class ActivitiesForm(forms.Form):
    activities = core_fields.CharField(
        label=_("Activities in the year"),
        required=False,
        max_length=20000,
        widget=core_fields.Textarea(attrs={"rows": 6}),
        help_text=_("What the organisation did: its main work, events, services, results."),
    )
    areas = core_fields.AlphabeticalModelMultipleChoiceField(
        queryset=ActivityArea.objects.all(),
        label=_("Areas of activity"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = core_fields.AlphabeticalModelMultipleChoiceField(
        queryset=Region.objects.all(),
        label=_("Regions covered"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class PeopleForm(forms.Form):
    staff_count = _count(_("Staff"))
    volunteer_count = _count(_("Volunteers"))
    property_value = _money(_("Value of property at the year's end, ₸"))
    property_description = core_fields.CharField(
        label=_("Property"),
        required=False,
        max_length=5000,
        widget=core_fields.Textarea(attrs={"rows": 3}),
        help_text=_("Premises, vehicles, equipment: owned or used free of charge."),
    )


class IncomeForm(forms.Form):
    income_total = _money(
        _("Total income, ₸"),
        required=False,
        help_text=_(
            "As in the accounts; it must equal the sum of the lines. Leave it blank to take that sum."
        ),
    )


class ExpenditureForm(forms.Form):
    expenditure_total = _money(
        _("Total expenditure, ₸"),
        required=False,
        help_text=_(
            "As in the accounts; it must equal the sum of the lines. Leave it blank to take that sum."
        ),
    )


class BeneficiaryRow(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_choices(ReportBeneficiary.Category.choices))
    number = _count(_("Number of people"), required=False)


class ProjectRow(forms.Form):
    title = core_fields.CharField(label=_("Project"), max_length=500)
    area = core_fields.AlphabeticalModelChoiceField(
        queryset=ActivityArea.objects.all(), label=_("Area of activity"), required=False
    )
    amount = _money(_("Amount, ₸"), required=False)
    beneficiaries = _count(_("Beneficiaries"), required=False)


class CountryInput(forms.TextInput):
    """A country typed by its name, with the page's list of names to pick from (`<datalist id="countries">`, in
    edit.html); a saved code is shown as its name in the reader's language."""

    def __init__(self, attrs=None):
        super().__init__({"list": "countries", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        return country_name(value) if value and is_country(value) else super().format_value(value)


class CountryField(core_fields.CharField):
    """A country as people write it, by its name in Kazakh, Russian or English or by its ISO code: "Германия",
    "Ресей", "de" are DE. The box used to take two letters, so «Қазақстан» became «ҚА» and was refused as no
    country code."""

    widget = CountryInput
    default_error_messages = {
        **core_fields.CharField.default_error_messages,
        "unknown_country": _(
            "“%(value)s” is not a country we know: choose it from the list, or type its two-letter code (KZ, DE, US)."
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(max_length=100, required=False, **kwargs)

    def to_python(self, value):
        text = super().to_python(value).strip()
        if not text:
            return ""
        code = country_code(text)
        if code is None:
            raise forms.ValidationError(
                self.error_messages["unknown_country"], code="unknown_country", params={"value": text}
            )
        return code


class FounderRow(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(ReportFounder.Kind.choices))
    name = core_fields.CharField(label=_("Name"), max_length=300)
    country = CountryField(label=_("Country"))
    identifier = BinField(label=_("BIN or IIN"), max_length=12, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left blank, a founder is in Kazakhstan: the box says so in the reader's language.
        self.fields["country"].widget.attrs["placeholder"] = country_name("KZ")

    def clean(self):
        cleaned = super().clean()
        identifier = cleaned.get("identifier") or ""
        # A Kazakh founder's number goes to the state NGO database: a typo in it is caught here, not there.
        if (
            identifier
            and (cleaned.get("country") or "KZ").strip().upper() == "KZ"
            and not is_valid_bin(identifier)
        ):
            self.add_error(
                "identifier",
                forms.ValidationError(
                    _(
                        "%(value)s is not a valid BIN or IIN: a Kazakh one has 12 digits, the last of them a check "
                        "digit that must match the others."
                    ),
                    code="founder_identifier",
                    params={"value": identifier},
                ),
            )
        return cleaned


class IncomeRow(forms.Form):
    source = forms.ChoiceField(label=_("Source"), choices=_choices(ReportIncome.Source.choices))
    amount = _money(_("Amount, ₸"))
    donor = core_fields.CharField(label=_("Donor"), max_length=300, required=False)
    country = CountryField(label=_("Donor's country"))


class ExpenseRow(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=_choices(ReportExpense.Category.choices))
    amount = _money(_("Amount, ₸"))


def _formset(form, limit=200):
    return forms.formset_factory(form, extra=2, can_delete=True, max_num=limit, absolute_max=limit)


FORMSETS = {
    "beneficiaries": _formset(BeneficiaryRow, 20),
    "projects": _formset(ProjectRow),
    "founders": _formset(FounderRow),
    "income": _formset(IncomeRow),
    "expenses": _formset(ExpenseRow),
}
# Which formsets each section holds, and its form of single fields.
SECTION_FORMS = {
    "activities": (ActivitiesForm, ["beneficiaries", "projects"]),
    "founders": (None, ["founders"]),
    "people": (PeopleForm, []),
    "income": (IncomeForm, ["income"]),
    "expenditure": (ExpenditureForm, ["expenses"]),
}


def _kept(formset) -> list:
    """The rows that hold a line: every saved one (shown pre-filled) and each blank row typed into."""
    initial = formset.initial_form_count()
    return [form for i, form in enumerate(formset.forms) if i < initial or form.has_changed()]


class ReportForms:
    """Every section's forms on one page, bound to one POST: a section that is valid can be saved while another
    is re-shown with its errors and everything typed."""

    def __init__(self, report: AnnualReport, data=None):
        self.data = data
        fields, lines = initial_data(report)
        self.forms = {}
        self.formsets = {}
        for section, (form_class, formset_names) in SECTION_FORMS.items():
            if form_class:
                self.forms[section] = form_class(data, initial=fields, prefix=section)
            for name in formset_names:
                self.formsets[name] = FORMSETS[name](data, initial=lines[name], prefix=name)

    def section_valid(self, section: str) -> bool:
        form_class, names = SECTION_FORMS[section]
        valid = [self.forms[section].is_valid()] if form_class else []
        valid += [self.formsets[name].is_valid() for name in names]
        return all(valid)

    def section_data(self, section: str) -> tuple[dict, dict[str, list[dict]]]:
        form_class, names = SECTION_FORMS[section]
        data = dict(self.forms[section].cleaned_data) if form_class else {}
        lines = {}
        for name in names:
            rows = []
            for form in _kept(self.formsets[name]):
                if form.cleaned_data.get("DELETE"):
                    continue
                row = {field: form.cleaned_data.get(field) for field in LINE_FIELDS[name]}
                for key in ("donor", "country", "identifier"):
                    if key in row and row[key] is None:
                        row[key] = ""
                if name == "founders" and not row["country"]:
                    row["country"] = "KZ"
                if name == "beneficiaries" and row["number"] is None:
                    row["number"] = 0
                if name == "projects" and row["beneficiaries"] is None:
                    row["beneficiaries"] = 0
                rows.append(row)
            lines[name] = rows
        return data, lines

    def posted_fingerprint(self, section: str) -> str:
        """The fingerprint of what was sent for a valid section."""
        data, lines = self.section_data(section)
        return section_fingerprint(section, data, lines)

    def add_section_error(self, section: str, message: str) -> None:
        """A message about the whole section, shown at its top (a section of lines only: above its lines)."""
        form_class, names = SECTION_FORMS[section]
        if form_class:
            self.forms[section].add_error(None, message)
        else:
            formset = self.formsets[names[0]]
            formset._non_form_errors = formset.error_class([*formset.non_form_errors(), message])

    def line_form(self, name: str, number: int):
        """The formset form of the `number`-th line kept (from 1), to show a service's problem on its field."""
        kept = [
            form
            for form in _kept(self.formsets[name])
            if not (form.is_valid() and form.cleaned_data.get("DELETE"))
        ]
        return kept[number - 1] if 0 < number <= len(kept) else None
