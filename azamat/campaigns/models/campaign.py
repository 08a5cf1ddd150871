"""A campaign, its team and coalition partners. Private unless made public, and then only the parts chosen."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Campaign(models.Model):
    class Visibility(models.TextChoices):
        PRIVATE = "private", _("Private to the team")
        PUBLIC = "public", _("Public")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Running")
        COMPLETED = "completed", _("Completed")
        ARCHIVED = "archived", _("Archived")

    class Stage(models.TextChoices):
        NEEDS = "needs", _("Needs")
        STAKEHOLDERS = "stakeholders", _("Stakeholders")
        METHODS = "methods", _("Methods and messages")
        PLAN = "plan", _("Action plan")
        RISKS = "risks", _("Risks")
        EVALUATION = "evaluation", _("Evaluation")

    # The parts a public campaign may show; risks and the team never.
    PUBLIC_PARTS = (
        "problem",
        "objectives",
        "needs",
        "stakeholders",
        "methods",
        "plan",
        "evaluation",
        "petitions",
    )

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("lead organisation"),
    )
    title = models.CharField(_("title"), max_length=300)
    problem_statement = models.TextField(_("problem statement"), max_length=10000)
    problem = models.ForeignKey(
        "problems.Problem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("problem in the register"),
    )
    target_audience = models.TextField(_("target audience"), max_length=5000, blank=True)
    goal = models.TextField(_("goal"), max_length=5000, blank=True)
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for a national campaign."),
    )
    rules = models.TextField(
        _("rules of interaction"),
        max_length=10000,
        blank=True,
        help_text=_(
            "How the coalition's partners work together: decisions, speaking for the coalition, data."
        ),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    public_parts = models.JSONField(_("parts shown publicly"), default=list, blank=True)
    stage = models.CharField(_("current stage"), max_length=20, choices=Stage.choices, default=Stage.NEEDS)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The token of the team's private calendar feed (iCalendar); a new one when the team changes.
    feed_token = models.CharField(_("calendar feed token"), max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["visibility", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    def shows(self, part: str) -> bool:
        """Whether the public page shows `part` (never risks or the team)."""
        return self.is_public and part in self.PUBLIC_PARTS and part in (self.public_parts or [])


class TeamMember(models.Model):
    """A person on the campaign's team: the team reads and edits every private part."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Coordinator")
        MEMBER = "member", _("Team member")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="team", verbose_name=_("campaign")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="campaign_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    can_see = models.TextField(
        _("what this person may see"), max_length=1000, blank=True, help_text=_("Agreed within the team.")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [models.UniqueConstraint(fields=["campaign", "user"], name="campaign_team_once")]
        ordering = ["campaign", "role", "pk"]

    def __str__(self) -> str:
        return str(self.user)


class Partner(models.Model):
    """An organisation invited to the coalition; it sees the parts the lead shares with partners."""

    class Role(models.TextChoices):
        CO_LEAD = "co_lead", _("Co-lead")
        PARTNER = "partner", _("Partner")
        SUPPORTER = "supporter", _("Supporter")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left the coalition")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="partners", verbose_name=_("campaign")
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="campaign_partnerships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    responsibilities = models.TextField(_("responsibilities"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    # The stages the lead shares with this partner (codes of Campaign.Stage, "problem", "objectives").
    shared_parts = models.JSONField(_("parts shared with the partner"), default=list, blank=True)
    rules_agreed_at = models.DateTimeField(_("rules agreed"), null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("invited by")
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coalition partner")
        verbose_name_plural = _("coalition partners")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="campaign_partner_once")
        ]
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return str(self.organisation)
