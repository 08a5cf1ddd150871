"""Members' KPIs: an assessment period of a council, its criteria (computed from the council's records or scored
by designated assessors with a justification), the assessors and their scores.

The seven criteria a period starts with are templates (`Criterion` rows without a period, seeded by migration);
opening a period copies them into it, so a council's secretary can weigh its own period without changing another's.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["AssessmentPeriod", "Criterion", "PeriodAssessor", "Score"]


def _localised(obj, field: str) -> str:
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class AssessmentPeriod(models.Model):
    """A stretch of a council's work its members are assessed for; the public sees it once published."""

    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="kpi_periods", verbose_name=_("council")
    )
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("published by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment period")
        verbose_name_plural = _("assessment periods")
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Criterion(models.Model):
    """What members are assessed on, with its weight and scale; without a period it is a template."""

    class Source(models.TextChoices):
        ASSESSOR = "assessor", _("Scored by assessors")
        ATTENDANCE = "attendance", _("Computed: share of meetings attended")
        COMMITTEES = "committees", _("Computed: seats in permanent committees")
        RECOMMENDATIONS = "recommendations", _("Computed: recommendations authored and implemented")

    period = models.ForeignKey(
        AssessmentPeriod,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("assessment period"),
    )
    code = models.SlugField(_("code"), max_length=40)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, default=1, validators=[MinValueValidator(0)]
    )
    scale_min = models.SmallIntegerField(_("lowest score"), default=0)
    scale_max = models.SmallIntegerField(_("highest score"), default=10)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.ASSESSOR)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI criterion")
        verbose_name_plural = _("KPI criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="unique_kpi_criterion_code"),
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(period__isnull=True), name="unique_kpi_template_code"
            ),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")), name="kpi_scale_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def is_computed(self) -> bool:
        return self.source != self.Source.ASSESSOR


class PeriodAssessor(models.Model):
    """A person designated to score the members of a council for a period."""

    period = models.ForeignKey(
        AssessmentPeriod,
        on_delete=models.CASCADE,
        related_name="assessors",
        verbose_name=_("assessment period"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="kpi_assessments",
        verbose_name=_("assessor"),
    )
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("designated by"),
    )
    designated_at = models.DateTimeField(_("designated at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI assessor")
        verbose_name_plural = _("KPI assessors")
        constraints = [models.UniqueConstraint(fields=["period", "user"], name="unique_kpi_assessor")]

    def __str__(self) -> str:
        return f"{self.user} — {self.period}"


class Score(models.Model):
    """One assessor's score of one member on one criterion, with the reason for it."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    member = models.ForeignKey(
        "councils.Member", on_delete=models.CASCADE, related_name="kpi_scores", verbose_name=_("member")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="kpi_scores",
        verbose_name=_("assessor"),
    )
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    justification = models.TextField(_("justification"), max_length=5000)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("KPI score")
        verbose_name_plural = _("KPI scores")
        ordering = ["criterion__position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "member", "assessor"], name="unique_kpi_score")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.criterion} = {self.value}"
