"""Candidates for a council's formation or rotation, their declarations of kin and property relations with
officials of the body the council sits at, and the list frozen at a date for the election.

A candidate's eligibility is computed from the declaration (no declaration yet: not eligible yet; a declared
relation: not eligible, with the relation as the reason). Freezing a list writes one `CandidateEntry` per
candidate — position, name, eligibility and reason as they stood that day — and closes the list to changes, so a
later secret election reads a list that can no longer move under it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["CandidateEntry", "CandidateList", "Candidate", "Relation"]


class CandidateList(models.Model):
    """The candidates of one round of a council's formation or rotation."""

    class Kind(models.TextChoices):
        FORMATION = "formation", _("Formation of the council")
        ROTATION = "rotation", _("Rotation of the council")

    council = models.ForeignKey(
        "councils.Council",
        on_delete=models.CASCADE,
        related_name="candidate_lists",
        verbose_name=_("council"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    frozen_on = models.DateField(_("frozen on"), null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("frozen by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("list of candidates")
        verbose_name_plural = _("lists of candidates")
        ordering = ["-opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(frozen_at__isnull=True),
                name="one_open_candidate_list_per_council",
            )
        ]

    def __str__(self) -> str:
        return f"{self.council} — {self.get_kind_display()}"

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Candidate(models.Model):
    class Represents(models.TextChoices):
        NGO = "ngo", _("A non-governmental organisation")
        CITIZEN = "citizen", _("Citizens")

    candidate_list = models.ForeignKey(
        CandidateList,
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("list of candidates"),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_candidacies",
        verbose_name=_("account on Azamat"),
    )
    represents = models.CharField(_("represents"), max_length=10, choices=Represents.choices)
    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="council_candidacies",
        verbose_name=_("organisation"),
    )
    motivation = models.TextField(_("motivation"), max_length=5000)
    declared_at = models.DateTimeField(_("declaration made at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["full_name", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Relation(models.Model):
    """A declared kin or property relation of a candidate with an official of the body the council sits at."""

    class Kind(models.TextChoices):
        KIN = "kin", _("Kinship")
        PROPERTY = "property", _("Property relation")

    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="relations", verbose_name=_("candidate")
    )
    kind = models.CharField(_("kind of relation"), max_length=10, choices=Kind.choices)
    official_name = models.CharField(_("official's full name"), max_length=200)
    official_position = models.CharField(_("official's position"), max_length=300)
    relation = models.CharField(_("relation"), max_length=200)
    body = models.ForeignKey(
        "registry.GovernmentBody",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("body"),
    )
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declared relation")
        verbose_name_plural = _("declared relations")
        ordering = ["declared_at", "pk"]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.relation} — {self.official_name}"


class CandidateEntry(models.Model):
    """A candidate as the frozen list holds them: what an election reads."""

    candidate_list = models.ForeignKey(
        CandidateList, on_delete=models.CASCADE, related_name="entries", verbose_name=_("list of candidates")
    )
    candidate = models.OneToOneField(
        Candidate, on_delete=models.PROTECT, related_name="entry", verbose_name=_("candidate")
    )
    position = models.PositiveSmallIntegerField(_("number in the list"))
    full_name = models.CharField(_("full name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=500, blank=True)
    eligible = models.BooleanField(_("eligible"))
    reason = models.TextField(_("reason"), max_length=5000, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("entry of a frozen list")
        verbose_name_plural = _("entries of frozen lists")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["candidate_list", "position"], name="unique_candidate_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.full_name}"
