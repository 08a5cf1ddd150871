"""The casework forms: a verification step, interventions and their outcome, cases, their hearings and documents,
blocked websites and their checks, detentions and visits. Records are named by number (an event's `M-2026-000123`,
a person's `45`), never by name: the form resolves a number among the records this person may see."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.fields import AlphabeticalModelChoiceField, CharField, DateField, LoadedAtField, Textarea
from azamat.core.model_choices import ModelMultipleChoiceField
from azamat.monitoring import casework_selectors as selectors
from azamat.monitoring.casework_services import CONFIRM_STEPS
from azamat.monitoring.lifecycle import EVENT_NOTE_REQUIRED
from azamat.monitoring.models import BlockedSite, Case, Event, Intervention, Person
from azamat.registry.models import GovernmentBody, Region

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LONG_TEXT = 20000
EVENT_NUMBER = re.compile(r"M-\d{4}-\d{6}", re.IGNORECASE)


def _text(
    label, *, required: bool = False, rows: int = 4, max_length: int = LONG_TEXT, **kwargs
) -> CharField:
    return CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class StepForm(forms.Form):
    """One verification step; prefixed with the step's name, so each step's form on the page has its own ids."""

    note = _text(_("Note"), max_length=5000, help_text=_("Why: what the sources showed, what is missing."))
    reliability = forms.ChoiceField(
        label=_("Reliability grade"),
        choices=[("", _("Choose a grade")), *Event.Reliability.choices],
        required=False,
    )
    confirm = forms.BooleanField(label=_("I have read the summary and confirm this step"), required=False)

    def __init__(self, *args, step: str, **kwargs):
        super().__init__(*args, prefix=step, **kwargs)
        self.step = step
        if step != "verify":
            del self.fields["reliability"]
        if step not in CONFIRM_STEPS:
            del self.fields["confirm"]
        if step in EVENT_NOTE_REQUIRED:
            self.fields["note"].label = _("Note (required)")


class InterventionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Intervention.Kind.choices)
    body = AlphabeticalModelChoiceField(
        label=_("To the state body"),
        queryset=GovernmentBody.objects.all(),
        required=False,
        empty_label=_("None: not a state body (a UN body, a lawyer's visit)"),
        help_text=_(
            "An intervention to a state body becomes an accountability item with its legal deadline. "
            "Required for a complaint and an appeal."
        ),
    )
    sent_on = DateField(label=_("Sent on"))
    summary = CharField(
        label=_("Subject"),
        max_length=300,
        help_text=_(
            "The body and the accountability item see only this line: no names of persons, e.g. "
            "“Complaint about the detention of participants of an assembly”."
        ),
    )
    text = _text(_("Text"), rows=8, help_text=_("Kept encrypted, only in the organisation's records."))
    person = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Person.objects.none(), required=False, empty_label=_("Nobody named")
    )

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["person"].label_from_instance = lambda person: f"{person.name} (№ {person.pk})"
        if not self.is_bound:
            self.initial.setdefault("sent_on", timezone.localdate())


class OutcomeForm(forms.Form):
    outcome = _text(_("Outcome"), help_text=_("What came of it: the answer, a decision, nothing yet."))
    # The intervention's last save as the form was loaded, so that a save over a colleague's newer outcome is
    # refused.
    loaded_at = LoadedAtField()


class NumbersMixin:
    """Turns typed numbers into the records they name, among those this person may see."""

    organisation_id: int
    user: object

    def _person(self, value: str):
        value = (value or "").strip().lstrip("№#").strip()
        if not value:
            return None
        if not value.isdigit():
            raise forms.ValidationError(_("Type the person's number, e.g. 45."))
        person = selectors.person_of(organisation_id=self.organisation_id, number=int(value), user=self.user)
        if person is None:
            raise forms.ValidationError(
                _("No person numbered %(number)s among the records you may see."), params={"number": value}
            )
        return person

    def _events(self, value: str) -> list:
        value = (value or "").strip()
        if not value:
            return []
        numbers = [n.upper() for n in EVENT_NUMBER.findall(value)]
        rest = EVENT_NUMBER.sub(" ", value).replace(",", " ").replace(";", " ").split()
        if rest:
            raise forms.ValidationError(
                _("Not an event number: %(text)s. Numbers look like M-2026-000123."),
                params={"text": " ".join(rest)[:60]},
            )
        found = selectors.events_by_number(
            organisation_id=self.organisation_id, numbers=numbers, user=self.user
        )
        missing = [n for n in dict.fromkeys(numbers) if n not in found]
        if missing:
            raise forms.ValidationError(
                _("No event numbered %(numbers)s among the records you may see."),
                params={"numbers": ", ".join(missing)},
            )
        return [found[n] for n in dict.fromkeys(numbers)]


class CaseForm(NumbersMixin, forms.Form):
    title = CharField(label=_("Title"), max_length=300, help_text=_("Kept encrypted."))
    client = CharField(
        label=_("Client's person number"),
        max_length=20,
        required=False,
        help_text=_("The number on the person's page, e.g. 45."),
    )
    court = CharField(label=_("Court"), max_length=300, required=False)
    court_number = CharField(label=_("Case number in court"), max_length=100, required=False)
    strategic = forms.BooleanField(label=_("Strategic litigation"), required=False)
    lawyers = ModelMultipleChoiceField(
        label=_("Lawyers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisation's lawyers; only those named here (and who opened the case) see it."),
    )
    events = CharField(
        label=_("Events it arises from"),
        max_length=2000,
        required=False,
        help_text=_("Their numbers, separated by commas: M-2026-000123, M-2026-000124."),
    )
    opened_on = DateField(label=_("Opened on"))
    status = forms.ChoiceField(label=_("Status"), choices=Case.Status.choices, initial=Case.Status.OPEN)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Case.Outcome.choices, required=False)
    notes = _text(_("Notes"), help_text=_("Kept encrypted."))
    # On the edit form: the case's last save as it was loaded, so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, organisation_id: int, user, lawyers, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id, self.user, self.case = organisation_id, user, case
        self.fields["lawyers"].queryset = lawyers
        self.fields["lawyers"].label_from_instance = lambda u: u.full_name or u.email
        if case is None:
            del self.fields["status"], self.fields["outcome"], self.fields["loaded_at"]
            if not self.is_bound:
                self.initial.setdefault("opened_on", timezone.localdate())

    def clean_client(self):
        return self._person(self.cleaned_data.get("client"))

    def clean_events(self):
        return self._events(self.cleaned_data.get("events"))


class CaseFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Case.Status.choices], required=False
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", _("Any")), *Case.Outcome.choices[1:]], required=False
    )
    strategic = forms.ChoiceField(
        label=_("Strategic litigation"),
        choices=[("", _("Any")), ("yes", _("Strategic only")), ("no", _("Not strategic"))],
        required=False,
    )


class HearingForm(forms.Form):
    date = DateField(label=_("Date"))
    stage = CharField(
        label=_("Stage"), max_length=200, required=False, help_text=_("E.g. first instance, appeal.")
    )
    result = _text(_("Result"), help_text=_("Kept encrypted."))


class SiteForm(NumbersMixin, forms.Form):
    url = forms.URLField(
        label=_("Address"), max_length=500, assume_scheme="https", help_text=_("E.g. https://example.kz/")
    )
    reported_on = DateField(label=_("Reported blocked on"))
    legal_basis = CharField(
        label=_("Legal basis claimed"),
        max_length=500,
        required=False,
        help_text=_("The ruling or article cited, if any."),
    )
    help_given = _text(_("Legal help given"), max_length=5000)
    event = CharField(
        label=_("Event number"),
        max_length=20,
        required=False,
        help_text=_("The event that records the blocking, if any: M-2026-000123."),
    )

    def __init__(self, *args, organisation_id: int, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_id, self.user = organisation_id, user
        if not self.is_bound:
            self.initial.setdefault("reported_on", timezone.localdate())

    def clean_event(self):
        events = self._events(self.cleaned_data.get("event"))
        if len(events) > 1:
            raise forms.ValidationError(_("One event number, please."))
        return events[0] if events else None


class SiteCheckForm(forms.Form):
    checked_at = forms.DateTimeField(label=_("Checked at"), widget=DATETIME)
    result = forms.ChoiceField(label=_("Result"), choices=BlockedSite.Status.choices)
    provider = CharField(
        label=_("Provider"), max_length=100, required=False, help_text=_("E.g. Kazakhtelecom.")
    )
    evidence = _text(
        _("Evidence"), max_length=5000, help_text=_("What the check showed: the error, a traceroute.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("checked_at", timezone.localtime().replace(second=0, microsecond=0))


class DetentionForm(forms.Form):
    place = CharField(
        label=_("Place of detention"), max_length=300, help_text=_("E.g. a penal colony's name.")
    )
    region = AlphabeticalModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("Not known")
    )
    since = DateField(label=_("Held since"))
    until = DateField(label=_("Held until"), required=False)
    conditions = _text(_("Conditions"), help_text=_("Kept encrypted."))


class VisitForm(forms.Form):
    visited_on = DateField(label=_("Visited on"))
    notes = _text(_("What was found"), rows=6, help_text=_("Kept encrypted."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("visited_on", timezone.localdate())


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Document"),
        max_length=200,
        help_text=_(
            "A document (PDF, DOCX, XLSX) or a photo of one (JPEG, PNG, HEIC), up to 50 MB: a ruling, a power of "
            "attorney, a complaint as filed. It is stored encrypted; a photo loses its location and camera data."
        ),
    )
