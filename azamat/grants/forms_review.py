"""Forms of stage 1: the compliance check, the experts' filters, draws, declarations, scores and recusal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.grants.models import Application, ComplianceCheck, ConflictDeclaration
from azamat.grants.services.compliance import checklist_items
from azamat.grants.services.scoring import MIN_JUSTIFICATION
from azamat.registry.models import ActivityArea, Organisation


class ComplianceForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ComplianceCheck.Decision.choices, widget=forms.RadioSelect
    )
    reasons = core_fields.CharField(
        label=_("Reasons"),
        required=False,
        widget=core_fields.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_(
            "Required to reject or to ask for a clarification; the applicant receives them by email."
        ),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = checklist_items(application)
        for key, label in self.items:
            self.fields[self.item_field(key)] = forms.BooleanField(label=label, required=False)

    @staticmethod
    def item_field(key: str) -> str:
        return "item_" + key.replace(":", "__")

    def item_fields(self):
        return [self[self.item_field(key)] for key, _label in self.items]

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(self.item_field(key), False) for key, _label in self.items}


class ExpertFilterForm(forms.Form):
    area = forms.ChoiceField(label=_("Area of expertise"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *Application.Language.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [
            ("", _("Any area")),
            *((a.code, a.name) for a in ActivityArea.objects.all()),
        ]


class RandomDrawForm(forms.Form):
    seed = core_fields.CharField(
        label=_("Seed"),
        max_length=64,
        help_text=_(
            "Announce the seed before the draw (for example, the draw's date and a number read out at "
            "the public session): anyone can re-run the draw with it."
        ),
    )


class DeclarationForm(forms.Form):
    bin = core_fields.CharField(
        label=_("BIN of the organisation"),
        max_length=12,
        min_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{12}", "autocomplete": "off"}),
    )
    relation = forms.ChoiceField(label=_("Relation"), choices=ConflictDeclaration.Relation.choices)
    note = core_fields.CharField(label=_("Note"), max_length=300, required=False)

    def clean_bin(self):
        try:
            return Organisation.objects.get(bin=self.cleaned_data["bin"])
        except Organisation.DoesNotExist as exc:
            raise forms.ValidationError(_("No organisation with this BIN is registered on Azamat.")) from exc


class ScoreForm(forms.Form):
    """A score and a justification for every criterion of the grant type."""

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = core_fields.IntegerField(
                label=_("Score (0–%(max)s)") % {"max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
            )
            self.fields[f"justification_{criterion.pk}"] = core_fields.CharField(
                label=_("Justification"),
                min_length=MIN_JUSTIFICATION,
                max_length=5000,
                widget=core_fields.Textarea(attrs={"rows": 3}),
                help_text=_("At least %(min)s characters.") % {"min": MIN_JUSTIFICATION},
            )

    def rows(self):
        return [(c, self[f"criterion_{c.pk}"], self[f"justification_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"criterion_{c.pk}"], self.cleaned_data[f"justification_{c.pk}"])
            for c in self.criteria
        }


class RecuseForm(forms.Form):
    reason = core_fields.CharField(
        label=_("Why you recuse yourself"), max_length=500, widget=core_fields.Textarea(attrs={"rows": 3})
    )
