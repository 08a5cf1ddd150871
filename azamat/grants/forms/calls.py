"""The operator's forms of a call and of its priority directions: titles and descriptions in Kazakh, Russian
and English, each saved as typed; once the call is published only the texts stay open (services/calls.py)."""

from django import forms
from django.core.validators import validate_slug
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from azamat.core import edits
from azamat.core import fields as core_fields
from azamat.grants.models import Call, Direction, GrantType
from azamat.grants.services.calls import CLOSES_AT_HOUR, OPENS_AT_HOUR, TEXT_FIELDS, at_local
from azamat.registry.models import GovernmentBody, Region

# Long enough for the rules of a call and its priorities, short enough for its page to carry.
DESCRIPTION_LIMIT = 5000
LIMITS = {
    "description_kk": DESCRIPTION_LIMIT,
    "description_ru": DESCRIPTION_LIMIT,
    "description_en": DESCRIPTION_LIMIT,
}
OPERATOR_CODE = "cso-support-centre"
RESERVED_CODES = {"new"}


def _texts(form) -> None:
    for code in ("kk", "ru", "en"):
        field = form.fields[f"description_{code}"]
        field.widget = core_fields.Textarea(attrs={"rows": 6, "lang": code, "maxlength": DESCRIPTION_LIMIT})
        field.widget.is_required = False
        form.fields[f"title_{code}"].widget.attrs["lang"] = code


def _loaded_at(form) -> None:
    """An edit form carries the record's last save as it was loaded: a save over a newer one (a colleague, another
    tab) is refused (core.edits). A form adding a record has nothing to compare."""
    if form.instance.pk is None:
        return
    form.fields["loaded_at"] = core_fields.LoadedAtField()
    if not form.is_bound:
        form.initial["loaded_at"] = edits.loaded_marker(form.instance)


def _fix_published(form, call: Call) -> None:
    """Once the call is published only its texts change: the other fields are shown, not sent."""
    if call.published:
        for name, field in form.fields.items():
            if name not in TEXT_FIELDS and name != "loaded_at":
                field.disabled = True


class CallForm(forms.ModelForm):
    opens_on = core_fields.DateField(label=_("Applications accepted from"))
    closes_on = core_fields.DateField(label=_("Applications accepted until"))

    class Meta:
        model = Call
        fields = [  # each language's title and description together
            "code",
            "title_kk",
            "description_kk",
            "title_ru",
            "description_ru",
            "title_en",
            "description_en",
            "grant_type",
            "customer",
            "operator",
        ]
        formfield_callback = core_fields.model_fields(LIMITS)
        field_classes = {
            "customer": core_fields.AlphabeticalModelChoiceField,
            "operator": core_fields.AlphabeticalModelChoiceField,
            "grant_type": core_fields.AlphabeticalModelChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        call = self.instance
        self.fields["opens_on"].help_text = gettext("From %(hour)s:00 Almaty time on this day.") % {
            "hour": OPENS_AT_HOUR
        }
        self.fields["closes_on"].help_text = gettext("Until %(hour)s:00 Almaty time on this day.") % {
            "hour": CLOSES_AT_HOUR
        }
        self.fields["code"].validators.append(validate_slug)
        self.fields["code"].help_text = _(
            "Latin letters, digits and hyphens: the call’s address on the site, which does not change once saved."
        )
        if call.pk is not None:
            del self.fields["code"]  # the call's address: links to it are out there
            self.initial["opens_on"] = timezone.localdate(call.opens_at)
            self.initial["closes_on"] = timezone.localdate(call.closes_at)
        elif not self.is_bound:
            self.initial["operator"] = GovernmentBody.objects.filter(code=OPERATOR_CODE).first()
        self.fields["grant_type"].queryset = GrantType.objects.all()
        bodies = GovernmentBody.objects.only("code", "name_kk", "name_ru", "name_en")
        self.fields["customer"].queryset = bodies
        self.fields["operator"].queryset = bodies
        _texts(self)
        _loaded_at(self)
        _fix_published(self, call)

    def validate_unique(self):
        """The code's only rule of uniqueness is the service's: the same form sent again (Back after saving, a
        double tap) lands on the call it made; another call's code is refused there."""

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in RESERVED_CODES:  # the address of a page of its own
            raise forms.ValidationError(_("This code is taken by a page of the site; choose another."))
        return code

    def values(self) -> dict:
        """What the services take: the typed fields, the days as the moments the call opens and closes (an
        unchanged day keeps the moment it had)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in {"opens_on", "closes_on", "loaded_at"}}
        call = self.instance
        for name, day, hour in (
            ("opens_at", self.cleaned_data["opens_on"], OPENS_AT_HOUR),
            ("closes_at", self.cleaned_data["closes_on"], CLOSES_AT_HOUR),
        ):
            current = getattr(call, name) if call.pk is not None else None
            keep = current is not None and timezone.localdate(current) == day
            data[name] = current if keep else at_local(day, hour)
        return data


class DirectionForm(forms.ModelForm):
    class Meta:
        model = Direction
        fields = [
            "title_kk",
            "description_kk",
            "title_ru",
            "description_ru",
            "title_en",
            "description_en",
            "budget",
            "planned_grants",
            "region",
        ]
        formfield_callback = core_fields.model_fields(LIMITS)
        field_classes = {"region": core_fields.AlphabeticalModelChoiceField}

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.all()
        self.fields["planned_grants"].min_value = 1
        _texts(self)
        _loaded_at(self)
        _fix_published(self, call)

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "loaded_at"}
