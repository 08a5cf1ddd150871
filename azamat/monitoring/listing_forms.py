"""The forms of the list of persecuted persons (a candidate, the analysis, the expert group's decision, a change of
situation), the criteria, publication (the policy, a text rule), and the public pages' filters."""

import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from azamat.core.collation import sorted_choices
from azamat.core.fields import (
    AlphabeticalModelChoiceField,
    CharField,
    DateField,
    IntegerField,
    LoadedAtField,
    Textarea,
)
from azamat.monitoring.models import (
    BlockedSite,
    Candidate,
    Criteria,
    ListDecision,
    Person,
    PublicationPolicy,
)
from azamat.registry.models import Region

EVENT_NUMBER = re.compile(r"^M-\d{4}-\d{6}$")
LONG_TEXT = 20000


def _text(label, *, max_length: int = LONG_TEXT, rows: int = 6, required: bool = True, help_text=""):
    return CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


def _count(label, **kwargs):
    return IntegerField(label=label, min_value=0, max_value=999, **kwargs)


def _split(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\s,;]+", value or "") if part.strip()]


class CriteriaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("Version %(version)s of %(date)s") % {
            "version": obj.version,
            "date": formats.date_format(obj.adopted_on, "SHORT_DATE_FORMAT"),
        }


class CandidateForm(forms.Form):
    person = CharField(
        label=_("Number of a recorded person"),
        max_length=12,
        required=False,
        help_text=_("As on the person's page, e.g. 45. Or describe a new person below."),
    )
    name = CharField(
        label=_("Or a new person: full name"),
        max_length=300,
        required=False,
        help_text=_("Kept encrypted; the public list never shows it without the person's recorded consent."),
    )
    public_alias = CharField(
        label=_("Public description"),
        max_length=200,
        required=False,
        help_text=_("What the public list shows instead of the name, e.g. “a journalist from Atyrau”."),
    )
    region = AlphabeticalModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("Not known")
    )
    occupation = forms.ChoiceField(
        label=_("Occupation"), choices=[("", _("Not known")), *Person.Occupation.choices], required=False
    )
    materials = _text(
        _("Case materials"),
        help_text=_("The charges, the rulings, the complaints, the lawyers' opinions: kept encrypted."),
    )
    events = CharField(
        label=_("Events it rests on"),
        max_length=2000,
        required=False,
        help_text=_("Their numbers, separated by commas, e.g. M-2026-000123."),
    )
    cases = CharField(
        label=_("Cases"),
        max_length=500,
        required=False,
        help_text=_("The numbers of the organisation's cases, separated by commas, e.g. 12."),
    )

    def clean_person(self):
        value = self.cleaned_data["person"].strip().lstrip("№#").strip()
        if value and not value.isdigit():
            raise forms.ValidationError(_("Type the person's number, e.g. 45."))
        return int(value) if value else None

    def clean_events(self):
        numbers = _split(self.cleaned_data["events"].upper())
        wrong = [n for n in numbers if not EVENT_NUMBER.match(n)]
        if wrong:
            raise forms.ValidationError(
                _("An event's number looks like M-2026-000123: %(numbers)s is not one.")
                % {"numbers": ", ".join(wrong)}
            )
        return numbers

    def clean_cases(self):
        numbers = [n.lstrip("№#") for n in _split(self.cleaned_data["cases"])]
        if any(not n.isdigit() for n in numbers):
            raise forms.ValidationError(_("A case's number is a whole number, e.g. 12."))
        return [int(n) for n in numbers]


class AnalysisForm(forms.Form):
    criteria = CriteriaChoiceField(
        label=_("Criteria applied"), queryset=Criteria.objects.none(), empty_label=None
    )
    analysis = _text(
        _("Analysis against the criteria"),
        rows=10,
        required=False,
        help_text=_("Kept encrypted. Needed before submitting to the expert group."),
    )
    ground = forms.ChoiceField(
        label=_("Ground"), choices=[("", _("Not decided yet")), *Candidate.Ground.choices], required=False
    )
    used_violence = forms.BooleanField(
        label=_("The person used or called for violence"),
        required=False,
        help_text=_("Such persons are not listed."),
    )
    public_grounds = _text(
        _("Grounds, as published"),
        max_length=5000,
        rows=4,
        required=False,
        help_text=_(
            "What the public list will say about the case. Names are hidden without consent and the text rules "
            "apply when it is published."
        ),
    )
    # The candidate's last save as the form was loaded, so that a save over a colleague's newer analysis is
    # refused.
    loaded_at = LoadedAtField()

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = Criteria.objects.filter(organisation_id=organisation_id).order_by(
            "-version"
        )


class DecisionForm(forms.Form):
    criteria = CriteriaChoiceField(
        label=_("Criteria applied"), queryset=Criteria.objects.none(), empty_label=None
    )
    decided_on = DateField(label=_("Decided on"))
    members = IntegerField(
        label=_("Members of the expert group"),
        min_value=1,
        max_value=999,
        help_text=_("All its members, present or not: the quorum is more than half of them."),
    )
    present = _count(_("Members present"))
    votes_for = _count(_("Voted for"))
    votes_against = _count(_("Voted against"))
    abstained = _count(_("Abstained"), initial=0)
    outcome = forms.ChoiceField(label=_("Decision"), choices=ListDecision.Outcome.choices)
    grounds = _text(_("Grounds of the decision"), max_length=5000, rows=5)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria"].queryset = Criteria.objects.filter(organisation_id=organisation_id).order_by(
            "-version"
        )
        if not self.is_bound:
            self.initial.setdefault("decided_on", timezone.localdate())


class SituationForm(forms.Form):
    situation = forms.ChoiceField(label=_("Situation"), choices=Candidate.Situation.choices)
    on = DateField(label=_("Since"))
    note = CharField(
        label=_("What changed"),
        max_length=500,
        required=False,
        help_text=_("E.g. the sentence reduced to 3 years. Not published."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("on", timezone.localdate())


class CriteriaForm(forms.Form):
    text_kk = _text(_("Criteria in Kazakh"), rows=10)
    text_ru = _text(_("Criteria in Russian"), rows=10)
    adopted_on = DateField(label=_("Adopted on"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("adopted_on", timezone.localdate())
        self.fields["text_kk"].widget.attrs["lang"] = "kk"
        self.fields["text_ru"].widget.attrs["lang"] = "ru"


class PolicyForm(forms.Form):
    prefix = "policy"

    place = forms.ChoiceField(
        label=_("Places published to"), choices=PublicationPolicy.Place.choices, widget=forms.RadioSelect
    )
    date = forms.ChoiceField(
        label=_("Dates published to"), choices=PublicationPolicy.Date.choices, widget=forms.RadioSelect
    )
    # The policy's last save as the form was loaded, so that a save over another administrator's newer one is
    # refused.
    loaded_at = LoadedAtField()


class RuleForm(forms.Form):
    prefix = "rule"

    find = CharField(
        label=_("Text to hide"),
        max_length=200,
        help_text=_("Every occurrence, in any case, in published titles, descriptions and grounds."),
    )
    replace_with = CharField(
        label=_("Shown instead"), max_length=200, required=False, help_text=_("Empty: […]")
    )
    comment = CharField(label=_("Why"), max_length=500)


# — the public pages' filters (GET; a value not among the choices is ignored with its error shown) —


def _regions() -> list[tuple[str, str]]:
    return sorted_choices(
        [("", _("All regions")), *((r.kato, r.name) for r in Region.objects.order_by("kato"))]
    )


class EventFilterForm(forms.Form):
    year = forms.ChoiceField(label=_("Year"), required=False)
    type = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, years: list[int], types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((str(y), str(y)) for y in years)]
        self.fields["type"].choices = sorted_choices(
            [("", _("All types")), *((t.code, t.name) for t in types)]
        )
        self.fields["region"].choices = _regions()

    def filters(self) -> dict:
        data = self.cleaned_data
        found = {
            "year": int(data["year"]) if data.get("year") else None,
            "type_code": data.get("type") or "",
            "region": data.get("region") or "",
        }
        return {key: value for key, value in found.items() if value}


class EntryFilterForm(forms.Form):
    situation = forms.ChoiceField(
        label=_("Situation"), choices=[("", _("Any situation")), *Candidate.Situation.choices], required=False
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    ground = forms.ChoiceField(
        label=_("Ground"), choices=[("", _("Any ground")), *Candidate.Ground.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = _regions()

    def filters(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if value}


class SiteFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *BlockedSite.Status.choices], required=False
    )
