"""The operator's forms of issue 7: search and filters on the queue and payments, the manual change of an expert."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.collation import sorted_choices
from azamat.grants.models import Application
from azamat.grants.selectors.projects import NOT_DUE, OVERDUE
from azamat.grants.selectors.review import QUEUE_STATUSES, calls_with_applications
from azamat.registry.models import Region

EXPORT_LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


class OperatorFilterForm(forms.Form):
    """GET filters of an operator's list; a value that is not one of the choices is refused with a message
    and that filter alone is left out."""

    q = core_fields.CharField(
        label=_("Organisation, BIN or number"),
        max_length=100,
        required=False,
        help_text=_("A part of the organisation's name or BIN, or of the application or agreement number."),
    )
    call = forms.ChoiceField(label=_("Call"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    status_choices: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].choices = [
            ("", _("All calls")),
            *((c.code, c.title) for c in calls_with_applications()),
        ]
        self.fields["region"].choices = sorted_choices(
            [("", _("All regions")), *((r.kato, r.name) for r in Region.objects.all())]
        )
        self.fields["status"].choices = self.status_choices

    def filters(self) -> dict:
        """The valid filters only (an invalid one is shown as an error and ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q", ""),
            "call": data.get("call", ""),
            "status": data.get("status", ""),
            "region": data.get("region", ""),
        }


class QueueFilterForm(OperatorFilterForm):
    status_choices = [
        ("", _("Waiting for the check")),
        *((s.value, s.label) for s in QUEUE_STATUSES if s != Application.Status.SUBMITTED),
    ]


class PaymentFilterForm(OperatorFilterForm):
    status_choices = [
        ("", _("Every tranche to pay")),
        (OVERDUE, _("Past their due date")),
        (NOT_DUE, _("Not yet due")),
    ]


EXPERT_CODE = re.compile(r"^\s*(?:[EЕ]\s*-?\s*)?0*(\d{1,9})\s*$", re.IGNORECASE)  # E-017, e17, Е-017, 17


class ExpertCodeField(core_fields.CharField):
    """An expert's public code (E-017); read as the expert's id."""

    default_error_messages = {"invalid": _("Enter an expert's code as it is shown, like E-017.")}

    def __init__(self, **kwargs):
        super().__init__(max_length=20, **kwargs)
        self.validators = []  # the length is checked on the text below; the cleaned value is a number

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        match = EXPERT_CODE.match(value) if len(value) <= self.max_length else None
        if not match:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(match.group(1))


class AssignmentChangeForm(forms.Form):
    """The operator puts another expert on an application in place of one assigned, saying why."""

    application = core_fields.CharField(label=_("Application number"), max_length=60)
    expert_out = ExpertCodeField(label=_("Expert to replace (code)"))
    expert_in = ExpertCodeField(label=_("New expert (code)"))
    reason = core_fields.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=core_fields.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the assignment's history and shown with the change."),
    )
