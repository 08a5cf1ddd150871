"""A campaign and the tools of its five stages. Private to its team unless made public, and then only the parts
chosen; risks and the team are never public."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
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


class Objective(models.Model):
    """A SMART objective: specific text, how it is measured, the target and the date."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="objectives", verbose_name=_("campaign")
    )
    text = models.TextField(_("objective"), max_length=2000)
    measure = models.CharField(_("how it is measured"), max_length=300, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    due_on = models.DateField(_("by"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["campaign", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Need(models.Model):
    """A need of the target audience and how it was checked."""

    class Source(models.TextChoices):
        SURVEY = "survey", _("Survey")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        FOCUS_GROUP = "focus_group", _("Focus group")
        INTERVIEW = "interview", _("Interviews")
        STATISTICS = "statistics", _("Official statistics")
        CASES = "cases", _("Cases from our work")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="needs", verbose_name=_("campaign")
    )
    text = models.TextField(_("need"), max_length=3000)
    audience = models.CharField(_("whose need"), max_length=300, blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), default=2, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    source = models.CharField(_("how it was checked"), max_length=20, choices=Source.choices, blank=True)
    evidence = models.TextField(_("evidence"), max_length=5000, blank=True)
    # The link point for surveys: a survey on Azamat (a later module) or elsewhere.
    survey_url = models.URLField(_("survey link"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["campaign", "priority", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Stakeholder(models.Model):
    class Kind(models.TextChoices):
        BODY = "body", _("Government body")
        OFFICIAL = "official", _("Official")
        ORGANISATION = "organisation", _("Organisation")
        MEDIA = "media", _("Media")
        BUSINESS = "business", _("Business")
        PUBLIC_FIGURE = "public_figure", _("Public figure")
        OTHER = "other", _("Other")

    class Position(models.IntegerChoices):
        OPPOSE = -2, _("Opposes")
        LEAN_OPPOSE = -1, _("Leans against")
        NEUTRAL = 0, _("Neutral")
        LEAN_SUPPORT = 1, _("Leans in favour")
        SUPPORT = 2, _("Supports")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="stakeholders", verbose_name=_("campaign")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300, blank=True)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("government body"),
    )
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    position = models.SmallIntegerField(_("position"), choices=Position.choices, default=Position.NEUTRAL)
    influence = models.PositiveSmallIntegerField(_("influence (1–5)"), default=3, validators=SCALE)
    interest = models.PositiveSmallIntegerField(_("interest (1–5)"), default=3, validators=SCALE)
    notes = models.TextField(_("notes"), max_length=3000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["campaign", "-influence", "-interest", "pk"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.body_id:
            return str(self.body)
        if self.organisation_id:
            return str(self.organisation)
        return self.name


class Method(models.Model):
    class Kind(models.TextChoices):
        PETITION = "petition", _("Petition")
        LETTER = "letter", _("Letter")
        APPEAL = "appeal", _("Appeal through e-Otinish")
        COURT = "court", _("Court action")
        MEETING = "meeting", _("Meeting with officials")
        MEDIA = "media", _("Media and social networks")
        EVENT = "event", _("Public event")
        COALITION = "coalition", _("Coalition building")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="methods", verbose_name=_("campaign")
    )
    kind = models.CharField(_("method"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("to"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["campaign", "starts_on", "pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class Message(models.Model):
    """What the campaign says to one audience."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="messages", verbose_name=_("campaign")
    )
    audience = models.CharField(_("audience"), max_length=300)
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("stakeholder"),
    )
    text = models.TextField(_("message"), max_length=3000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.audience


class Action(models.Model):
    """A step of the action plan on the timeline; a court action carries its case."""

    class Kind(models.TextChoices):
        ACTION = "action", _("Action")
        MEETING = "meeting", _("Meeting")
        PUBLICATION = "publication", _("Publication")
        EVENT = "event", _("Event")
        COURT = "court", _("Court action")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        PENDING = "", _("Pending")
        WON = "won", _("Claim granted")
        PARTLY = "partly", _("Partly granted")
        LOST = "lost", _("Claim dismissed")
        SETTLED = "settled", _("Settled")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="actions", verbose_name=_("campaign")
    )
    method = models.ForeignKey(
        Method,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("method"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ACTION)
    title = models.CharField(_("action"), max_length=300)
    notes = models.TextField(_("notes"), max_length=5000, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    # A court action.
    case_number = models.CharField(_("case number"), max_length=100, blank=True)
    court = models.CharField(_("court"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["campaign", "starts_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Hearing(models.Model):
    """A hearing of a court action."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("court action")
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("what happened"), max_length=3000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["action", "held_on", "pk"]

    def __str__(self) -> str:
        return str(self.held_on)


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
