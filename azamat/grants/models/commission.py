"""Stage 2: the tender commission of a call, its sittings, agenda, votes and decisions."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from azamat.grants.models.applications import Application
from azamat.grants.models.programmes import Call


class Commission(models.Model):
    call = models.OneToOneField(
        Call, on_delete=models.CASCADE, related_name="commission", verbose_name=_("call")
    )
    quorum_share = models.DecimalField(
        _("quorum, share of members"), max_digits=3, decimal_places=2, default=Decimal("0.67")
    )
    # The secretary keeps the sittings (attendance, the agenda, decisions, the protocol) and does not vote.
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commission_secretaryships",
        verbose_name=_("secretary"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tender commission")
        verbose_name_plural = _("tender commissions")

    def __str__(self) -> str:
        return str(self.call)


class CommissionMember(models.Model):
    class Side(models.TextChoices):
        GOVERNMENT = "government", _("Government customer")
        OPERATOR = "operator", _("Operator")
        NGO = "ngo", _("NGO representative")

    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="members", verbose_name=_("commission")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="commission_seats",
        verbose_name=_("person"),
    )
    side = models.CharField(_("represents"), max_length=20, choices=Side.choices)
    is_chair = models.BooleanField(_("chair"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("commission member")
        verbose_name_plural = _("commission members")
        constraints = [
            models.UniqueConstraint(fields=["commission", "user"], name="unique_commission_member")
        ]

    def __str__(self) -> str:
        return str(self.user)


def protocol_path(instance, filename: str) -> str:
    # A random folder: the published protocol is still only served through its view, and its path on disk
    # must not be guessable from the call's code and the sitting's number.
    return f"grants/protocols/{instance.commission.call.code}/{uuid.uuid4().hex}/{filename}"


class Sitting(models.Model):
    commission = models.ForeignKey(
        Commission, on_delete=models.CASCADE, related_name="sittings", verbose_name=_("commission")
    )
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    stream_url = models.URLField(_("stream"), blank=True)
    present = models.ManyToManyField(
        CommissionMember, related_name="sittings_attended", blank=True, verbose_name=_("members present")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    protocol = models.FileField(_("protocol"), upload_to=protocol_path, blank=True)
    # № of the protocol within its commission: 1, 2, 3… in the order the sittings close.
    protocol_number = models.PositiveIntegerField(_("protocol number"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[present])

    class Meta:
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        ordering = ["-starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["commission", "protocol_number"], name="unique_protocol_number_per_commission"
            )
        ]

    def __str__(self) -> str:
        return f"{self.commission} — {self.starts_at:%d.%m.%Y}"


class AgendaItem(models.Model):
    class Decision(models.TextChoices):
        AWARDED = "awarded", _("Award the grant")
        REJECTED = "rejected", _("Do not award")

    class Recommendation(models.TextChoices):
        SUPPORT = "support", pgettext_lazy("recommendation", "Support")
        REJECT = "reject", pgettext_lazy("recommendation", "Do not support")

    sitting = models.ForeignKey(
        Sitting, on_delete=models.CASCADE, related_name="items", verbose_name=_("sitting")
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="agenda_items", verbose_name=_("application")
    )
    rank = models.PositiveIntegerField(_("rank"))
    recommendation = models.CharField(
        _("operator's recommendation"), max_length=10, choices=Recommendation.choices
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    amount = models.DecimalField(
        _("amount awarded, ₸"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    reduction_reason = models.CharField(_("reason for a reduced amount"), max_length=500, blank=True)
    recused = models.ManyToManyField(
        CommissionMember, related_name="recusals", blank=True, verbose_name=_("recused members")
    )
    history = HistoricalRecords(m2m_fields=[recused])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["sitting", "rank"]
        constraints = [models.UniqueConstraint(fields=["sitting", "application"], name="unique_agenda_item")]

    def __str__(self) -> str:
        return f"{self.rank}. {self.application}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        SUPPORT = "support", _("Support")
        AGAINST = "against", _("Against")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="votes", verbose_name=_("agenda item")
    )
    member = models.ForeignKey(
        CommissionMember, on_delete=models.PROTECT, related_name="votes", verbose_name=_("member")
    )
    choice = models.CharField(_("vote"), max_length=10, choices=Choice.choices)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)
    cast_at = models.DateTimeField(_("cast at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="unique_vote")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"
