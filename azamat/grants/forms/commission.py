"""Forms of the tender commission: members, sittings, attendance, declarations, votes and decisions."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core import model_choices
from azamat.grants.models import AgendaItem, CommissionMember, Vote


class MemberAddForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the person"), help_text=_("The person must already have an account on Azamat.")
    )
    side = forms.ChoiceField(label=_("Represents"), choices=CommissionMember.Side.choices)
    is_chair = forms.BooleanField(label=_("Chair of the commission"), required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No person with this email has an account on Azamat."))
        self.cleaned_data["user"] = user
        return email


class SecretaryForm(forms.Form):
    email = forms.EmailField(
        label=_("Email of the secretary"),
        max_length=254,
        help_text=_(
            "The secretary keeps the sittings: attendance, the agenda, decisions and the protocol. "
            "The secretary does not vote and is not a member."
        ),
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No person with this email has an account on Azamat."))
        self.cleaned_data["user"] = user
        return email


class SittingScheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = core_fields.CharField(label=_("Place"), max_length=300, required=False)
    stream_url = forms.URLField(
        label=_("Link to the live stream"),
        required=False,
        assume_scheme="https",
        help_text=_("Sittings are streamed; leave empty if this one is not."),
    )

    def clean_starts_at(self):
        # A year mistyped on a phone's date picker would email the members a past date and open voting at once;
        # earlier today stays allowed, for a sitting scheduled as it begins.
        starts_at = self.cleaned_data["starts_at"]
        if timezone.localdate(starts_at) < timezone.localdate():
            raise forms.ValidationError(
                _("The sitting cannot start in the past: choose today or a later day.")
            )
        return starts_at


class MemberChoiceField(model_choices.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.get_full_name()} — {obj.get_side_display()}"


class AttendanceForm(forms.Form):
    members = MemberChoiceField(
        label=_("Members present"),
        queryset=CommissionMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, commission, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = commission.members.select_related("user").order_by(
            "-is_chair", "side", "user__full_name"
        )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Vote.Choice.choices, widget=forms.RadioSelect)
    comment = core_fields.CharField(
        label=_("Comment"), max_length=1000, required=False, widget=core_fields.Textarea(attrs={"rows": 3})
    )


class RecuseForm(forms.Form):
    reason = core_fields.CharField(
        label=_("Reason for stepping aside"),
        max_length=300,
        widget=core_fields.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for stepping aside.")},
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=AgendaItem.Decision.choices, widget=forms.HiddenInput)
    amount = core_fields.DecimalField(
        label=_("Amount awarded, ₸"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty to award the amount requested."),
    )
    reduction_reason = core_fields.CharField(
        label=_("Reason for a reduced amount"), max_length=500, required=False
    )
