"""Collection's forms: invitations, interviewers' assignments, quotas, the review, the responses' filters."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from azamat.core import fields
from azamat.registry import selectors as registry_selectors
from azamat.registry.models import Region
from azamat.surveys.models import Response


class InvitationsForm(forms.Form):
    addresses = fields.CharField(
        label=_("Email addresses"),
        required=False,
        max_length=200_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One a line, or separated by commas."),
    )
    file = forms.FileField(
        label=_("Or a file (CSV or XLSX) with a column of addresses"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    language = forms.ChoiceField(label=_("Language of the email"), choices=())

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = languages


class AssignmentForm(forms.Form):
    email = forms.EmailField(label=_("Interviewer's email on Azamat"))
    area = forms.CharField(label=pgettext_lazy("fieldwork", "Area"), max_length=200)
    region = fields.AlphabeticalModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Not tied to a region"),
    )
    route = forms.CharField(
        label=_("Route"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. every fifth apartment from the corner house."),
    )
    target = fields.IntegerField(label=_("Interviews expected"), min_value=0, initial=0)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class QuotaForm(forms.Form):
    label = fields.CharField(label=_("Name"), max_length=200, required=False)
    target = fields.IntegerField(
        label=_("Target"),
        error_messages={"min_value": _("A quota's target cannot be below zero.")},
        min_value=0,
    )


class GridForm(forms.Form):
    questions = forms.MultipleChoiceField(
        label=_("Questions whose answers make the cells"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    target = fields.IntegerField(
        label=_("Target of each cell"),
        min_value=0,
        error_messages={"min_value": _("A quota's target cannot be below zero.")},
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = questions


class ReviewForm(forms.Form):
    review = forms.ChoiceField(
        label=_("Decision"),
        choices=[c for c in Response.Review.choices if c[0]],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting."),
    )
    # The last decision the page showed: a decision made since (a colleague, another tab) is not silently replaced.
    seen_decision = fields.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


FLAG_CHOICES = [
    ("", _("Any")),
    ("any", _("Any flag")),
    ("too_fast", _("Too fast")),
    ("straightlining", _("Same answer everywhere")),
    ("duplicate", _("Duplicate")),
    ("none", _("No flags")),
]


class ResponseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any"))] + list(Response.Status.choices)
    )
    review = forms.ChoiceField(
        label=_("Review"),
        required=False,
        choices=[("", _("Any")), ("none", _("Not reviewed"))] + [c for c in Response.Review.choices if c[0]],
    )
    flag = forms.ChoiceField(label=_("Quality"), required=False, choices=FLAG_CHOICES)
    interviewer = forms.ChoiceField(label=_("Interviewer"), required=False, choices=())
    # A region by its name; the value is its KATO prefix, which a response's code (region or district) starts with.
    region = forms.ChoiceField(label=_("Region"), required=False, choices=())
    since = fields.DateField(label=_("From"), required=False)
    until = fields.DateField(label=_("To"), required=False)

    def __init__(self, *args, interviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].choices = [("", _("Any"))] + list(interviewers)
        self.fields["region"].choices = [("", _("All regions"))] + [
            (kato[:2], name) for kato, name in registry_selectors.region_choices()
        ]
