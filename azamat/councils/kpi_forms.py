"""Forms of members' KPIs: a period, a criterion, an assessor, a score."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from azamat.core import fields as core_fields
from azamat.core.collation import sort_key
from azamat.core.numbers import format_number

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _OwnIds:
    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class PeriodForm(_OwnIds, forms.Form):
    id_prefix = "period"
    name = core_fields.CharField(label=_("Name of the period"), max_length=200)
    starts_on = core_fields.DateField(label=_("Starts on"), widget=DATE)
    ends_on = core_fields.DateField(label=_("Ends on"), widget=DATE)


class CriterionAddForm(_OwnIds, forms.Form):
    id_prefix = "criterion"
    code = forms.SlugField(label=_("Code"), max_length=40, help_text=_("Latin letters, digits and hyphens."))
    name_kk = core_fields.CharField(label=_("Name in Kazakh"), max_length=200)
    name_ru = core_fields.CharField(label=_("Name in Russian"), max_length=200)
    name_en = core_fields.CharField(label=_("Name in English"), max_length=200, required=False)
    weight = core_fields.DecimalField(
        label=_("Weight"), max_digits=5, decimal_places=2, initial=1, min_value=0
    )
    scale_min = core_fields.IntegerField(label=_("Lowest score"), initial=0, min_value=-100, max_value=100)
    scale_max = core_fields.IntegerField(label=_("Highest score"), initial=10, min_value=-100, max_value=100)


class CriterionChangeForm(_OwnIds, forms.Form):
    id_prefix = "criterion_change"
    weight = core_fields.DecimalField(label=_("Weight"), max_digits=5, decimal_places=2, min_value=0)
    scale_min = core_fields.IntegerField(label=_("Lowest score"), min_value=-100, max_value=100)
    scale_max = core_fields.IntegerField(label=_("Highest score"), min_value=-100, max_value=100)


class AssessorForm(_OwnIds, forms.Form):
    id_prefix = "assessor"
    email = forms.EmailField(label=_("Email of the assessor's account"))

    def clean_email(self):
        user = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"]).first()
        if user is None:
            raise forms.ValidationError(_("No person with this email has an account on Azamat."))
        return user


class ScoreForm(_OwnIds, forms.Form):
    """The range is the service's to check, so a score outside the scale is refused with the scale named."""

    id_prefix = "score"
    member = forms.TypedChoiceField(label=pgettext_lazy("a member of a public council", "Member"), coerce=int)
    criterion = forms.TypedChoiceField(label=_("Criterion"), coerce=int)
    value = core_fields.DecimalField(label=_("Score"), max_digits=5, decimal_places=2)
    justification = core_fields.CharField(
        label=_("Justification"), max_length=5000, widget=core_fields.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, members, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [
            (m.pk, m.full_name) for m in sorted(members, key=lambda m: sort_key(m.full_name))
        ]
        self.fields["criterion"].choices = [
            (c.pk, f"{c.name} ({c.scale_min}–{c.scale_max})") for c in criteria if not c.is_computed
        ]
        self.criteria = {c.pk: c for c in criteria}

    def clean(self):
        # A score typed as letters or beyond five digits names the criterion's scale, not the column's limits.
        cleaned = super().clean()
        criterion = self.criteria.get(cleaned.get("criterion"))
        if criterion is not None and any(self.has_error("value", code) for code in ("invalid", "too_large")):
            self.errors["value"] = self.error_class(
                [
                    _("A score on “%(criterion)s” is a number from %(low)s to %(high)s.")
                    % {
                        "criterion": criterion.name,
                        "low": format_number(criterion.scale_min),
                        "high": format_number(criterion.scale_max),
                    }
                ]
            )
        return cleaned
