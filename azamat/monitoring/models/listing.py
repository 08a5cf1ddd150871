"""The list of persecuted persons as a workflow: a candidate with the case materials, analysed against the
organisation's published criteria, decided by its expert group with the vote and the quorum recorded, listed or
not with the grounds and the version of the criteria; later changes of the person's situation with dates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from azamat.core.vault import VaultField


class Criteria(models.Model):
    """The organisation's published criteria (after PACE Resolution 1900 (2012)), versioned: a decision names the
    version it applied."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    version = models.PositiveSmallIntegerField(_("version"))
    text_kk = models.TextField(_("criteria in Kazakh"), max_length=20000)
    text_ru = models.TextField(_("criteria in Russian"), max_length=20000)
    adopted_on = models.DateField(_("adopted"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "version"], name="monitoring_criteria_version")
        ]
        verbose_name = _("criteria")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return str(_("Criteria, version %(version)s") % {"version": self.version})


class Candidate(models.Model):
    class Status(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        ANALYSIS = "analysis", _("Being analysed")
        DECISION = "decision", _("Awaiting the expert group")
        LISTED = "listed", _("Listed")
        NOT_LISTED = "not_listed", _("Not listed")
        REMOVED = "removed", _("Removed from the list")

    class Ground(models.TextChoices):
        BELIEFS = "beliefs", _("Persecuted solely for exercising rights or beliefs")
        POLITICAL = "political", _("Prosecuted with substantial violations of law for political motives")

    class Situation(models.TextChoices):
        PROSECUTED = "prosecuted", _("Under prosecution")
        DETAINED = "detained", _("Detained")
        RESTRICTED = "restricted", _("Restricted freedom")
        IMPRISONED = "imprisoned", _("Imprisoned")
        RELEASED = "released", _("Released")
        DECEASED = "deceased", _("Deceased")

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person = models.ForeignKey(
        "monitoring.Person",
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=pgettext_lazy("a person in a monitoring record", "person"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CANDIDATE)
    situation = models.CharField(
        _("situation"), max_length=10, choices=Situation.choices, default=Situation.PROSECUTED
    )
    events = models.ManyToManyField(
        "monitoring.Event", blank=True, related_name="+", verbose_name=_("events")
    )
    cases = models.ManyToManyField("monitoring.Case", blank=True, related_name="+", verbose_name=_("cases"))
    materials = VaultField(_("case materials"))
    analysis = VaultField(_("analysis against the criteria"))
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("analysed by"),
    )
    ground = models.CharField(_("ground"), max_length=10, choices=Ground.choices, blank=True)
    used_violence = models.BooleanField(
        _("used or called for violence"), default=False, help_text=_("Such persons are not listed.")
    )
    public_grounds = models.TextField(
        _("grounds, as published"),
        max_length=5000,
        blank=True,
        help_text=_("What the public list says about the case: redacted when published."),
    )
    listed_on = models.DateField(_("listed"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[events, cases])

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("candidate for the list")
        verbose_name_plural = _("candidates for the list")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ListDecision(models.Model):
    """The expert group's decision on a candidate, with its vote: valid only with the quorum present."""

    class Outcome(models.TextChoices):
        LIST = "list", _("List the person")
        NOT_LIST = "not_list", _("Do not list")
        REMOVE = "remove", _("Remove from the list")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("candidate")
    )
    decided_on = models.DateField(_("decided"))
    criteria = models.ForeignKey(
        Criteria, on_delete=models.PROTECT, related_name="+", verbose_name=_("criteria")
    )
    members = models.PositiveSmallIntegerField(_("members of the expert group"))
    present = models.PositiveSmallIntegerField(_("members present"))
    votes_for = models.PositiveSmallIntegerField(_("for"))
    votes_against = models.PositiveSmallIntegerField(_("against"))
    abstained = models.PositiveSmallIntegerField(_("abstained"), default=0)
    outcome = models.CharField(_("decision"), max_length=8, choices=Outcome.choices)
    grounds = models.TextField(_("grounds"), max_length=5000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["candidate", "-decided_on", "-pk"]
        verbose_name = _("decision of the expert group")
        verbose_name_plural = _("decisions of the expert group")

    def __str__(self) -> str:
        return f"#{self.pk}"


class SituationChange(models.Model):
    """Released, sentence changed, deceased…: the listed person's situation over time."""

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="changes", verbose_name=_("candidate")
    )
    situation = models.CharField(_("situation"), max_length=10, choices=Candidate.Situation.choices)
    on = models.DateField(_("date"))
    note = models.CharField(
        _("what changed"), max_length=500, blank=True, help_text=_("E.g. the sentence reduced to 3 years.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["candidate", "-on", "-pk"]
        verbose_name = _("change of situation")
        verbose_name_plural = _("changes of situation")

    def __str__(self) -> str:
        return f"#{self.pk}"
