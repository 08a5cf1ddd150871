"""The form an organisation's administrator uploads a founding document with."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from azamat.core import fields as core_fields
from azamat.registry.document_models import FoundingDocument


class FoundingDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=FoundingDocument.Kind.choices)
    dated = core_fields.DateField(
        label=_("Date of the document"),
        help_text=_("As written on the document: the charter's approval, the certificate's issue."),
    )
    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the service refuses it in its own words, as it does every other bad file
        help_text=format_lazy(
            "{} {}",
            _("PDF, DOCX, PNG or JPEG, at most 10 MB."),
            _("HEIC photos from an iPhone are taken as JPEG."),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.png,.jpg,.jpeg,.heic,.heif"}),
    )
    public = forms.BooleanField(
        label=_("Show on the public profile"),
        required=False,
        help_text=_(
            "Anyone may then download it from the profile. Otherwise only the organisation's people, the "
            "grant operator's staff and the platform's administrators can."
        ),
    )
