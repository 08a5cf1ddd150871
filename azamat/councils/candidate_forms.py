"""Forms of candidates: opening a list, a candidate, a declared relation, the freeze date."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.councils.candidate_models import Candidate, CandidateList, Relation
from azamat.registry.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _OwnIds:
    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class ListOpenForm(_OwnIds, forms.Form):
    id_prefix = "list"
    kind = forms.ChoiceField(label=_("Kind"), choices=CandidateList.Kind.choices)


class CandidateForm(_OwnIds, forms.Form):
    id_prefix = "candidate"
    full_name = core_fields.CharField(label=_("Full name"), max_length=200)
    represents = forms.ChoiceField(label=_("Represents"), choices=Candidate.Represents.choices)
    organisation_bin = core_fields.CharField(
        label=_("BIN of the organisation"),
        max_length=12,
        required=False,
        help_text=_("For a candidate from an NGO: the organisation's 12-digit BIN, as in the NGO registry."),
    )
    email = forms.EmailField(
        label=_("Email of the person's account"),
        required=False,
        help_text=_("Optional: links the candidacy to the person's account on Azamat."),
    )
    motivation = core_fields.CharField(
        label=_("Motivation"), max_length=5000, widget=core_fields.Textarea(attrs={"rows": 5})
    )

    def clean_organisation_bin(self):
        value = self.cleaned_data["organisation_bin"].strip()
        if not value:
            return None
        organisation = Organisation.objects.filter(bin=value).first()
        if organisation is None:
            raise forms.ValidationError(_("No organisation with this BIN is in the registry."))
        return organisation

    def clean_email(self):
        email = self.cleaned_data["email"]
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("No person with this email has an account on Azamat."))
        return user


class RelationForm(_OwnIds, forms.Form):
    id_prefix = "relation"
    kind = forms.ChoiceField(label=_("Kind of relation"), choices=Relation.Kind.choices)
    relation = core_fields.CharField(
        label=_("Relation"),
        max_length=200,
        help_text=_("For example: brother, spouse, co-owner of a company."),
    )
    official_name = core_fields.CharField(label=_("Official's full name"), max_length=200)
    official_position = core_fields.CharField(label=_("Official's position"), max_length=300)


class FreezeForm(_OwnIds, forms.Form):
    id_prefix = "freeze"
    on = core_fields.DateField(label=_("Frozen on"), widget=DATE)
