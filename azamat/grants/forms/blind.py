"""The operator's corrections to the blind version of an application: one word or phrase a line."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields

MAX_CHARS = 5000


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class BlindCorrectionsForm(forms.Form):
    hide = core_fields.CharField(
        label=_("Also black out"),
        required=False,
        max_length=MAX_CHARS,
        widget=core_fields.Textarea(attrs={"rows": 4}),
        help_text=_("One word or name a line: its other forms (endings, suffixes) are blacked out too."),
    )
    show = core_fields.CharField(
        label=_("Leave visible"),
        required=False,
        max_length=MAX_CHARS,
        widget=core_fields.Textarea(attrs={"rows": 4}),
        help_text=_("One word a line that was blacked out but does not point to the applicant."),
    )

    @classmethod
    def for_application(cls, application, data=None):
        corrections = application.blind_corrections or {}
        initial = {key: "\n".join(corrections.get(key, [])) for key in ("hide", "show")}
        return cls(data, initial=initial)

    def lists(self) -> dict[str, list[str]]:
        return {key: _lines(self.cleaned_data.get(key, "")) for key in ("hide", "show")}
