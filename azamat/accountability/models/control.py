"""Public-control checks (Law of Kazakhstan on Public Control, 2023): citizens and NGOs check a state body,
write their findings and a final document, and send recommendations that the body must answer (accountability
items whose source is the check). The status is never stored: it follows from the dates and the completion."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


def document_path(instance, filename: str) -> str:
    # The name on disk is the service's (a UUID); the person's file name is kept in `document_name`.
    return f"accountability/control/{instance.pk}/{filename}"


class Check(models.Model):
    class Method(models.TextChoices):
        """The forms of public control the law names."""

        MONITORING = "monitoring", _("Public monitoring")
        ANALYSIS = "analysis", _("Public analysis")
        EXPERTISE = "expertise", _("Public expertise")
        HEARING = "hearing", _("Public hearing")
        DISCUSSION = "discussion", _("Public discussion")

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("public-control check", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("public-control check", "In progress")
        COMPLETED = "completed", pgettext_lazy("public-control check", "Completed")

    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("what is checked and why"), max_length=5000, blank=True)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="control_checks",
        verbose_name=_("body checked"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_checks",
        verbose_name=_("organisation running the check"),
    )
    method = models.CharField(_("form of public control"), max_length=20, choices=Method.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    findings = models.TextField(_("findings"), max_length=20000, blank=True)
    document = models.FileField(_("final document"), upload_to=document_path, blank=True, max_length=200)
    document_name = models.CharField(_("file name"), max_length=255, blank=True)
    document_type = models.CharField(_("file type"), max_length=100, blank=True)
    document_size = models.PositiveIntegerField(_("size"), default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    recommendations_sent_on = models.DateField(_("recommendations sent on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public-control check")
        verbose_name_plural = _("public-control checks")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["body", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="control_check_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("accountability:control_check", args=[self.pk])

    def status_on(self, today: datetime.date | None = None) -> str:
        """Completed once completed; else planned before its start date and in progress from it."""
        today = today or timezone.localdate()
        if self.completed_on:
            return self.Status.COMPLETED
        if today < self.starts_on:
            return self.Status.PLANNED
        return self.Status.IN_PROGRESS

    @property
    def status(self) -> str:
        annotated = self.__dict__.get("computed_status")
        return annotated if annotated else self.status_on()

    @property
    def status_label(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


class CheckMember(models.Model):
    """One person of the check's team: a user of the platform, or a name (an outside expert, a volunteer)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Team leader")
        MEMBER = "member", _("Team member")
        EXPERT = "expert", _("Expert")

    check_record = models.ForeignKey(
        Check, on_delete=models.CASCADE, related_name="team", verbose_name=_("check"), db_column="check_id"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_teams",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["check_record", "user"], name="control_team_user_once"),
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""), name="control_team_user_or_name"
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.user_id:
            return self.user.full_name or self.user.email
        return self.name


class CheckRecommendation(models.Model):
    """A recommendation the team drafts; sending the check's recommendations makes each an accountability item
    (`item`), whose fate the check's page follows."""

    check_record = models.ForeignKey(
        Check,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("check"),
        db_column="check_id",
    )
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("addressee body"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("recommendation"), max_length=20000)
    justification = models.TextField(_("justification"), max_length=20000, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    item = models.OneToOneField(
        "accountability.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="control_recommendation",
        verbose_name=_("sent as"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recommendation of a check")
        verbose_name_plural = _("recommendations of a check")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title
