"""The Register of Problems of NGOs: eight areas, problems with their evidence, legal acts, recommendations
to government bodies and the organisations that say "this affects us too"."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core import uploads


def _localised(obj, field: str) -> str:
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return ""


class Area(models.Model):
    """One of the eight areas the working group systematised the problems in (a managed taxonomy)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("problem area")
        verbose_name_plural = _("problem areas")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class Problem(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REVIEW = "review", _("Under review by the working group")
        REGISTERED = "registered", _("In the register")
        SENT = "sent", _("Recommendations sent")
        PARTLY_SOLVED = "partly_solved", _("Partly solved")
        SOLVED = "solved", _("Solved")
        ARCHIVED = "archived", _("Archived")
        MERGED = "merged", _("Merged into another problem")

    number = models.CharField(_("number"), max_length=20, unique=True, blank=True, null=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="problems", verbose_name=_("area"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    regions = models.ManyToManyField(
        "registry.Region", blank=True, related_name="+", verbose_name=_("regions affected")
    )
    legal_forms = models.JSONField(_("kinds of organisations affected"), default=list, blank=True)
    activity_areas = models.ManyToManyField(
        "registry.ActivityArea", blank=True, related_name="+", verbose_name=_("areas of activity affected")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_problems",
        verbose_name=_("merged into"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposed_problems",
        verbose_name=_("proposed by"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_problems",
        verbose_name=_("on behalf of"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[regions, activity_areas])

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "area"], name="problems_status_area")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title

    def get_absolute_url(self) -> str:
        return reverse("problems:problem", kwargs={"number": self.number})


class StatusChange(models.Model):
    """One step of a problem's life, with the reason the person gave (shown on the problem's page)."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("problem")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Problem.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Problem.Status.choices)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Evidence(models.Model):
    """Evidence of a problem. Evidence is public, as the register is (the form says so): a file is served by
    a view that checks the problem is public (`problems:evidence_file`), never straight from the media folder."""

    class Kind(models.TextChoices):
        CASE = "case", _("Case from an organisation")
        DOCUMENT = "document", _("Document")
        FIGURE = "figure", _("Figure")
        SURVEY = "survey", _("Survey result")

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("problem")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CASE)
    text = models.TextField(_("text"))
    figure = models.CharField(_("figure"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="problems/evidence/%Y/", blank=True)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def file_kind(self) -> str:
        """The file's kind as a reader knows it ("PDF", "DOCX", "JPEG"), or "" without a file."""
        return uploads.kind_label(uploads.extension(self.file.name)) if self.file else ""


class LegalAct(models.Model):
    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="legal_acts", verbose_name=_("problem")
    )
    name = models.CharField(_("name of the act"), max_length=500)
    article = models.CharField(_("article"), max_length=200, blank=True)
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("legal act")
        verbose_name_plural = _("legal acts")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.article}" if self.article else self.name


class Recommendation(models.Model):
    """A recommended solution and the body that must act. Sent, it becomes an accountability item whose
    source is this recommendation (`accountability.selectors.items_of_source`); nothing is copied here."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="recommendations", verbose_name=_("problem")
    )
    text = models.TextField(_("recommendation"))
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("body that must act"),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{self.problem.get_absolute_url()}#recommendation-{self.pk}"


class Endorsement(models.Model):
    """An organisation says "this affects us too", with its own case."""

    problem = models.ForeignKey(
        Problem, on_delete=models.CASCADE, related_name="endorsements", verbose_name=_("problem")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="problem_endorsements",
        verbose_name=_("organisation"),
    )
    case = models.TextField(_("your case"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["problem", "organisation"], name="problems_one_endorsement_per_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.problem}"
