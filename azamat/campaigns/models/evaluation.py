"""Risks and the security checklist (never public), and evaluation: indicators, their values, lessons."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.campaigns.models.campaign import SCALE, Campaign


class Risk(models.Model):
    """A threat to the campaign or the people in it. Never public."""

    HIGH = 15  # likelihood × impact at or above this is a high risk

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        MITIGATED = "mitigated", _("Mitigated")
        CLOSED = "closed", _("Closed")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="risks", verbose_name=_("campaign")
    )
    threat = models.TextField(_("threat"), max_length=3000)
    exposed = models.CharField(
        _("who is exposed"),
        max_length=300,
        help_text=_("The NGO, activists, lawyers, journalists, beneficiaries."),
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    mitigation = models.TextField(_("mitigation"), max_length=3000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["campaign", "-likelihood", "-impact", "pk"]

    def __str__(self) -> str:
        return self.threat[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def is_high(self) -> bool:
        return self.score >= self.HIGH


class SecurityCheck(models.Model):
    """One item of the team's digital-security checklist, ticked by someone."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="security_checks", verbose_name=_("campaign")
    )
    code = models.SlugField(_("item"), max_length=40)
    done = models.BooleanField(_("done"), default=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("security check")
        verbose_name_plural = _("security checks")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="campaign_security_check_once")
        ]

    def __str__(self) -> str:
        return self.code


class Indicator(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("campaign")
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """The indicator's actual value measured on a date."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "measured_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "measured_on"], name="indicator_value_once_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


class Lesson(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("campaign")
    )
    text = models.TextField(_("lesson"), max_length=5000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    written_at = models.DateTimeField(_("written"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons learned")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
