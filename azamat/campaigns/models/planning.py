"""Planning a campaign: objectives, needs, stakeholders, methods, messages, the action plan and hearings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from azamat.campaigns.models.campaign import SCALE, Campaign


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
