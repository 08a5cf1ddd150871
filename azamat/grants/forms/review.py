"""Forms of stage 1: the compliance check, the experts' filters, draws, declarations, scores and recusal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.bin import validate_bin
from azamat.core.collation import sorted_choices
from azamat.grants.models import Application, ComplianceCheck, ConflictDeclaration
from azamat.grants.services.compliance import checklist_items
from azamat.grants.services.scoring import MIN_JUSTIFICATION
from azamat.registry.models import ActivityArea, Organisation
from azamat.registry.selectors import organisations_search


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
        self.fields["area"].choices = sorted_choices(
            [("", _("Any area")), *((a.code, a.name) for a in ActivityArea.objects.all())]
        )


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
    """A tie to an organisation found by its name or BIN: a BIN on Azamat is taken at once; a name lists
    the matching organisations to pick from (radio buttons, so it works without JavaScript)."""

    MATCHES = 10

    # The field keeps its name "bin" (links and tests post it) though it takes a name as well.
    bin = core_fields.CharField(
        label=_("Organisation: name or BIN"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "Type a part of the name, or the 12-digit BIN, then choose the organisation from the list."
        ),
    )
    pick = forms.TypedChoiceField(
        label=_("Organisations found"), required=False, coerce=int, widget=forms.RadioSelect, choices=()
    )
    relation = forms.ChoiceField(label=_("Relation"), choices=ConflictDeclaration.Relation.choices)
    note = core_fields.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.matches: list[Organisation] = []
        query = " ".join(str(self.data.get("bin", "")).split())[:300] if self.is_bound else ""
        if query:
            self.matches = list(organisations_search(query=query)[: self.MATCHES])
            self.fields["pick"].choices = [(o.pk, f"{o.name} — {o.bin}") for o in self.matches]

    def clean(self):
        cleaned = super().clean()
        query = " ".join((cleaned.get("bin") or "").split())
        if not query or "bin" in self.errors:
            return cleaned
        picked = cleaned.get("pick")
        chosen = next((o for o in self.matches if o.pk == picked), None) if picked else None
        if chosen is None and query.isdigit() and len(query) == 12:
            chosen = Organisation.objects.filter(bin=query).first()
            if chosen is None:
                self.add_error(
                    "bin",
                    _(
                        "No organisation with this BIN is registered on Azamat; declare it below as an "
                        "organisation not on Azamat."
                    ),
                )
                return cleaned
        if chosen is None:
            if not self.matches:
                self.add_error(
                    "bin",
                    _(
                        "No organisation on Azamat matches “%(query)s”. Check the spelling or type its BIN; "
                        "an organisation not on Azamat is declared below, by its name and BIN."
                    )
                    % {"query": query},
                )
            else:
                self.add_error("pick", _("Choose the organisation from the list."))
            return cleaned
        cleaned["organisation"] = chosen
        return cleaned


class OutsideDeclarationForm(forms.Form):
    """A tie to an organisation not on Azamat, by its name and BIN; the same fields correct a declared tie
    (`outside=False`: a tie to an organisation on Azamat, whose relation and note only may change)."""

    name = core_fields.CharField(label=_("Name of the organisation"), max_length=300)
    bin = core_fields.CharField(
        label=_("Its BIN"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text=_("12 digits. Leave it empty only if you do not know it: the name is then compared."),
    )
    relation = forms.ChoiceField(label=_("Relation"), choices=ConflictDeclaration.Relation.choices)
    note = core_fields.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, outside: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not outside:
            del self.fields["name"], self.fields["bin"]

    def clean_bin(self):
        value = "".join(self.cleaned_data["bin"].split())
        if value:
            validate_bin(value)
        return value


class ScoreForm(forms.Form):
    """A score and a justification for every criterion of the grant type."""

    def __init__(self, *args, criteria, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        # A draft may be incomplete: nothing is required and short justifications are kept.
        self.draft = draft
        for criterion in self.criteria:
            self.fields[f"criterion_{criterion.pk}"] = core_fields.IntegerField(
                label=_("Score (0–%(max)s)") % {"max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                required=not draft,
            )
            self.fields[f"justification_{criterion.pk}"] = core_fields.CharField(
                label=_("Justification"),
                required=not draft,
                min_length=None if draft else MIN_JUSTIFICATION,
                max_length=5000,
                widget=core_fields.Textarea(attrs={"rows": 3}),
                help_text=_("At least %(min)s characters.") % {"min": MIN_JUSTIFICATION},
            )

    def rows(self):
        return [(c, self[f"criterion_{c.pk}"], self[f"justification_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict:
        return {
            c.pk: (
                self.cleaned_data.get(f"criterion_{c.pk}"),
                self.cleaned_data.get(f"justification_{c.pk}") or "",
            )
            for c in self.criteria
        }


class RecuseForm(forms.Form):
    reason = core_fields.CharField(
        label=_("Why you recuse yourself"),
        max_length=500,
        widget=core_fields.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why you recuse yourself.")},
    )
