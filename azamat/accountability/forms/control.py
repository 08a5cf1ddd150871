"""Forms of public-control checks: the list's filters, the check, its team, findings, final document and
recommendations. They only read what was typed; the services (`accountability/control.py`) decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accountability.control_selectors import check_years, checked_bodies
from azamat.accountability.models import Check, CheckMember
from azamat.core import fields as core_fields
from azamat.core.collation import sorted_choices
from azamat.registry.models import GovernmentBody, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CheckFilterForm(forms.Form):
    body = forms.ChoiceField(label=_("Body checked"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    method = forms.ChoiceField(
        label=_("Form of public control"),
        required=False,
        choices=[("", _("All forms")), *Check.Method.choices],
    )
    year = forms.ChoiceField(label=_("Year"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Check.Status.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [
            ("", _("All bodies")),
            *sorted_choices([(b.code, b.name) for b in checked_bodies()]),
        ]
        self.fields["region"].choices = [
            ("", _("All regions")),
            *sorted_choices([(r.kato, r.name) for r in Region.objects.all()]),
        ]
        self.fields["year"].choices = [("", _("All years")), *((str(y), str(y)) for y in check_years())]


class CheckForm(forms.Form):
    organisation = core_fields.AlphabeticalModelChoiceField(
        label=_("Organisation running the check"), queryset=None, required=False
    )
    subject = core_fields.CharField(label=_("Subject"), max_length=300)
    description = core_fields.CharField(
        label=_("What is checked and why"),
        max_length=5000,
        required=False,
        widget=core_fields.Textarea(attrs={"rows": 5}),
    )
    body = core_fields.AlphabeticalModelChoiceField(
        label=_("Body checked"),
        queryset=GovernmentBody.objects.all(),
        empty_label=_("Choose a body"),
        help_text=_(
            "A state body, a local executive body, a state institution, a quasi-public company or a "
            "contractor performing state functions, as the law lists them."
        ),
    )
    method = forms.ChoiceField(label=_("Form of public control"), choices=Check.Method.choices)
    starts_on = core_fields.DateField(label=_("Starts on"), widget=DATE)
    ends_on = core_fields.DateField(label=_("Ends on"), widget=DATE)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:  # editing: the organisation stays the one that started the check
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
            self.fields["organisation"].empty_label = _("Choose the organisation")


class MemberForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of a person registered on Azamat"),
        required=False,
        help_text=_("They can then edit the check with you."),
    )
    name = core_fields.CharField(
        label=_("Or a name"),
        max_length=200,
        required=False,
        help_text=_("Someone not on Azamat (an outside expert): shown on the page, cannot edit."),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=CheckMember.Role.choices, initial=CheckMember.Role.MEMBER
    )


class FindingsForm(forms.Form):
    findings = core_fields.CharField(
        label=_("Findings"),
        max_length=20000,
        widget=core_fields.Textarea(attrs={"rows": 12}),
        help_text=_("What the check found: facts, the documents and places seen, the breaches noted."),
    )


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Final document"),
        help_text=_("PDF or DOCX, at most 20 MB. It is published when the check is completed."),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )


class RecommendationForm(forms.Form):
    body = core_fields.AlphabeticalModelChoiceField(
        label=_("Addressee body"),
        queryset=GovernmentBody.objects.all(),
        required=False,
        empty_label=_("Choose a body"),
    )
    title = core_fields.CharField(label=_("Title"), max_length=300, required=False)
    text = core_fields.CharField(
        label=_("Recommendation"),
        max_length=20000,
        required=False,
        widget=core_fields.Textarea(attrs={"rows": 6}),
    )
    justification = core_fields.CharField(
        label=_("Justification"),
        max_length=20000,
        required=False,
        widget=core_fields.Textarea(attrs={"rows": 4}),
        help_text=_("Which findings the recommendation follows from."),
    )
