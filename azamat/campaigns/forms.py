"""The workspace's forms: a campaign, the tools of each stage, the team and the coalition. Numbers are read as
people type them (1 234,50), text is limited, dates are the browser's date picker."""

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from azamat.campaigns.models import (
    Action,
    Campaign,
    Indicator,
    Lesson,
    Message,
    Method,
    Need,
    Objective,
    Partner,
    Risk,
    Stakeholder,
    TeamMember,
)
from azamat.core import edits
from azamat.core import fields as core_fields
from azamat.core.errors import DomainError
from azamat.core.fields import (
    AlphabeticalModelChoiceField,
    CharField,
    DecimalField,
    LoadedAtField,
    Textarea,
)
from azamat.problems.models import Problem
from azamat.problems.permissions import can_view_problem
from azamat.problems.selectors import number_as_written
from azamat.registry.models import GovernmentBody, Organisation, Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

PART_LABELS = {
    "problem": _("Problem, audience and goal"),
    "objectives": _("Objectives"),
    "needs": _("Needs"),
    "stakeholders": _("Stakeholders"),
    "methods": _("Methods and messages"),
    "plan": _("Action plan"),
    "evaluation": _("Evaluation"),
    "petitions": _("Petitions"),
}
PART_CHOICES = [(code, PART_LABELS[code]) for code in Campaign.PUBLIC_PARTS]


def _limits(model) -> dict[str, int]:
    return {f.name: f.max_length for f in model._meta.get_fields() if type(f) is models.TextField}


def _textareas(model, rows: int = 3) -> dict:
    return {
        f.name: Textarea(attrs={"rows": rows})
        for f in model._meta.get_fields()
        if type(f) is models.TextField
    }


class ItemForm(forms.ModelForm):
    """A tool's form; `campaign` limits the people and the items one may choose to the campaign's."""

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        if "owner" in self.fields:
            from django.contrib.auth import get_user_model

            users = (
                get_user_model().objects.filter(campaign_roles__campaign=campaign).order_by("full_name", "pk")
            )
            self.fields["owner"].queryset = users
            self.fields["owner"].label_from_instance = lambda user: user.full_name or user.email
        for name, model in (("stakeholder", Stakeholder), ("method", Method)):
            if name in self.fields:
                self.fields[name].queryset = model.objects.filter(campaign=campaign)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
        _keep_loaded_at(self)


def _keep_loaded_at(form) -> None:
    """An edit form carries the record's last save as it was loaded: a save over a newer one (a colleague,
    another tab) is refused (core.edits). A form adding a record has nothing to compare."""
    if form.instance.pk is None:
        return
    form.fields["loaded_at"] = LoadedAtField()
    if not form.is_bound:
        form.initial["loaded_at"] = edits.loaded_marker(form.instance)


def _meta(model_class, names, rows=3):
    return type(
        "Meta",
        (),
        {
            "model": model_class,
            "fields": names,
            "widgets": _textareas(model_class, rows),
            "formfield_callback": core_fields.model_fields(_limits(model_class)),
        },
    )


class NeedForm(ItemForm):
    Meta = _meta(Need, ["text", "audience", "priority", "source", "evidence", "survey_url"])


class ObjectiveForm(ItemForm):
    Meta = _meta(Objective, ["text", "measure", "target", "due_on"], rows=2)


class StakeholderForm(ItemForm):
    organisation_query = CharField(
        label=_("Organisation on Azamat (BIN or exact name)"),
        max_length=300,
        required=False,
        help_text=_("Leave empty for a stakeholder not on Azamat: write the name above."),
    )

    Meta = _meta(Stakeholder, ["kind", "name", "body", "position", "influence", "interest", "notes"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"] = AlphabeticalModelChoiceField(
            label=_("Government body in the register"),
            queryset=GovernmentBody.objects.all(),
            required=False,
            empty_label=_("None: not a government body"),
        )
        self.fields["influence"].widget = forms.Select(choices=[(i, i) for i in range(1, 6)])
        self.fields["interest"].widget = forms.Select(choices=[(i, i) for i in range(1, 6)])
        if self.instance.organisation_id and not self.is_bound:
            self.initial["organisation_query"] = self.instance.organisation.bin
        self.order_fields(["kind", "name", "body", "organisation_query"])

    def clean_organisation_query(self):
        from azamat.campaigns.services import find_organisation

        query = self.cleaned_data["organisation_query"].strip()
        if not query:
            return None
        try:
            return find_organisation(query)
        except DomainError as error:
            raise forms.ValidationError(str(error), code=error.code) from error

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["organisation"] = data.pop("organisation_query")
        return data


class MethodForm(ItemForm):
    Meta = _meta(Method, ["kind", "description", "owner", "starts_on", "ends_on"])


class MessageForm(ItemForm):
    Meta = _meta(Message, ["audience", "stakeholder", "text"])


class ActionForm(ItemForm):
    Meta = _meta(
        Action, ["title", "kind", "method", "owner", "starts_on", "ends_on", "status", "notes"], rows=2
    )


class RiskForm(ItemForm):
    Meta = _meta(Risk, ["threat", "exposed", "likelihood", "impact", "mitigation", "owner", "status"], rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("likelihood", "impact"):
            self.fields[name].widget = forms.Select(choices=[(i, i) for i in range(1, 6)])


class IndicatorForm(ItemForm):
    Meta = _meta(Indicator, ["name", "unit", "baseline", "target"])


class LessonForm(ItemForm):
    Meta = _meta(Lesson, ["text"])


class ValueForm(forms.Form):
    prefix = "value"

    measured_on = core_fields.DateField(label=_("Measured on"), widget=DATE)
    value = DecimalField(label=_("Value"), max_digits=14, decimal_places=2)
    note = CharField(label=_("Note"), max_length=300, required=False)


class CampaignForm(forms.ModelForm):
    problem_number = CharField(
        label=_("Problem in the register (number)"),
        max_length=20,
        required=False,
        help_text=_("For example PR-0012: the campaign is then shown on the problem's page."),
    )
    public_parts = forms.MultipleChoiceField(
        label=_("Parts shown publicly"),
        choices=PART_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the campaign is public. Risks and the team are never shown."),
    )

    class Meta:
        model = Campaign
        fields = [
            "title",
            "problem_statement",
            "target_audience",
            "goal",
            "region",
            "rules",
            "visibility",
            "public_parts",
            "starts_on",
            "ends_on",
        ]
        widgets = {**_textareas(Campaign, 4), "starts_on": DATE, "ends_on": DATE}
        formfield_callback = core_fields.model_fields(_limits(Campaign))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user if user is not None else AnonymousUser()
        self.fields["region"] = AlphabeticalModelChoiceField(
            label=_("Region"),
            queryset=Region.objects.all(),
            required=False,
            empty_label=_("The whole country"),
        )
        if self.instance.problem_id and not self.is_bound:
            self.initial["problem_number"] = self.instance.problem.number
        self.order_fields(["organisation", "title", "problem_statement", "problem_number"])
        _keep_loaded_at(self)

    def clean_problem_number(self):
        number = number_as_written(self.cleaned_data["problem_number"])
        if not number:
            return None
        problem = Problem.objects.filter(number=number).first()
        # A problem still reviewed is read by its author and the working group only: to anyone else it does not
        # exist yet (its title would show on the campaign's page). A link the campaign already has stays.
        if problem is None or (
            problem.pk != self.instance.problem_id and not can_view_problem(self.user, problem)
        ):
            raise forms.ValidationError(_("No problem with the number %(number)s.") % {"number": number})
        return problem

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["problem"] = data.pop("problem_number")
        data.pop("organisation", None)
        return data


class NewCampaignForm(CampaignForm):
    organisation = forms.ModelChoiceField(
        label=_("Lead organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=list(organisations)
        ).order_by("name_ru")
        self.order_fields(["organisation", "title", "problem_statement", "problem_number"])


class TeamAddForm(forms.Form):
    prefix = "team"

    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("An active member of the lead organisation or of an accepted partner."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=TeamMember.Role.choices, initial=TeamMember.Role.MEMBER)
    can_see = CharField(label=_("What this person may see"), max_length=1000, required=False)


class PartnerInviteForm(forms.Form):
    prefix = "partner"

    organisation = CharField(
        label=_("Organisation (BIN or exact name)"),
        max_length=300,
        help_text=_("The 12-digit BIN, or the organisation's name as on Azamat."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Partner.Role.choices, initial=Partner.Role.PARTNER)
    responsibilities = CharField(
        label=_("Responsibilities"), max_length=5000, required=False, widget=Textarea(attrs={"rows": 2})
    )
    shared_parts = forms.MultipleChoiceField(
        label=_("Parts shared with the partner"),
        choices=PART_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Risks and the team are never shared."),
    )


class PartnerForm(PartnerInviteForm):
    """What the lead agreed with a partner: its role, responsibilities and the parts shared with it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]


class PartnerAnswerForm(forms.Form):
    rules_agreed = forms.BooleanField(label=_("We agree the rules of interaction"), required=False)
