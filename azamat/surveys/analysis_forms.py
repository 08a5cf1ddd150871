"""The analysis part's forms: the filters (shared by the analysis pages, the exports and the API), the crosstab
choice, the weighting questions and population shares, the report's questions and the export request."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core.fields import DateField
from azamat.registry import selectors as registry_selectors
from azamat.surveys.models import ExportJob, Response

REVIEW_CHOICES = [
    ("", _("All but rejected")),
    ("approved", _("Approved only")),
    ("unreviewed", _("Not reviewed yet")),
    ("on_hold", _("On hold")),
    ("rejected", _("Rejected only")),
    ("all", _("All, rejected too")),
]
# Completed first: it is the default, and a select shows (and submits) its first option.
STATUS_CHOICES = sorted(Response.Status.choices, key=lambda choice: choice[0] != Response.Status.COMPLETED)


class RegionField(forms.ChoiceField):
    """A region chosen by its name; its value is the region's KATO code (750000000), as the links made when the
    code was typed hold it; its first two digits (75), as the responses' filter writes it, name it too."""

    default_error_messages = {
        "invalid_choice": _("There is no region with the code %(value)s: choose a region from the list."),
    }

    def __init__(self, **kwargs):
        super().__init__(choices=(), **kwargs)
        self.choices = [("", _("All regions")), *registry_selectors.region_choices()]

    def to_python(self, value) -> str:
        value = super().to_python(value).strip()
        if len(value) >= 2 and value.isdigit():
            for kato, _name in registry_selectors.region_choices():
                if kato.startswith(value):
                    return kato
        return value

    def bound_data(self, data, initial):
        """The select shows the region a saved link's "75" names."""
        return self.to_python(data)


class FiltersForm(forms.Form):
    """The filters of the query string; an unreadable value is left out and its error shown. On a survey's pages
    (`survey` given) the region is chosen by its name; the API and stored exports give a KATO code prefix."""

    date_from = DateField(label=_("Completed from"), required=False)
    date_to = DateField(label=_("Completed to"), required=False)
    region_code = forms.RegexField(
        label=_("Region (KATO code)"),
        regex=r"^\d{1,9}$",
        required=False,
        max_length=9,
        error_messages={"invalid": _("A KATO code is up to 9 digits.")},
    )
    quota = forms.TypedChoiceField(label=_("Quota cell"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    review = forms.ChoiceField(label=_("Review"), choices=REVIEW_CHOICES, required=False)
    interviewer = forms.TypedChoiceField(label=_("Interviewer"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, survey=None, **kwargs):
        if data is not None and not hasattr(data, "getlist"):
            data = {key: ("" if value is None else str(value)) for key, value in data.items()}
        super().__init__(data, **kwargs)
        self.survey = survey
        if survey is not None:
            self.fields["region_code"] = RegionField(label=_("Region"), required=False)
            self.fields["quota"].choices = [("", _("Any"))] + [
                (quota.pk, quota.label) for quota in survey.quotas.all()
            ]
            interviewers = {
                a.interviewer_id: a.interviewer for a in survey.assignments.select_related("interviewer")
            }
            self.fields["interviewer"].choices = [("", _("Any"))] + [
                (pk, getattr(user, "display_name", None) or user.get_full_name() or user.email)
                for pk, user in interviewers.items()
            ]
        else:
            # Without the survey the ids are checked by the filter itself (a quota of another survey finds nothing).
            self.fields["quota"] = forms.IntegerField(required=False, min_value=1)
            self.fields["interviewer"] = forms.IntegerField(required=False, min_value=1)

    def filters(self):
        from azamat.surveys.analysis import Filters

        if not self.is_bound:
            return Filters()
        self.is_valid()
        cleaned = {}
        for name in self.fields:
            if name in self.errors:
                continue
            cleaned[name] = self.cleaned_data.get(name)
        result = Filters(
            date_from=cleaned.get("date_from"),
            date_to=cleaned.get("date_to"),
            region_code=self._region_prefix(cleaned.get("region_code") or ""),
            quota=cleaned.get("quota") or None,
            status=cleaned.get("status") or Response.Status.COMPLETED,
            review=cleaned.get("review") or "",
            interviewer=cleaned.get("interviewer") or None,
        )
        result.errors = [str(e) for errors in self.errors.values() for e in errors]
        return result

    def _region_prefix(self, code: str) -> str:
        """A region chosen on a page counts its districts' responses too: the prefix of its code (75)."""
        if code and isinstance(self.fields["region_code"], RegionField):
            return code[:2]
        return code


class CrosstabForm(forms.Form):
    row = forms.ChoiceField(label=_("Rows"))
    column = forms.ChoiceField(label=_("Columns"))

    def __init__(self, data=None, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["row"].choices = choices
        self.fields["column"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("row") and cleaned.get("row") == cleaned.get("column"):
            raise forms.ValidationError(_("Choose two different questions."))
        return cleaned


class WeightQuestionsForm(forms.Form):
    questions = forms.MultipleChoiceField(
        label=_("Weighting questions"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Single-choice questions whose answers make the cells, e.g. region, sex, age group."),
    )

    def __init__(self, data=None, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["questions"].choices = choices


class SharesPasteForm(forms.Form):
    table = forms.CharField(
        label=_("Population shares"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=200_000,
        help_text=_(
            "One cell per line: the choice codes of the weighting questions in their order, then the share "
            "(0.125 or 12,5%), separated by tabs, semicolons or commas. Paste straight from a spreadsheet."
        ),
    )


class ReportQuestionsForm(forms.Form):
    questions = forms.MultipleChoiceField(
        label=_("Questions in the report"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every question except personal ones and open text."),
    )

    def __init__(self, data=None, *, choices, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["questions"].choices = choices


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ExportJob.Format.choices, widget=forms.RadioSelect)
    labels = forms.TypedChoiceField(
        label=_("Answers as"),
        choices=[("1", _("Choice labels")), ("0", _("Choice codes"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    language = forms.ChoiceField(label=_("Language of the labels"))
    include_personal = forms.BooleanField(
        label=_("With personal data"),
        required=False,
        help_text=_("Only the survey's managers may export personal answers (names, phones)."),
    )

    def __init__(self, data=None, *, languages, manager: bool, **kwargs):
        super().__init__(data, **kwargs)
        from azamat.surveys.definition import language_name

        self.fields["language"].choices = [(code, language_name(code)) for code in languages]
        self.manager = manager
        if not manager:
            del self.fields["include_personal"]
