"""Forms of members' proposed recommendations: the proposal, putting it on an agenda, declining it."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from azamat.core import fields as core_fields
from azamat.councils.forms import _OwnIds
from azamat.registry.models import GovernmentBody


class ProposalForm(_OwnIds, forms.Form):
    id_prefix = "proposal"
    title = core_fields.CharField(label=_("Title"), max_length=300)
    text = core_fields.CharField(
        label=_("What the council should recommend, and why"),
        max_length=10000,
        widget=core_fields.Textarea(attrs={"rows": 6}),
    )
    body = core_fields.AlphabeticalModelChoiceField(
        label=_("State body"), queryset=GovernmentBody.objects.all()
    )


class AgendaChoiceForm(forms.Form):
    """A meeting still ahead, chosen among those the page read once (`meetings`, a list: one query for every
    proposal's form)."""

    meeting = core_fields.ChoiceField(label=_("Meeting"))

    def __init__(self, *args, meetings, proposal, **kwargs):
        kwargs.setdefault("auto_id", f"agenda_{proposal.pk}_%s")
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.pk): m for m in meetings}
        self.fields["meeting"].choices = [
            (key, date_format(timezone.localtime(m.starts_at), "DATETIME_FORMAT"))
            for key, m in self.meetings.items()
        ]

    def clean_meeting(self):
        return self.meetings[self.cleaned_data["meeting"]]


class DeclineForm(forms.Form):
    reason = core_fields.CharField(
        label=pgettext_lazy("a member's proposal", "Reason for declining"), max_length=300
    )

    def __init__(self, *args, proposal, **kwargs):
        kwargs.setdefault("auto_id", f"decline_{proposal.pk}_%s")
        super().__init__(*args, **kwargs)
