"""The survey workspace's forms: a new survey, its settings, the team."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.fields import CharField, IntegerField, LoadedAtField, Textarea
from azamat.surveys import definition as d
from azamat.surveys.definition import LANGUAGE_NAMES
from azamat.surveys.models import Survey, SurveyMember

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
LANGUAGE_CHOICES = list(LANGUAGE_NAMES.items())


def _limits() -> dict[str, int]:
    return {
        f.name: f.max_length
        for f in Survey._meta.get_fields()
        if getattr(f, "max_length", None) and f.get_internal_type() == "TextField"
    }


class NewSurveyForm(forms.Form):
    owner = forms.ChoiceField(label=_("Who runs the survey"))
    title = CharField(label=_("Title"), max_length=300)
    description = CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=Textarea(attrs={"rows": 4}),
        help_text=_("What the survey is for and who should answer; respondents read it before they start."),
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Survey.Purpose.choices)
    languages = forms.MultipleChoiceField(
        label=_("Languages of the form"),
        choices=LANGUAGE_CHOICES,
        initial=["kk", "ru"],
        widget=forms.CheckboxSelectMultiple,
    )
    modes = forms.MultipleChoiceField(
        label=_("How responses are collected"),
        choices=Survey.Mode.choices,
        initial=[Survey.Mode.OPEN],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, owners: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.owners = {}
        groups = []
        labels = {
            "organisation": _("Organisations"),
            "council": _("Public councils"),
            "body": _("State bodies"),
        }
        for kind, objects in owners.items():
            options = []
            for obj in objects:
                key = f"{kind}:{obj.pk}"
                self.owners[key] = obj
                options.append((key, obj.name))
            if options:
                groups.append((labels[kind], options))
        self.fields["owner"].choices = groups

    def clean_owner(self):
        return self.owners.get(self.cleaned_data["owner"])


class SurveySettingsForm(forms.ModelForm):
    modes = forms.MultipleChoiceField(
        label=_("How responses are collected"),
        choices=Survey.Mode.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region_question = forms.ChoiceField(
        label=_("Region question"),
        required=False,
        help_text=_(
            "A single-choice question whose choices are KATO codes of regions: filters and maps use it."
        ),
    )
    min_seconds = IntegerField(
        label=_("Shortest plausible duration, seconds"),
        required=False,
        min_value=1,
        max_value=86400,
        help_text=_("Completed faster than this, a response is flagged. Empty: a third of the median."),
    )
    # When the settings were last saved as the page was loaded (core.edits): a save over a newer one is told.
    loaded_at = LoadedAtField()

    class Meta:
        model = Survey
        fields = [
            "title",
            "description",
            "purpose",
            "modes",
            "opens_at",
            "closes_at",
            "listed",
            "one_per_device",
            "sign_in_required",
            "results",
            "thank_you",
            "screen_out_message",
            "region_question",
            "min_seconds",
        ]
        widgets = {
            "description": Textarea(attrs={"rows": 4}),
            "thank_you": Textarea(attrs={"rows": 3}),
            "screen_out_message": Textarea(attrs={"rows": 3}),
            "opens_at": DATETIME,
            "closes_at": DATETIME,
        }
        formfield_callback = core_fields.model_fields(_limits())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        version = self.instance.current_version() if self.instance.pk else None
        options = [("", _("None"))]
        if version is not None:
            language = (get_language() or "ru")[:2]
            languages = version.definition.get("languages")
            for node in d.questions(version.definition):
                if node["type"] == "select_one":
                    options.append(
                        (node["name"], d.text(node.get("label"), language, languages) or node["name"])
                    )
        current = self.instance.region_question
        if current and current not in {value for value, _label in options}:
            options.append((current, current))
        self.fields["region_question"].choices = options
        for name in ("opens_at", "closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"]

    def values(self) -> dict:
        return dict(self.cleaned_data)


class TeamAddForm(forms.Form):
    prefix = "team"

    email = forms.EmailField(label=_("Email"), max_length=254, help_text=_("A person registered on Azamat."))
    role = forms.ChoiceField(
        label=_("Role"), choices=SurveyMember.Role.choices, initial=SurveyMember.Role.ANALYST
    )
