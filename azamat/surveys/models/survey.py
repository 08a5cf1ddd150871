"""A survey, its versions (the form as it was when answered), its team, its interviewers' assignments, its quotas
and the population shares its weights are computed from."""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Survey(models.Model):
    """Run by an organisation, a public council or a state body (exactly one of them); its team designs it and
    reads the raw data."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Collecting responses")
        CLOSED = "closed", _("Closed")

    class Purpose(models.TextChoices):
        NEEDS = "needs", _("Needs assessment")
        POPULATION = "population", _("Population survey")
        CONSULTATION = "consultation", _("Public consultation")
        EVALUATION = "evaluation", _("Evaluation")
        OTHER = "other", _("Other")

    class Mode(models.TextChoices):
        OPEN = "open", _("Open link")
        INVITATION = "invitation", _("Invitation list")
        INTERVIEWER = "interviewer", _("Interviewers")
        PAPER = "paper", _("Paper entry")

    class Results(models.TextChoices):
        PRIVATE = "private", _("The survey team only")
        LINK = "link", _("Anyone with the link")
        PUBLIC = "public", _("Public")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("organisation"),
    )
    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("public council"),
    )
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("state body"),
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("campaign"),
        help_text=_("The campaign whose needs this survey identifies."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.NEEDS)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    modes = models.JSONField(_("collection modes"), default=list, blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    listed = models.BooleanField(
        _("listed publicly"), default=False, help_text=_("Shown on the list of surveys anyone may answer.")
    )
    one_per_device = models.BooleanField(
        _("one response per device"),
        default=True,
        help_text=_(
            "An open-link respondent who has completed the survey on this device cannot start again."
        ),
    )
    sign_in_required = models.BooleanField(
        _("respondents sign in"),
        default=False,
        help_text=_("One response per person with an Azamat account."),
    )
    results = models.CharField(
        _("who sees the results"), max_length=10, choices=Results.choices, default=Results.PRIVATE
    )
    report_token = models.CharField(_("report link token"), max_length=64, default=new_token, editable=False)
    thank_you = models.TextField(_("message after the last page"), max_length=2000, blank=True)
    screen_out_message = models.TextField(
        _("message when a quota is full"),
        max_length=2000,
        blank=True,
        help_text=_("Shown politely to a respondent whose group is already complete."),
    )
    # The questions whose answers make the weighting cells (e.g. region, sex, age group); see PopulationShare.
    weight_questions = models.JSONField(_("weighting questions"), default=list, blank=True)
    # The questions the shareable report shows (empty: every non-personal question that is not open text).
    report_questions = models.JSONField(_("questions in the report"), default=list, blank=True)
    # The select_one question whose choice names are KATO codes of regions (filters and maps), when there is one.
    region_question = models.CharField(_("region question"), max_length=100, blank=True)
    min_seconds = models.PositiveIntegerField(
        _("shortest plausible duration, seconds"),
        null=True,
        blank=True,
        help_text=_("Completed faster than this, a response is flagged. Empty: a third of the median."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["report_token"])

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "listed"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, council__isnull=True, body__isnull=True)
                    | models.Q(organisation__isnull=True, council__isnull=False, body__isnull=True)
                    | models.Q(organisation__isnull=True, council__isnull=True, body__isnull=False)
                ),
                name="survey_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey", args=[self.pk])

    @property
    def owner(self):
        return self.organisation or self.council or self.body

    def is_collecting(self, now=None) -> bool:
        now = now or timezone.now()
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)

    def current_version(self):
        """The newest version (responses go to it); None before a form is made."""
        return self.versions.order_by("-number").first()


class SurveyVersion(models.Model):
    """The form at one time. A version that has responses is never changed: editing makes the next version."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="versions", verbose_name=_("survey")
    )
    number = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("form"), default=dict)
    source_name = models.CharField(_("uploaded file"), max_length=255, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        ordering = ["survey", "-number"]
        constraints = [models.UniqueConstraint(fields=["survey", "number"], name="survey_version_unique")]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"


class SurveyMember(models.Model):
    """The survey team: managers design the survey, run collection and manage the team; analysts read the raw
    responses, analyse and export. Interviewers are not team members: they see their assignments only."""

    class Role(models.TextChoices):
        MANAGER = "manager", _("Manager")
        ANALYST = "analyst", _("Analyst")

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="team", verbose_name=_("survey")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="survey_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.ANALYST)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("survey team member")
        verbose_name_plural = _("survey team")
        constraints = [models.UniqueConstraint(fields=["survey", "user"], name="survey_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.survey}"


class Assignment(models.Model):
    """An interviewer's work on a survey: an area or route and how many interviews are expected there."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("survey")
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="survey_assignments",
        verbose_name=_("interviewer"),
    )
    area = models.CharField(_("area"), max_length=200)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    route = models.TextField(
        _("route"),
        max_length=3000,
        blank=True,
        help_text=_("E.g. every fifth apartment from the corner house."),
    )
    target = models.PositiveIntegerField(_("interviews expected"), default=0)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interviewer assignment")
        verbose_name_plural = _("interviewer assignments")
        ordering = ["survey", "area", "pk"]

    def __str__(self) -> str:
        return f"{self.area} — {self.interviewer}"


class Quota(models.Model):
    """A target number of completed responses from one group of respondents: those whose answers match every
    condition (`{question name: [choice names]}`; any of the choices of a question). When the quota is full, a
    respondent of that group is screened out."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("survey")
    )
    label = models.CharField(_("name"), max_length=200)
    conditions = models.JSONField(_("conditions"), default=dict)
    target = models.IntegerField(_("target"), validators=[MinValueValidator(0)])
    completed = models.PositiveIntegerField(_("completed"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["survey", "label", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(target__gte=0), name="quota_target_not_negative")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_full(self) -> bool:
        return self.completed >= self.target


class PopulationShare(models.Model):
    """A known population share of one weighting cell (values of the survey's weighting questions, e.g. region ×
    sex × age group), from the census or the statistics bureau; the shares of a survey sum to one."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="population_shares", verbose_name=_("survey")
    )
    cell = models.JSONField(_("cell"), default=dict)
    share = models.DecimalField(_("share"), max_digits=9, decimal_places=8)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("population share")
        verbose_name_plural = _("population shares")
        ordering = ["survey", "pk"]

    def __str__(self) -> str:
        return f"{self.cell}: {self.share}"
