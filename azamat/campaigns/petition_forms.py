"""Petition forms: the author's petition, signing, moderation (rejecting with a reason) and striking out a
fraudulent batch of signatures."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import Petition
from azamat.campaigns.petition_services import MAX_GOAL
from azamat.core.fields import (
    AlphabeticalModelChoiceField,
    CharField,
    ChoiceField,
    DateField,
    IntegerField,
    LoadedAtField,
    Textarea,
)
from azamat.registry.models import GovernmentBody, Region

LOCAL_GOAL = 5_000  # the default goal of a regional petition (a national one: Petition's NATIONAL_GOAL)


def _text(label, limit, **kwargs):
    return CharField(label=label, max_length=limit, widget=Textarea(attrs={"rows": 5}), **kwargs)


class PetitionForm(forms.Form):
    title = CharField(label=_("Title"), max_length=200, help_text=_("One sentence: what you ask for."))
    text = _text(_("Text"), 10000, help_text=_("The situation, why it matters, who is affected."))
    demands = _text(_("Demands"), 5000, help_text=_("What the addressee is asked to do."))
    body = AlphabeticalModelChoiceField(
        label=_("Addressee"), queryset=GovernmentBody.objects.all(), empty_label=_("Choose a government body")
    )
    region = AlphabeticalModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("The whole country"),
        help_text=_("Empty for a national petition."),
    )
    goal = IntegerField(
        label=_("Signature goal"),
        required=False,
        max_value=MAX_GOAL,
        help_text=_(
            "Empty: 50,000 for a national petition (as for state petitions), 5,000 for a regional one."
        ),
    )
    closes_on = DateField(label=_("Closes on"))
    languages = forms.MultipleChoiceField(
        label=_("Languages of the text"),
        choices=[("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "closes_on" not in self.initial:
            self.initial["closes_on"] = timezone.localdate() + datetime.timedelta(days=90)

    def clean_goal(self):
        goal = self.cleaned_data.get("goal")
        if goal is not None and goal < 1:
            raise forms.ValidationError(_("The signature goal must be at least 1 signature."))
        return goal

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on <= timezone.localdate():
            raise forms.ValidationError(_("The closing date must be after today."))
        return closes_on

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        if data.get("goal") is None:
            data["goal"] = LOCAL_GOAL if data.get("region") else Petition._meta.get_field("goal").default
        return data


class PetitionEditForm(PetitionForm):
    # The draft's last save when the form was loaded: a save over a newer one is refused (core.edits).
    loaded_at = LoadedAtField()


class SignForm(forms.Form):
    name = CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("We send a link to confirm your signature. Your email is never shown."),
    )
    region = AlphabeticalModelChoiceField(
        label=_("Your region"), queryset=Region.objects.all(), required=False, empty_label=_("Not given")
    )
    show_name = forms.BooleanField(label=_("Show my name among the signers"), required=False)
    wants_updates = forms.BooleanField(label=_("Email me the addressee's answer"), required=False)
    # The honeypot: hidden from people (by a class and aria-hidden), filled by bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, max_length=200)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class ReasonForm(forms.Form):
    reason = CharField(label=_("Reason"), max_length=3000, widget=Textarea(attrs={"rows": 3}))


class InvalidateForm(forms.Form):
    domain = CharField(
        label=_("Email domain"), max_length=255, required=False, help_text=_("Such as example.kz")
    )
    ip_key = CharField(label=_("Address key"), max_length=16, required=False)
    since = forms.DateTimeField(
        label=_("Signed from"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    until = forms.DateTimeField(
        label=_("Signed until"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    reason = CharField(label=_("Reason"), max_length=3000, widget=Textarea(attrs={"rows": 3}))

    def clean_until(self):
        """The box takes minutes: "until 14:05" is to the end of that minute, the signatures of 14:05:30 included."""
        until = self.cleaned_data.get("until")
        if until is not None and not until.second and not until.microsecond:
            until += datetime.timedelta(minutes=1, microseconds=-1)
        return until

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in ("domain", "ip_key", "since", "until")):
            raise forms.ValidationError(
                _("Choose the signatures to strike out: a domain, an address key or a time window.")
            )
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            # An inverted window selects nothing: "0 signatures struck out" would read as if there were none.
            self.add_error("until", _("The end cannot come before the start."))
        return data


class PetitionFilterForm(forms.Form):
    """The public list's search and filters (the open and closed tabs are its status)."""

    q = CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Words of the title or the demands")}
        ),
    )
    body = ChoiceField(label=_("Addressee"), required=False)
    region = ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        from azamat.campaigns.petition_selectors import addressee_choices
        from azamat.registry.selectors import region_choices

        super().__init__(*args, **kwargs)
        self.fields["body"].choices = [("", _("All addressees")), *addressee_choices()]
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]

    def filters(self) -> dict[str, str]:
        """The valid filters alone: a refused one (a stale link's addressee) is dropped and the form says why."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or "" for name in ("q", "body", "region")}
