"""Forms for people: the extra sign-up field and the profile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from azamat.accounts.models import User


class SignupExtraForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=True)

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "phone"]
