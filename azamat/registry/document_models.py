"""An organisation's founding documents: its charter and its certificate of state registration, kept once on its
profile for every grant application to reuse. One current file per kind; a replaced file stays as an earlier
version (its row and its file on disk), so what was on file at any time can be shown again. Files are private:
served only through the permission-checked view, unless the organisation chose to show one on its public
profile."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def founding_document_path(instance, filename: str) -> str:
    return f"registry/documents/{instance.organisation_id}/{filename}"


class FoundingDocument(models.Model):
    class Kind(models.TextChoices):
        CHARTER = "charter", _("Charter")
        REGISTRATION = "registration", _("Certificate of state registration")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="founding_documents",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=founding_document_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size, bytes"))
    content_type = models.CharField(_("type"), max_length=100)
    dated = models.DateField(_("date of the document"))
    public = models.BooleanField(_("shown on the public profile"), default=False)
    current = models.BooleanField(_("current"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("founding document")
        verbose_name_plural = _("founding documents")
        ordering = ["kind", "-uploaded_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind"],
                condition=Q(current=True),
                name="one_current_founding_document",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"
