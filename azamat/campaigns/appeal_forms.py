"""The forms of appeals (writing and editing one, recording its sending) and of court actions (the case, a
hearing)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import Action, Appeal
from azamat.core.fields import AlphabeticalModelChoiceField, CharField, DateField, LoadedAtField, Textarea
from azamat.registry.models import GovernmentBody, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppealForm(forms.Form):
    """Writing an appeal: the template's choices (kind, language, addressee, the organisation) and the text to
    edit. "Fill from the template" replaces the subject and the text; "Save" keeps them as edited."""

    organisation = AlphabeticalModelChoiceField(
        label=_("Written by the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Appeal.Kind.choices)
    language = forms.ChoiceField(
        label=_("Language of the appeal"),
        choices=Appeal.Language.choices,
        help_text=_("The language the letter is written in, whatever the language of these pages."),
    )
    body = AlphabeticalModelChoiceField(
        label=_("Addressee body"), queryset=GovernmentBody.objects.all(), empty_label=_("Choose a body")
    )
    official = CharField(
        label=_("Official addressed"),
        max_length=200,
        required=False,
        help_text=_(
            "Position and name, as the letter should address them, e.g. “Akim of the city A. B. Akhmetov”."
        ),
    )
    subject = CharField(label=_("Subject"), max_length=300, required=False)
    text = CharField(label=_("Text"), max_length=20000, required=False, widget=Textarea(attrs={"rows": 18}))
    signatory = CharField(
        label=_("Signed by"), max_length=200, help_text=_("Position and name of the person who signs.")
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class AppealEditForm(AppealForm):
    """Editing a saved appeal: its organisation stays."""

    # The appeal's last save when the form was loaded: a save over a newer one is refused (core.edits).
    loaded_at = LoadedAtField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]
        self.fields["subject"].required = True
        self.fields["text"].required = True


class SentForm(forms.Form):
    prefix = "sent"

    sent_on = DateField(label=_("Sent on"), widget=DATE)
    channel = forms.ChoiceField(
        label=_("Sent via"), choices=[("", _("Choose how it was sent")), *Appeal.Channel.choices]
    )
    registration_number = CharField(
        label=_("Registration number"),
        max_length=100,
        required=False,
        help_text=_("The number e-Otinish or the body's office gave the appeal, exactly as written there."),
    )
    is_public = forms.BooleanField(
        label=_("Make the appeal public"),
        required=False,
        help_text=_("Everyone can then read it and follow the body's answer in the accountability register."),
    )


class CourtForm(forms.Form):
    prefix = "court"

    case_number = CharField(label=_("Case number"), max_length=100, required=False)
    court = CharField(label=_("Court"), max_length=300, required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Action.Outcome.choices, required=False)


class HearingForm(forms.Form):
    prefix = "hearing"

    held_on = DateField(label=_("Date of the hearing"), widget=DATE)
    notes = CharField(
        label=_("What happened"), max_length=3000, required=False, widget=Textarea(attrs={"rows": 4})
    )
