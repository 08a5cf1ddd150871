"""The forms of the monitoring's administration: granting a role, filtering the log of reads, a thesaurus term."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from azamat.core.fields import CharField, DateField, IntegerField, LoadedAtField
from azamat.monitoring.models import MonitoringRole, ReadLog, Term


class RoleGrantForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email on Azamat"),
        max_length=254,
        help_text=_("The person must already be signed up on Azamat."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=MonitoringRole.Role.choices)


class ReadsFilterForm(forms.Form):
    """The log's filters, sent as GET: a wrong value is named and the other filters still apply."""

    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any action")), *ReadLog.Action.choices]
    )
    record_type = forms.ChoiceField(label=_("Kind of record"), required=False)
    since = DateField(label=_("From"), required=False)
    until = DateField(label=_("To"), required=False)

    def __init__(self, *args, people=(), record_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("Anyone")), *people]
        self.fields["record_type"].choices = [("", _("Any kind")), *record_types]

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end of the period is before its start."))
            data.pop("until", None)
        return data

    def filters(self) -> dict:
        """The filters that are valid (a wrong one is left out, its message shown)."""
        data = getattr(self, "cleaned_data", {}) or {}
        return {name: data.get(name) for name in self.fields if data.get(name) not in (None, "")}


def _references(label) -> CharField:
    """A term's legal references in one language (Term.reference_kk, _ru, _en)."""
    return CharField(label=label, max_length=500, required=False)


# An example of each language's references, shown under its field in that language (marked as such).
REFERENCE_EXAMPLES = {
    "kk": "Конституция, 32-бап; АСҚХП, 21-бап.",
    "ru": "Конституция, ст. 32; МПГПП, ст. 21.",
    "en": "Constitution, art. 32; ICCPR, art. 21.",
}


class TermEditForm(forms.Form):
    name_kk = CharField(label=_("Name in Kazakh"), max_length=200)
    name_ru = CharField(label=_("Name in Russian"), max_length=200)
    name_en = CharField(label=_("Name in English"), max_length=200)
    reference_kk = _references(_("Legal references in Kazakh"))
    reference_ru = _references(_("Legal references in Russian"))
    reference_en = _references(_("Legal references in English"))
    position = IntegerField(
        label=_("Position in the list"),
        min_value=0,
        max_value=32767,
        required=False,
        help_text=_("Smaller numbers come first."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_kk"].widget.attrs["lang"] = "kk"
        self.fields["name_ru"].widget.attrs["lang"] = "ru"
        self.fields["name_en"].widget.attrs["lang"] = "en"
        for language, example in REFERENCE_EXAMPLES.items():
            field = self.fields[f"reference_{language}"]
            field.widget.attrs["lang"] = language
            field.help_text = format_html('{} <span lang="{}">{}</span>', gettext("E.g."), language, example)


class TermNewForm(TermEditForm):
    kind = forms.ChoiceField(label=_("Thesaurus"), choices=Term.Kind.choices)
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_(
            "Latin letters, digits, hyphens and underscores; it never changes once the term is added."
        ),
    )

    field_order = [
        "kind",
        "code",
        "name_kk",
        "name_ru",
        "name_en",
        "reference_kk",
        "reference_ru",
        "reference_en",
        "position",
    ]


class TermChangeForm(TermEditForm):
    active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_(
            "A retired term stays on the records that use it; new records cannot pick it. Terms are never deleted."
        ),
    )
    # The term's last save as the form was loaded, so that a save over another administrator's newer one is
    # refused.
    loaded_at = LoadedAtField()
