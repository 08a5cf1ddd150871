"""Projects: the agreement, tranches and payments, reports with indicator actuals and expenditure."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.grants.models.applications import Application, BudgetLine, Indicator


class Project(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="project", verbose_name=_("application")
    )
    agreement_number = models.CharField(_("agreement number"), max_length=60, unique=True)
    amount = models.DecimalField(_("amount, ₸"), max_digits=14, decimal_places=2)
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return f"{self.agreement_number}: {self.application.title}"

    def get_absolute_url(self) -> str:
        return reverse("grants:project", kwargs={"pk": self.pk})


class Tranche(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="tranches", verbose_name=_("project")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    amount = models.DecimalField(_("amount, ₸"), max_digits=14, decimal_places=2)
    is_advance = models.BooleanField(_("advance"), default=False)
    due_on = models.DateField(
        _("due on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the tranche is released: at signing for the advance, at report approval for the others."
        ),
    )
    released_by_report = models.ForeignKey(
        "Report",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="released_tranches",
        verbose_name=_("released by report"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tranche")
        verbose_name_plural = _("tranches")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="unique_tranche")]

    def __str__(self) -> str:
        return f"{self.project.agreement_number} #{self.number}"


class Payment(models.Model):
    tranche = models.ForeignKey(
        Tranche, on_delete=models.PROTECT, related_name="payments", verbose_name=_("tranche")
    )
    amount = models.DecimalField(_("amount, ₸"), max_digits=14, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on"]

    def __str__(self) -> str:
        return f"{self.tranche}: {self.amount} ₸ on {self.paid_on}"

    @property
    def days_late(self) -> int:
        due = self.tranche.due_on
        return max(0, (self.paid_on - due).days) if due else 0


class Report(models.Model):
    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted")
        REVISION = "revision", _("Revision requested")
        APPROVED = "approved", _("Approved")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    due_on = models.DateField(_("due on"))
    simplified = models.BooleanField(_("simplified"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DUE)
    narrative = models.TextField(_("what was done"), blank=True)
    public_summary = models.TextField(_("public summary"), blank=True)
    reviewer_comment = models.TextField(_("reviewer's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["project", "due_on"]

    def __str__(self) -> str:
        return f"{self.project.agreement_number}: {self.get_kind_display()} ({self.due_on})"

    @property
    def is_overdue(self) -> bool:
        return self.status in {self.Status.DUE, self.Status.REVISION} and timezone.localdate() > self.due_on


class IndicatorActual(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="indicator_actuals", verbose_name=_("report")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="actuals", verbose_name=_("indicator")
    )
    actual = models.DecimalField(_("actual"), max_digits=12, decimal_places=2, default=Decimal(0))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator actual")
        verbose_name_plural = _("indicator actuals")
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="unique_indicator_actual")
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.actual}"


class ExpenditureLine(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="expenditures", verbose_name=_("report")
    )
    budget_line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("budget line")
    )
    spent = models.DecimalField(_("spent, ₸"), max_digits=14, decimal_places=2, default=Decimal(0))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        constraints = [models.UniqueConstraint(fields=["report", "budget_line"], name="unique_expenditure")]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.spent}"
