"""Forms for people: the extra sign-up field and the profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import User
from azamat.core import fields as core_fields
from azamat.registry.phone import clean_phone


class SignupExtraForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=True)

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone"]
        # Lengths refused in the reader's language, as every form's are.
        formfield_callback = core_fields.model_fields()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked at sign-up, and what administrators see when they answer a request to join: not erased here.
        self.fields["full_name"].required = True

    def clean_full_name(self):
        return self.cleaned_data["full_name"].strip()

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return clean_phone(value) if "phone" in self.changed_data else value


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What the token is for, e.g. the name of the integration."),
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("Valid for"),
        coerce=int,
        initial=90,
        choices=[(7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (365, _("1 year"))],
    )
