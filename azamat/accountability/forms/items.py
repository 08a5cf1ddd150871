"""The forms of the body's answer and of what follows it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accountability.models import Dispute, Item
from azamat.core.fields import AlphabeticalModelChoiceField, CharField
from azamat.registry.models import GovernmentBody

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = 5000


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"),
        choices=[(value, label) for value, label in Item.Outcome.choices if value != Item.Outcome.FORWARDED],
        widget=forms.RadioSelect,
    )
    text = CharField(
        label=_("Answer and justification"),
        max_length=TEXT,
        required=False,
        help_text=_("Required when the item is rejected or accepted in part."),
    )


class ForwardForm(forms.Form):
    to_body = AlphabeticalModelChoiceField(
        label=_("Competent body"), queryset=GovernmentBody.objects.all(), empty_label=_("Choose a body")
    )
    reason = CharField(label=_("Why it is forwarded"), max_length=TEXT)


class ExtendForm(forms.Form):
    new_due_on = forms.DateField(label=_("New due date"), widget=DATE)
    reason = CharField(label=_("Reasoned decision"), max_length=TEXT)


class MilestoneForm(forms.Form):
    title = CharField(label=_("Milestone"), max_length=300)
    due_on = forms.DateField(label=_("Due on"), widget=DATE)


class EvidenceForm(forms.Form):
    text = CharField(label=_("What was done"), max_length=TEXT)
    link = forms.URLField(label=_("Link"), required=False, max_length=200)
    file = forms.FileField(label=_("Document"), required=False)


class DisputeForm(forms.Form):
    reasons = CharField(label=_("Why it was not carried out"), max_length=TEXT)


class DisputeAnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"), choices=Dispute.Response.choices, widget=forms.RadioSelect
    )
    text = CharField(label=_("Reasons"), max_length=TEXT)
