"""Applications: the project, its activities, budget and indicators, versions, attachments, near-duplicates."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.grants.models.programmes import Call, Direction
from azamat.registry.models import Organisation


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        CLARIFICATION = "clarification", _("Clarification requested")
        COMPLIANT = "compliant", _("Passed the compliance check")
        REJECTED = "rejected", _("Rejected at the compliance check")
        REVIEWED = "reviewed", _("Scored by experts")
        AWARDED = "awarded", _("Awarded")
        NOT_AWARDED = "not_awarded", _("Not awarded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Language(models.TextChoices):
        KAZAKH = "kk", _("Kazakh")
        RUSSIAN = "ru", _("Russian")

    number = models.CharField(_("number"), max_length=80, unique=True, null=True, blank=True)
    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, related_name="applications", verbose_name=_("direction")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grant_applications",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.KAZAKH
    )
    title = models.CharField(_("project title"), max_length=300)
    summary = models.TextField(_("project summary"), blank=True)
    problem = models.TextField(_("problem and its causes"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    goals = models.TextField(_("goals and tasks"), blank=True)
    team = models.TextField(_("team"), blank=True)
    duration_months = models.PositiveSmallIntegerField(_("duration, months"), default=6)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    final_score = models.DecimalField(
        _("expert score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # The operator's corrections to the blind version experts read: {"hide": [words], "show": [words]}.
    blind_corrections = models.JSONField(_("blind review corrections"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["call", "status"]), models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:application", kwargs={"pk": self.pk})

    @property
    def requested_amount(self) -> Decimal:
        total = self.budget_lines.aggregate(total=Sum(F("quantity") * F("unit_cost")))["total"]
        return (total or Decimal(0)).quantize(Decimal("0.01"))

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.CLARIFICATION}


class Activity(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="activities", verbose_name=_("application")
    )
    title = models.CharField(_("activity"), max_length=300)
    starts_month = models.PositiveSmallIntegerField(_("from month"), default=1)
    ends_month = models.PositiveSmallIntegerField(_("to month"), default=1)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_month", "pk"]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        SALARIES = "salaries", _("Salaries")
        TAXES = "taxes", _("Taxes and contributions")
        RENT = "rent", _("Rent")
        TRAVEL = "travel", _("Travel")
        EQUIPMENT = "equipment", _("Equipment")
        SERVICES = "services", _("Services")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("item"), max_length=300)
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_cost = models.DecimalField(_("unit cost, ₸"), max_digits=14, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["category", "pk"]

    def __str__(self) -> str:
        return self.description

    @property
    def total(self) -> Decimal:
        return (self.quantity * self.unit_cost).quantize(Decimal("0.01"))


class Indicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output")
        OUTCOME = "outcome", _("Outcome")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OUTPUT)
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50)
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=Decimal(0))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return self.name


class ApplicationVersion(models.Model):
    """A frozen copy of an application at submission or resubmission, for a readable diff."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="versions", verbose_name=_("application")
    )
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(_("content"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("application version")
        verbose_name_plural = _("application versions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="unique_application_version")
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.number}"


def attachment_path(instance, filename: str) -> str:
    return f"grants/applications/{instance.application_id}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("application")
    )
    document_code = models.CharField(_("document"), max_length=50, blank=True)
    report = models.ForeignKey(
        "grants.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("report"),
        help_text=_("Set for the files of a project's report."),
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size, bytes"))
    content_type = models.CharField(_("type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class SimilarityFlag(models.Model):
    """A pair of applications whose texts overlap beyond the threshold, for the operator to look at."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="similarity_flags", verbose_name=_("application")
    )
    similar_to = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="+", verbose_name=_("similar to")
    )
    score = models.DecimalField(_("similarity"), max_digits=4, decimal_places=3)
    passages = models.JSONField(_("overlapping passages"), default=list)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("near-duplicate")
        verbose_name_plural = _("near-duplicates")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["application", "similar_to"], name="unique_similarity_pair")
        ]

    def __str__(self) -> str:
        return f"{self.application} ≈ {self.similar_to} ({self.score})"
