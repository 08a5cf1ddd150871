"""The record's forms: the events list's filters, an event, an act, a perpetrator, a source, a file, a person,
the persons search. Labels are the models' own where they have one; the services check what a form cannot."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from azamat.core import edits
from azamat.core.fields import (
    AlphabeticalModelChoiceField,
    CharField,
    DateField,
    LoadedAtField,
    Textarea,
)
from azamat.monitoring.models import Act, Event, Involvement, Person, Source, Term
from azamat.monitoring.records_selectors import MINE, TO_VERIFY, role_holders, terms
from azamat.registry.models import GovernmentBody, Region

SHORT = 300
LONG = 20000


def _label(model, name: str):
    return capfirst(model._meta.get_field(name).verbose_name)


def _help(model, name: str):
    return model._meta.get_field(name).help_text


def _date(model, name: str, **kwargs) -> forms.DateField:
    return DateField(label=kwargs.pop("label", None) or _label(model, name), **kwargs)


class TermChoiceField(forms.ModelChoiceField):
    """A thesaurus term, named in the page's language, in the thesaurus's order."""

    def label_from_instance(self, obj):
        return obj.name


class TermsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PersonChoiceField(AlphabeticalModelChoiceField):
    """One of the persons this user may see, shown by name (decrypted for the page, never in the URL) and the
    number on their page: two persons of one name are common (a father and son, a namesake) and the wrong one
    would be named the victim or the perpetrator."""

    def label_from_instance(self, obj):
        return f"{obj.name or obj} (№ {obj.pk})"


class ReadersField(forms.ModelMultipleChoiceField):
    """Colleagues a restricted record is shared with: each by name and address, since two may share a name and
    the wrong one would be let read it."""

    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class EventFilterForm(forms.Form):
    """The events list's filters; posted (the words of a title or a name never go into an address)."""

    q = CharField(label=_("Words of the title"), max_length=200, required=False)
    name = CharField(
        label=_("A person's name"),
        max_length=200,
        required=False,
        help_text=_("Events where the person is a victim, an informant or a perpetrator."),
    )
    status = forms.ChoiceField(
        label=_label(Event, "status"),
        required=False,
        choices=[("", _("Any")), *Event.Status.choices],
    )
    type = TermChoiceField(label=_label(Event, "type"), queryset=Term.objects.none(), required=False)
    region = AlphabeticalModelChoiceField(
        label=_label(Event, "region"), queryset=Region.objects.all(), required=False
    )
    date_from = _date(Event, "date", label=_("Date from"), required=False)
    date_to = _date(Event, "date", label=_("Date to"), required=False)
    # What the home page's counts open: "N events to verify", "N events I entered".
    show = forms.ChoiceField(
        label=_("Which events"),
        required=False,
        choices=[("", _("Any")), (TO_VERIFY, _("Waiting for my verification")), (MINE, _("Entered by me"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = Term.objects.filter(kind=Term.Kind.EVENT_TYPE).order_by("position")
        self.fields["type"].empty_label = _("Any")
        self.fields["region"].empty_label = _("Any")

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data


class EventForm(forms.Form):
    title = CharField(label=_label(Event, "title"), max_length=SHORT)
    type = TermChoiceField(label=_label(Event, "type"), queryset=Term.objects.none())
    date = _date(
        Event,
        "date",
        help_text=_("Known only to the month or the year: enter any day of it and say so below."),
    )
    date_precision = forms.ChoiceField(
        label=_label(Event, "date_precision"), choices=Event.Precision.choices, initial=Event.Precision.DAY
    )
    date_end = _date(Event, "date_end", required=False, help_text=_("For an event that lasted several days."))
    region = AlphabeticalModelChoiceField(label=_label(Event, "region"), queryset=Region.objects.all())
    settlement_kato = CharField(
        label=_label(Event, "settlement_kato"),
        max_length=9,
        required=False,
        help_text=_("Optional: the settlement's 9-digit code in the KATO classifier."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    place = CharField(label=_label(Event, "place"), max_length=SHORT, required=False)
    polling_station = CharField(
        label=_label(Event, "polling_station"),
        max_length=20,
        required=False,
        help_text=_help(Event, "polling_station"),
    )
    description = CharField(
        label=_label(Event, "description"), max_length=LONG, widget=Textarea(attrs={"rows": 8})
    )
    rights = TermsField(
        label=_label(Event, "rights"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    restricted = forms.BooleanField(
        label=_("Restricted: only the people named below and who entered it read it"), required=False
    )
    readers = ReadersField(
        label=_label(Event, "readers"),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "People of the organisation's monitoring who read this record although they did not enter it. "
            "A restricted record is read by them only."
        ),
    )
    # On the edit form: when it was loaded (the event's updated_at), so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(
        self, *args, organisation_id: int, entered_by_id: int | None, event: Event | None = None, **kwargs
    ):
        if event is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(event, name) for name in ("title", "type", "date", "date_precision")},
                    **{name: getattr(event, name) for name in ("date_end", "region", "settlement_kato")},
                    **{name: getattr(event, name) for name in ("place", "polling_station", "description")},
                    "restricted": event.restricted,
                    "rights": list(event.rights.all()),
                    "readers": list(event.readers.all()),
                    "loaded_at": event.updated_at.isoformat(),
                },
            )
        super().__init__(*args, **kwargs)
        if event is None:
            del self.fields["loaded_at"]
        keep_type = [event.type] if event is not None else None
        self.fields["type"].queryset = terms(Term.Kind.EVENT_TYPE, keep=keep_type)
        self.fields["rights"].queryset = terms(
            Term.Kind.RIGHT, keep=list(event.rights.all()) if event is not None else None
        )
        self.fields["readers"].queryset = role_holders(organisation_id).exclude(pk=entered_by_id)


class ActForm(forms.Form):
    type = TermChoiceField(label=_label(Act, "type"), queryset=Term.objects.none())
    victim = PersonChoiceField(
        label=_label(Act, "victim"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Not in the list? Add the person first, then come back."),
    )
    victim_group = CharField(
        label=_label(Act, "victim_group"),
        max_length=200,
        required=False,
        help_text=_help(Act, "victim_group"),
    )
    date = _date(Act, "date", required=False)
    description = CharField(
        label=_label(Act, "description"), max_length=LONG, required=False, widget=Textarea(attrs={"rows": 5})
    )
    rights = TermsField(
        label=_label(Event, "rights"),
        queryset=Term.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The rights this act violated are added to the event's."),
    )
    # On the edit form: the act's last save as it was loaded, so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, persons, act: Act | None = None, **kwargs):
        if act is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{
                        name: getattr(act, name)
                        for name in ("type", "victim", "victim_group", "date", "description")
                    },
                    "loaded_at": edits.loaded_marker(act),
                },
            )
        super().__init__(*args, **kwargs)
        if act is None:
            del self.fields["loaded_at"]
        self.fields["type"].queryset = terms(Term.Kind.ACT_TYPE, keep=[act.type] if act is not None else None)
        self.fields["victim"].queryset = persons
        self.fields["rights"].queryset = terms(Term.Kind.RIGHT)


class InvolvementForm(forms.Form):
    perpetrator = PersonChoiceField(label=_("A person"), queryset=Person.objects.none(), required=False)
    body = AlphabeticalModelChoiceField(
        label=_label(Involvement, "body"), queryset=GovernmentBody.objects.all(), required=False
    )
    description = CharField(
        label=_label(Involvement, "description"),
        max_length=SHORT,
        required=False,
        help_text=_(
            "E.g. “police officers in plain clothes”, when neither the person nor the body is known."
        ),
    )
    role = forms.ChoiceField(label=_label(Involvement, "role"), choices=Involvement.Role.choices)

    def __init__(self, *args, persons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perpetrator"].queryset = persons


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label=_label(Source, "kind"), choices=Source.Kind.choices)
    reliability = forms.ChoiceField(label=_label(Source, "reliability"), choices=Source.Reliability.choices)
    received_on = _date(Source, "received_on")
    person = PersonChoiceField(label=_label(Source, "person"), queryset=Person.objects.none(), required=False)
    account = CharField(
        label=_label(Source, "account"), max_length=LONG, required=False, widget=Textarea(attrs={"rows": 6})
    )
    reference = CharField(label=_label(Source, "reference"), max_length=1000, required=False)
    # On the edit form: the source's last save as it was loaded, so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, persons, source: Source | None = None, **kwargs):
        if source is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{
                        name: getattr(source, name)
                        for name in ("kind", "reliability", "received_on", "person", "account", "reference")
                    },
                    "loaded_at": edits.loaded_marker(source),
                },
            )
        super().__init__(*args, **kwargs)
        if source is None:
            del self.fields["loaded_at"]
        self.fields["person"].queryset = persons


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        max_length=200,
        help_text=_(
            "A photo, a video, an audio recording or a document, up to 50 MB. It is stored encrypted. Photos lose "
            "their location and camera data; videos and documents are kept as they are, so remove location data "
            "from them before uploading."
        ),
    )
    keep_metadata = forms.BooleanField(
        label=_("Keep the photo's metadata (location, camera, time): only when it is evidence"),
        required=False,
        initial=False,
    )


class PersonForm(forms.Form):
    name = CharField(label=_label(Person, "name"), max_length=SHORT)
    other_names = CharField(label=_label(Person, "other_names"), max_length=SHORT, required=False)
    birth_date = CharField(
        label=_label(Person, "birth_date"),
        max_length=40,
        required=False,
        help_text=_("As far as known: 05.03.1985, or only the year."),
    )
    sex = forms.ChoiceField(label=_label(Person, "sex"), choices=Person.Sex.choices, required=False)
    occupation = forms.ChoiceField(
        label=_label(Person, "occupation"), choices=[("", "—"), *Person.Occupation.choices], required=False
    )
    region = AlphabeticalModelChoiceField(
        label=_label(Person, "region"), queryset=Region.objects.all(), required=False
    )
    phone = CharField(label=_label(Person, "phone"), max_length=50, required=False)
    address = CharField(label=_label(Person, "address"), max_length=SHORT, required=False)
    notes = CharField(
        label=_label(Person, "notes"), max_length=LONG, required=False, widget=Textarea(attrs={"rows": 4})
    )
    consent_to_publish = forms.BooleanField(
        label=_label(Person, "consent_to_publish"),
        required=False,
        help_text=_help(Person, "consent_to_publish"),
    )
    consent_note = CharField(label=_label(Person, "consent_note"), max_length=1000, required=False)
    public_alias = CharField(
        label=_label(Person, "public_alias"),
        max_length=200,
        required=False,
        help_text=_help(Person, "public_alias"),
    )
    # On the edit form: the person's last save as it was loaded, so that a save over a newer one is refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, person: Person | None = None, **kwargs):
        if person is not None:
            initial = {name: getattr(person, name) for name in self.base_fields if name != "loaded_at"}
            kwargs.setdefault("initial", {**initial, "loaded_at": edits.loaded_marker(person)})
        super().__init__(*args, **kwargs)
        if person is None:
            del self.fields["loaded_at"]


class PersonSearchForm(forms.Form):
    q = CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("A whole word of the name, e.g. the surname. Posted, never kept in an address or a log."),
    )
