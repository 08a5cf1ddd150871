"""Election observation's forms: an observed election, a polling station with its observers, a phase's
checklist (each question answered yes, no or not seen), an incident. The services check what a form cannot."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from azamat.core import edits
from azamat.core.fields import AlphabeticalModelChoiceField, CharField, LoadedAtField, Textarea
from azamat.monitoring.elections_services import ANSWERS, questions
from azamat.monitoring.models import Checklist, Election, Event, PollingStation
from azamat.monitoring.records_forms import LONG, ReadersField, _date, _label
from azamat.monitoring.records_selectors import role_holders
from azamat.registry.models import Region


class ElectionForm(forms.Form):
    title = CharField(
        label=_label(Election, "title"), max_length=200, help_text=Election.title.field.help_text
    )
    kind = forms.ChoiceField(label=_label(Election, "kind"), choices=Election.Kind.choices)
    day = _date(Election, "day")


class StationForm(forms.Form):
    number = CharField(label=_label(PollingStation, "number"), max_length=20, help_text=_("E.g. 412."))
    region = AlphabeticalModelChoiceField(
        label=_label(PollingStation, "region"), queryset=Region.objects.all()
    )
    settlement_kato = CharField(
        label=_label(PollingStation, "settlement_kato"),
        max_length=9,
        required=False,
        help_text=_("Nine digits, e.g. 751110000 for Almaty."),
    )
    address = CharField(
        label=_label(PollingStation, "address"),
        max_length=300,
        help_text=PollingStation.address.field.help_text,
    )
    observers = ReadersField(
        label=_label(PollingStation, "observers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People of the organisation's monitoring who observe at this station and report from it."
        ),
    )
    # On the edit form: the station's last save as it was loaded, so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, organisation_id: int, station: PollingStation | None = None, **kwargs):
        if station is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{
                        name: getattr(station, name)
                        for name in ("number", "region", "settlement_kato", "address")
                    },
                    "observers": list(station.observers.all()),
                    "loaded_at": edits.loaded_marker(station),
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["observers"].queryset = role_holders(organisation_id)
        if station is None:
            del self.fields["loaded_at"]


class ChecklistForm(forms.Form):
    """A phase's questions, each a required choice of yes / no / not seen; prefixed with the phase."""

    note = CharField(
        label=_("Note"),
        max_length=5000,
        required=False,
        widget=Textarea(attrs={"rows": 3}),
        help_text=_("What you saw that the answers do not say. Report an incident separately."),
    )
    # The observer's checklist of the phase as the form was loaded (its last save, or none sent yet), so that a
    # form from another tab does not silently replace the answers sent since.
    loaded_at = LoadedAtField()

    def __init__(self, *args, phase: str, checklist: Checklist | None = None, **kwargs):
        sent = {**checklist.answers, "note": checklist.note} if checklist is not None else {}
        kwargs["initial"] = {**sent, "loaded_at": edits.loaded_marker(checklist or Checklist())}
        super().__init__(*args, prefix=phase, **kwargs)
        self.phase = phase
        answers = {}
        for code, text, _problem in questions(phase):
            answers[code] = forms.ChoiceField(
                label=text,
                choices=ANSWERS,
                widget=forms.RadioSelect,
                error_messages={"required": _("Answer this question: yes, no or not seen.")},
            )
        self.fields = {**answers, "note": self.fields["note"], "loaded_at": self.fields["loaded_at"]}

    def answers(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _t, _p in questions(self.phase)}


class IncidentForm(forms.Form):
    title = CharField(
        label=_("What happened, in a line"),
        max_length=300,
        help_text=_("E.g. A voter was given several ballots."),
    )
    description = CharField(
        label=capfirst(Event._meta.get_field("description").verbose_name),
        max_length=LONG,
        widget=Textarea(attrs={"rows": 6}),
        help_text=_("When, who did what, who saw it. Names stay encrypted and are never published."),
    )
