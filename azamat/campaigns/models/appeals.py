"""Appeals and letters to a government body, written from a template, filed on e-Otinish or on paper; once its
sending is recorded it is an accountability item with the legal deadline."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Appeal(models.Model):
    class Kind(models.TextChoices):
        INFORMATION = "information", _("Request for information")
        COMPLAINT = "complaint", _("Complaint")
        PROPOSAL = "proposal", _("Proposal")

    class Language(models.TextChoices):
        KK = "kk", _("Kazakh")
        RU = "ru", _("Russian")

    class Channel(models.TextChoices):
        E_OTINISH = "e_otinish", _("e-Otinish portal")
        POST = "post", _("By post")
        IN_PERSON = "in_person", _("In person at the office")
        EMAIL = "email", _("By email")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("campaign"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.RU)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("addressee"),
    )
    official = models.CharField(_("official"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    text = models.TextField(_("text"), max_length=20000)
    signatory = models.CharField(_("signed by"), max_length=200)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    channel = models.CharField(_("sent via"), max_length=20, choices=Channel.choices, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=100, blank=True)
    item = models.OneToOneField(
        "accountability.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeal",
        verbose_name=_("accountability item"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("campaigns:appeal", args=[self.pk])

    @property
    def is_sent(self) -> bool:
        return self.item_id is not None
