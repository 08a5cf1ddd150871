"""A member's proposal of a recommendation: a sitting member writes what the council should recommend to a body,
and the council's secretary puts it on a coming meeting's agenda or declines it with a reason (`lifecycle.PROPOSAL`).
The council itself decides at the meeting; a recommendation it adopts is recorded there, with the member as its
author."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

__all__ = ["Proposal"]


class Proposal(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("a member's proposal", "Waiting for the secretary")
        ON_AGENDA = "on_agenda", pgettext_lazy("a member's proposal", "On a meeting's agenda")
        DECLINED = "declined", pgettext_lazy("a member's proposal", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("a member's proposal", "Withdrawn")

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="proposals", verbose_name=_("council")
    )
    member = models.ForeignKey(
        "councils.Member", on_delete=models.PROTECT, related_name="proposals", verbose_name=_("proposed by")
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="council_proposals",
        verbose_name=_("addressed to"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED, editable=False
    )
    agenda_item = models.OneToOneField(
        "councils.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="proposal",
        verbose_name=_("agenda item"),
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = pgettext_lazy("a member's proposal", "proposal of a recommendation")
        verbose_name_plural = pgettext_lazy("a member's proposal", "proposals of recommendations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
