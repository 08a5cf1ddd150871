"""The forms of the body's answer and of what follows it."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from azamat.accountability.evidence_files import ACCEPT
from azamat.accountability.models import Dispute, Item
from azamat.core.fields import AlphabeticalModelChoiceField, CharField, DateField, Textarea
from azamat.registry.models import GovernmentBody

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = 5000


def _long_text(label, **kwargs) -> CharField:
    """A text of up to TEXT characters (an answer, a reasoned decision, evidence): a box of several lines, where
    a one-line input hid all but the first words of what was typed."""
    return CharField(label=label, max_length=TEXT, widget=Textarea(attrs={"rows": 5}), **kwargs)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Answer"),
        choices=[(value, label) for value, label in Item.Outcome.choices if value != Item.Outcome.FORWARDED],
        widget=forms.RadioSelect,
    )
    text = _long_text(
        _("Answer and justification"),
        required=False,
        help_text=_("Required when the item is rejected or accepted in part."),
    )


class ForwardForm(forms.Form):
    to_body = AlphabeticalModelChoiceField(
        label=_("Competent body"), queryset=GovernmentBody.objects.all(), empty_label=_("Choose a body")
    )
    reason = _long_text(_("Why it is forwarded"))


class ExtendForm(forms.Form):
    new_due_on = DateField(label=_("New due date"), widget=DATE)
    reason = _long_text(_("Reasoned decision"))


class MilestoneForm(forms.Form):
    title = CharField(label=_("Milestone"), max_length=300)
    due_on = DateField(label=_("Due on"), widget=DATE)


class EvidenceForm(forms.Form):
    text = _long_text(_("What was done"))
    link = forms.URLField(label=_("Link"), required=False, max_length=200)
    file = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=format_lazy(
            "{} {}",
            _("PDF, DOCX, JPEG or PNG, at most 20 MB."),
            _("HEIC photos from an iPhone are taken as JPEG."),  # evidence_files.py
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )


class DisputeForm(forms.Form):
    reasons = _long_text(_("Why it was not carried out"))


class DisputeAnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Response"), choices=Dispute.Response.choices, widget=forms.RadioSelect
    )
    text = _long_text(_("Reasons"))
