"""The register's forms: proposing (and editing) a problem, the working group's steps, evidence, legal acts,
recommendations, merging, endorsing, and the register's filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.fields import (
    AlphabeticalModelChoiceField,
    AlphabeticalModelMultipleChoiceField,
    CharField,
    LoadedAtField,
    Textarea,
)
from azamat.problems import evidence_files
from azamat.problems.models import Area, Evidence, Problem
from azamat.registry.models import ActivityArea, GovernmentBody, LegalForm, Organisation, Region
from azamat.registry.selectors import region_choices

TEXT = 5000
DESCRIPTION = 10000
# The file chooser offers these (a phone, the photos and documents); what is kept is checked by content.
ACCEPT = ".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.heic,.heif,image/jpeg,image/png,image/heic,image/heif"


def _text(label, limit=TEXT, **kwargs):
    return CharField(label=label, max_length=limit, widget=Textarea(attrs={"rows": 4}), **kwargs)


class ProblemForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Area"), queryset=Area.objects.all(), empty_label=_("Choose an area")
    )
    title = CharField(
        label=_("Title"),
        max_length=300,
        help_text=_("One sentence: what is wrong. Similar problems already filed are shown as you type."),
    )
    description = _text(_("Description"), DESCRIPTION, help_text=_("What happens, to whom, since when, why."))
    regions = AlphabeticalModelMultipleChoiceField(
        label=_("Regions affected"),
        queryset=Region.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    legal_forms = forms.MultipleChoiceField(
        label=_("Kinds of organisations affected"),
        choices=LegalForm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    activity_areas = AlphabeticalModelMultipleChoiceField(
        label=_("Areas of activity affected"),
        queryset=ActivityArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class ProblemEditForm(ProblemForm):
    # When the edit page was loaded (the problem's updated_at): a save over someone's newer one is refused.
    loaded_at = LoadedAtField()


class ProposeForm(ProblemForm):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("Your organisation, if it files the problem."),
    )
    checked = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=list(organisations))
        if not organisations:
            del self.fields["organisation"]


class StepForm(forms.Form):
    prefix = "step"

    reason = _text(_("Reason"), required=False)


class EvidenceForm(forms.Form):
    prefix = "evidence"

    kind = forms.ChoiceField(label=_("Kind of evidence"), choices=Evidence.Kind.choices)
    text = _text(_("What it shows"))
    figure = CharField(
        label=_("Figure"),
        max_length=200,
        required=False,
        help_text=_("For example: 150 of 240 NGOs surveyed."),
    )
    url = forms.URLField(label=_("Link"), required=False, max_length=200)
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_(
            "Evidence is public: attach nothing with personal data. A PDF, a Word or Excel file or a photo, "
            "at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def clean_file(self):
        """The file as it is kept: what it really is checked, a photo without its metadata, a name of its own
        (evidence_files.py)."""
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        try:
            return evidence_files.prepared(upload)
        except DomainError as error:
            raise forms.ValidationError(str(error), code=error.code) from error


class LegalActForm(forms.Form):
    prefix = "act"

    name = CharField(label=_("Legal act"), max_length=500)
    article = CharField(label=_("Article"), max_length=200, required=False)
    url = forms.URLField(label=_("Link"), required=False, max_length=200)


class RecommendationForm(forms.Form):
    prefix = "recommendation"

    text = _text(_("Recommendation"))
    body = AlphabeticalModelChoiceField(
        label=_("Body that must act"),
        queryset=GovernmentBody.objects.all(),
        required=False,
        empty_label=_("Choose a body"),
    )


class SendForm(forms.Form):
    """Sending a recommendation added without its body: the body is chosen as it is sent."""

    body = AlphabeticalModelChoiceField(
        label=_("Body that must act"), queryset=GovernmentBody.objects.all(), empty_label=_("Choose a body")
    )

    def __init__(self, *args, recommendation, choices=None, **kwargs):
        super().__init__(*args, prefix=f"send-{recommendation.pk}", **kwargs)
        if choices is not None:  # listed once for every such form of a page: one query, not one per form
            self.fields["body"].choices = choices


class MergeForm(forms.Form):
    prefix = "merge"

    into = CharField(
        label=_("Merge into problem number"), max_length=20, help_text=_("For example: PR-0012.")
    )
    reason = _text(_("Reason"))


class EndorseForm(forms.Form):
    prefix = "endorse"

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    case = _text(_("Your organisation's case"), help_text=_("How this problem affects your organisation."))

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=list(organisations))


class RegisterFilterForm(forms.Form):
    q = CharField(label=_("Words"), max_length=200, required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))]
        + [c for c in Problem.Status.choices if c[0] != Problem.Status.MERGED],
    )
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [(a.code, a.name) for a in Area.objects.all()]
        # In the alphabet's order of the reader's language, as every filter of the site (the classifier's order put
        # Западно-Казахстанская before Жамбылская); kept in the shared cache like the other lists' choices.
        self.fields["region"].choices = [("", _("All regions")), *region_choices()]
