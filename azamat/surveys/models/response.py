"""Responses (one per respondent, holding the answers of the version they answered), invitations, review
decisions, and the export jobs (which are also the audit of who downloaded what)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from azamat.core.sealed import SealedTextField
from azamat.surveys.models.survey import Assignment, Survey, SurveyVersion, new_token


class Invitation(models.Model):
    """A personal link sent by email; the address is sealed, its keyed digest keeps one invitation per address."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    email = SealedTextField(_("email"))
    email_key = models.CharField(_("email key"), max_length=64)
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, default="ru")
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "email_key"], name="invitation_unique_email")
        ]

    def __str__(self) -> str:
        return self.name or _("invitation %(pk)s") % {"pk": self.pk}


class Response(models.Model):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        SCREENED_OUT = "screened_out", _("Screened out (quota full)")

    class Review(models.TextChoices):
        NONE = "", _("Not reviewed")
        APPROVED = "approved", _("Approved")
        ON_HOLD = "on_hold", _("On hold")
        REJECTED = "rejected", _("Rejected")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    version = models.ForeignKey(
        SurveyVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("form version")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    mode = models.CharField(_("mode"), max_length=12, choices=Survey.Mode.choices, default=Survey.Mode.OPEN)
    language = models.CharField(_("language"), max_length=5, default="ru")
    # The answers (see definition.py for their shape); the personal ones are sealed apart, as JSON text.
    data = models.JSONField(_("answers"), default=dict, blank=True)
    personal = SealedTextField(_("personal answers"), blank=True, default="")
    page = models.PositiveSmallIntegerField(_("page reached"), default=0)
    # The secret of the respondent's "continue later" link and cookie.
    resume_token = models.CharField(
        _("resume token"), max_length=64, unique=True, default=new_token, editable=False
    )
    device_key = models.CharField(_("device key"), max_length=64, blank=True, db_index=True)
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_responses",
        verbose_name=_("respondent"),
    )
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("invitation"),
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("interviewer"),
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("assignment"),
    )
    region_code = models.CharField(_("region (KATO)"), max_length=9, blank=True)
    started_at = models.DateTimeField(_("started"))
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    duration_seconds = models.PositiveIntegerField(_("duration, seconds"), null=True, blank=True)
    # Data quality: set when the response is completed (and by the nightly re-check of duplicates).
    too_fast = models.BooleanField(_("too fast"), default=False)
    straightlining = models.BooleanField(_("same answer everywhere"), default=False)
    duplicate = models.BooleanField(_("duplicate"), default=False)
    fingerprint = models.CharField(_("answers fingerprint"), max_length=64, blank=True, db_index=True)
    review = models.CharField(_("review"), max_length=10, choices=Review.choices, default="", blank=True)
    review_reason = models.CharField(_("reason"), max_length=1000, blank=True)
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "-started_at", "-pk"]
        indexes = [
            models.Index(fields=["survey", "status", "completed_at"]),
            models.Index(fields=["survey", "interviewer", "status"]),
        ]

    def __str__(self) -> str:
        return _("response %(pk)s") % {"pk": self.pk}

    @property
    def flagged(self) -> bool:
        return self.too_fast or self.straightlining or self.duplicate


class ReviewDecision(models.Model):
    """The audit of the team's decisions on a response (approved, on hold, rejected with a reason) and of its
    corrections by the team."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("response")
    )
    review = models.CharField(_("review"), max_length=10, choices=Response.Review.choices, blank=True)
    reason = models.CharField(_("reason"), max_length=1000, blank=True)
    changes = models.JSONField(_("corrected answers"), default=dict, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    decided_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.review}"


class ExportJob(models.Model):
    """An export of a survey's responses, built in the background and streamed to a private file; every one is
    kept as the audit of who exported what, when, with which filters."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel (XLSX)")
        SPSS = "spss", _("SPSS (data and syntax with labels)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Building")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="exports", verbose_name=_("survey")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    format = models.CharField(_("format"), max_length=5, choices=Format.choices, default=Format.CSV)
    labels = models.BooleanField(_("choice labels (not codes)"), default=True)
    language = models.CharField(_("language"), max_length=5, default="ru")
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    include_personal = models.BooleanField(_("with personal data"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("responses to export"), default=0)
    rows_done = models.PositiveIntegerField(_("responses exported"), default=0)
    file_path = models.CharField(_("file"), max_length=500, blank=True)
    file_size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    downloaded_at = models.DateTimeField(_("last downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.survey} {self.format} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def progress(self) -> int:
        """Percent done, 0–100."""
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0
