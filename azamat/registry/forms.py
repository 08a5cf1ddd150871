"""Forms of the registry: an organisation's profile, the directory filters, a request to join."""

import functools

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.core.bin import is_valid_bin
from azamat.core.collation import sorted_choices
from azamat.registry import errors, logos, selectors
from azamat.registry.models import ActivityArea, GovernmentBody, LegalForm, Membership, Organisation, Region
from azamat.registry.phone import clean_phone


class BinField(core_fields.CharField):
    """A BIN or IIN as people type or paste it from a certificate: "9901 4000 4654" is read as 990140004654.
    Text with other characters (a foreign registration number, say) is kept as typed."""

    def to_python(self, value):
        value = super().to_python(value)
        digits = "".join(value.split())
        return digits if digits.isdigit() else value

    def widget_attrs(self, widget):
        # Room for the spaces: the browser would cut "9901 4000 4654" at 12 characters.
        return {**super().widget_attrs(widget), "maxlength": 20}


class OrganisationForm(forms.ModelForm):
    region = core_fields.AlphabeticalModelChoiceField(queryset=Region.objects.all(), label=_("Region"))
    areas = core_fields.AlphabeticalModelMultipleChoiceField(
        queryset=ActivityArea.objects.all(),
        label=_("Areas of activity"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        # A phone's own photo too: its HEIC (an iPhone's) or a JPEG of several megabytes (registry/logos.py).
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/heic,image/heif"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name_kk",
            "name_ru",
            "short_name",
            "bin",
            "legal_form",
            "registered_on",
            "region",
            "address",
            "areas",
            "about_kk",
            "about_ru",
            "about_en",
            "staff_count",
            "volunteer_count",
            "website",
            "email",
            "phone",
            "is_alliance",
        ]
        widgets = {
            "registered_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "about_kk": core_fields.Textarea(attrs={"rows": 5, "lang": "kk"}),
            "about_ru": core_fields.Textarea(attrs={"rows": 5, "lang": "ru"}),
            "about_en": core_fields.Textarea(attrs={"rows": 5, "lang": "en"}),
            "bin": forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": "[0-9\\s]{12,20}", "autocomplete": "off"}
            ),
        }
        field_classes = {"bin": BinField}
        formfield_callback = core_fields.model_fields(
            {"about_kk": 10000, "about_ru": 10000, "about_en": 10000}
        )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logo"].help_text = gettext(
            "PNG, JPEG, WebP or HEIC, at most %(limit)s MB. A photo is made smaller and turned upright; where, "
            "when and with what phone it was taken is not kept."
        ) % {"limit": logos.UPLOAD_MAX_BYTES // (1024 * 1024)}
        self.fields["legal_form"].choices = sorted_choices(
            self.fields["legal_form"].choices, last={LegalForm.OTHER}
        )
        if editing:
            self.fields["bin"].disabled = True
            # When the page was loaded: a colleague's save since is refused, not silently undone.
            self.fields["loaded_at"] = core_fields.LoadedAtField(initial=self.instance.updated_at.isoformat())
            if self.instance.logo:  # shown beside the logo's field, with the current logo
                self.fields["remove_logo"] = forms.BooleanField(
                    label=_("Remove the current logo"),
                    required=False,
                    help_text=_("A new logo chosen above replaces the current one without this."),
                )
        self.fields["registered_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_bin(self):
        value = self.cleaned_data["bin"]
        # An IIN has the same check digit; its fifth digit (the first of the birth day) is 0-3, a BIN's is 4-6.
        if not self.fields["bin"].disabled and is_valid_bin(value) and value[4] not in "456":
            raise forms.ValidationError(errors.MESSAGES[errors.BIN_IS_IIN], code=errors.BIN_IS_IIN)
        return value

    def clean_phone(self):
        # Checked when typed: a profile saved with the phone it already had (imported as it was) is not refused.
        value = self.cleaned_data["phone"]
        return clean_phone(value) if "phone" in self.changed_data else value

    def clean_registered_on(self):
        registered_on = self.cleaned_data["registered_on"]
        if registered_on and registered_on > timezone.localdate():
            raise forms.ValidationError(
                errors.MESSAGES[errors.REGISTERED_IN_FUTURE], code=errors.REGISTERED_IN_FUTURE
            )
        return registered_on

    def validate_unique(self):
        """The service checks BIN uniqueness and explains what to do."""


class DirectoryFilterForm(forms.Form):
    q = core_fields.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Name, BIN or address")}),
    )
    region = core_fields.ChoiceField(label=_("Region"), required=False)
    area = core_fields.ChoiceField(label=_("Area of activity"), required=False)
    legal_form = core_fields.ChoiceField(
        label=_("Legal form"), required=False, choices=[("", _("Any legal form")), *LegalForm.choices]
    )
    alliance = core_fields.ChoiceField(label=_("Alliance or network"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *selectors.region_choices()]
        self.fields["area"].choices = [("", _("All areas")), *selectors.area_choices()]
        self.fields["legal_form"].choices = legal_form_choices(get_language())
        self.fields["alliance"].choices = [("", _("Any")), *selectors.alliance_choices()]


@functools.lru_cache(maxsize=8)
def legal_form_choices(language: str) -> list[tuple[str, str]]:
    """The directory's legal forms in the language's alphabetical order, "Other" last: the same while the
    process runs (the choices and their translations are in the code)."""
    return [
        ("", _("Any legal form")),
        *sorted_choices(((value, str(label)) for value, label in LegalForm.choices), last={LegalForm.OTHER}),
    ]


class BodyFilterForm(forms.Form):
    q = core_fields.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    region = core_fields.ChoiceField(label=_("Region"), required=False)
    kind = core_fields.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *GovernmentBody.Kind.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("All regions")), *selectors.region_choices()]


class JoinForm(forms.Form):
    message = core_fields.CharField(
        label=_("Message to the administrators"),
        required=False,
        max_length=500,
        widget=core_fields.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    role = core_fields.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )
