"""The vote's forms: what a person types; the services decide."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import User
from azamat.core import fields

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ElectionForm(forms.Form):
    title = fields.CharField(label=_("Title"), max_length=300)
    description = fields.CharField(
        label=_("Description"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    opens_at = forms.DateTimeField(label=_("Voting opens (Almaty time)"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("Voting closes (Almaty time)"), widget=DATETIME)
    quorum = fields.IntegerField(
        label=_("Quorum, per cent of the roll"),
        min_value=1,
        max_value=100,
        initial=50,
        help_text=_("The share of the roll that must vote for the result to stand."),
    )


class ElectionEditForm(ElectionForm):
    """A draft's details changed; `loaded` is the version of them the page showed (a second tab's save is told)."""

    loaded = fields.CharField(max_length=40, required=False, widget=forms.HiddenInput)


class ElectionTimesForm(forms.Form):
    """A frozen vote's new voting times, and nothing else (`services.election_retime`); `loaded`, as above."""

    opens_at = ElectionForm.base_fields["opens_at"]
    closes_at = ElectionForm.base_fields["closes_at"]
    loaded = fields.CharField(max_length=40, required=False, widget=forms.HiddenInput)


class CouncilElectionForm(ElectionForm):
    """A council's vote says what it elects: members from the frozen list, or the chair from its members."""

    purpose = forms.ChoiceField(
        label=_("What the council elects"),
        choices=[
            ("members", _("Members of the council, from its frozen list of candidates")),
            ("chair", _("The council's chair or deputy chair, from its sitting members")),
        ],
        widget=forms.RadioSelect,
        initial="members",
    )
    field_order = ["purpose"]


class QuestionForm(forms.Form):
    text = fields.CharField(label=_("Question"), max_length=500)
    max_choices = fields.IntegerField(
        label=_("Choices allowed"),
        min_value=1,
        max_value=50,
        initial=1,
        help_text=_("1: choose one; more: choose up to this many. In a ranked question: the seats to fill."),
    )
    ranked = forms.BooleanField(
        label=_("Voters rank the candidates (single transferable vote)"),
        required=False,
        help_text=_(
            "Each ballot's ranking is published after the trustees shuffle the ballots, without who cast it: in "
            "a small electorate an unusual ranking may point to its voter. Choosing is safer below 20 voters."
        ),
    )


class CandidateForm(forms.Form):
    name = fields.CharField(label=_("Candidate or answer"), max_length=300, required=False)
    entry = fields.IntegerField(label=_("Candidate from the list"), required=False, widget=forms.Select)
    member = fields.IntegerField(label=_("Member of the council"), required=False, widget=forms.Select)

    def __init__(self, *args, entries=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        if entries:
            self.fields["entry"].widget.choices = [("", "—")] + [
                (entry.pk, f"{entry.position}. {entry.full_name}" + ("" if entry.eligible else " ✗"))
                for entry in entries
            ]
        else:
            del self.fields["entry"]
        if members:
            self.fields["member"].widget.choices = [("", "—")] + [
                (member.pk, f"{member.full_name} ({member.get_represents_display()})") for member in members
            ]
        else:
            del self.fields["member"]
        if entries or members:
            del self.fields["name"]


class RollForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mail addresses, one per line"),
        max_length=500_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Or paste the first column of a spreadsheet. Each must be an account on Azamat."),
    )


class RolesForm(forms.Form):
    credential_authority = forms.EmailField(
        label=_("Credential authority (e-mail)"),
        help_text=_("Sends the voters their credentials; not you, not a trustee."),
    )
    trustees = forms.CharField(
        label=_("Trustees (e-mails, one per line)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("2 to 5 people who share the key; none of them alone can decrypt."),
    )
    threshold = fields.IntegerField(
        label=_("Trustees needed to decrypt"), min_value=2, max_value=5, initial=2
    )

    def _user(self, email: str):
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise forms.ValidationError(
                _("No account on Azamat has the address %(email)s."), params={"email": email}
            )
        return user

    def clean_credential_authority(self):
        return self._user(self.cleaned_data["credential_authority"])

    def clean_trustees(self):
        # One per line as asked, or typed on one line with commas or spaces between them.
        addresses = [a for a in re.split(r"[\s,;]+", self.cleaned_data["trustees"]) if a]
        return [self._user(address) for address in addresses]


class KeyForm(forms.Form):
    key = forms.CharField(
        label=_("Your private key"),
        max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("The key you were given at the first step; it is used for this step and not kept."),
    )


class ShuffleForm(forms.Form):
    own = forms.CharField(
        label=_("Your own shuffle (optional)"),
        max_length=5_000_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "To rely on no one, make your shuffle on your own computer with the command above and paste its output "
            "here; otherwise leave this empty and Azamat shuffles in your name."
        ),
    )


class CertificateForm(forms.Form):
    certificate = forms.CharField(
        label=_("Your own certificate (optional)"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "If you generated your key on your own computer with belenios-tool, paste its .cert here; "
            "otherwise leave this empty and Azamat generates your key and shows it to you once."
        ),
    )


class BallotForm(forms.Form):
    credential = forms.CharField(
        label=_("Your credential"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
        help_text=_("From the e-mail the credential authority sent you."),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            candidates = list(question.candidates.all())
            if question.ranked:
                ranks = [("", "—")] + [(n, str(n)) for n in range(1, len(candidates) + 1)]
                for candidate in candidates:
                    self.fields[f"q{question.pk}_{candidate.pk}"] = forms.TypedChoiceField(
                        label=candidate.name, choices=ranks, coerce=int, required=False, empty_value=0
                    )
                continue
            choices = [(candidate.pk, candidate.name) for candidate in candidates]
            if question.max_choices == 1:
                field = forms.TypedChoiceField(
                    label=question.text, choices=choices, coerce=int, required=False, widget=forms.RadioSelect
                )
            else:
                field = forms.TypedMultipleChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose up to %(count)s.") % {"count": question.max_choices},
                )
            self.fields[f"q{question.pk}"] = field

    def ballot(self) -> list[dict]:
        """The ballot's questions with their fields, in order: a ranked question has one rank per candidate."""
        rows = []
        for question in self.questions:
            if question.ranked:
                names = [f"q{question.pk}_{candidate.pk}" for candidate in question.candidates.all()]
                rows.append({"question": question, "ranked": True, "fields": [self[name] for name in names]})
            else:
                rows.append({"question": question, "ranked": False, "fields": [self[f"q{question.pk}"]]})
        return rows

    def picked(self) -> dict:
        picked = {}
        for question in self.questions:
            if question.ranked:
                picked[question.pk] = {
                    candidate.pk: self.cleaned_data.get(f"q{question.pk}_{candidate.pk}") or 0
                    for candidate in question.candidates.all()
                }
                continue
            value = self.cleaned_data.get(f"q{question.pk}")
            if value in (None, ""):
                picked[question.pk] = []
            else:
                picked[question.pk] = value if isinstance(value, list) else [value]
        return picked
