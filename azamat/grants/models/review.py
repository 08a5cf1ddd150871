"""Stage 1: the compliance check, the register of experts, their conflicts, assignment and scoring."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.bin import validate_bin
from azamat.grants.models.applications import Application
from azamat.grants.models.programmes import Call, Criterion
from azamat.registry.models import ActivityArea, Organisation


class ComplianceCheck(models.Model):
    class Decision(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        CLARIFICATION = "clarification", _("Clarification requested")
        REJECTED = "rejected", _("Rejected")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="compliance_checks", verbose_name=_("application")
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    checklist = models.JSONField(_("checklist"), default=dict)
    reasons = models.TextField(_("reasons"), blank=True)
    due_on = models.DateField(_("due on"))
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("compliance check")
        verbose_name_plural = _("compliance checks")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_decision_display()}"


class Expert(models.Model):
    """A person in the register of independent experts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert", verbose_name=_("person")
    )
    areas = models.ManyToManyField(
        ActivityArea, related_name="experts", blank=True, verbose_name=_("areas of expertise")
    )
    languages = models.JSONField(_("languages"), default=list, help_text=_('E.g. ["kk", "ru"].'))
    max_load = models.PositiveSmallIntegerField(_("most applications per call"), default=30)
    active = models.BooleanField(_("active"), default=True)
    bio = models.TextField(_("experience"), blank=True)
    # Areas decide which applications an expert may be drawn for, so their changes are kept too.
    history = HistoricalRecords(m2m_fields=[areas])

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)


class ConflictDeclaration(models.Model):
    """An expert's or commission member's tie to an organisation, declared before seeing applications: one on
    Azamat (`organisation`), or one not on Azamat, by its name and, when known, its BIN (`outside_*`), which is
    matched against applicants when experts are drawn and members recused (services/conflicts.py)."""

    class Relation(models.TextChoices):
        WORKS_FOR = "works_for", _("Works or worked for it")
        FOUNDED = "founded", _("Founded it")
        ADVISED = "advised", _("Advised it")
        RELATED = "related", _("Otherwise related")
        KIN = "kin", _("Kin of its leader")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
        help_text=_("Empty for an organisation not on Azamat, named below."),
    )
    outside_name = models.CharField(_("organisation not on Azamat"), max_length=300, blank=True)
    outside_bin = models.CharField(
        _("BIN of the organisation not on Azamat"), max_length=12, blank=True, validators=[validate_bin]
    )
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_at = models.DateTimeField(_("declared at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "relation"], name="unique_conflict_declaration"
            ),
            models.UniqueConstraint(
                fields=["person", "outside_bin", "relation"],
                condition=~models.Q(outside_bin=""),
                name="unique_outside_conflict_bin",
            ),
            # Either an organisation on Azamat, or one outside it by name (and BIN): never both, never neither.
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, outside_name="", outside_bin="")
                    | (models.Q(organisation__isnull=True) & ~models.Q(outside_name=""))
                ),
                name="conflict_declaration_one_party",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.party_name}"

    @property
    def is_outside(self) -> bool:
        return self.organisation_id is None

    @property
    def party_name(self) -> str:
        return self.outside_name if self.organisation_id is None else self.organisation.name

    @property
    def party_bin(self) -> str:
        return self.outside_bin if self.organisation_id is None else self.organisation.bin


class DeclarationConfirmation(models.Model):
    """A person's statement, per call, that their declaration of conflicts is complete."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+", verbose_name=_("call"))
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("confirmed declaration")
        verbose_name_plural = _("confirmed declarations")
        constraints = [
            models.UniqueConstraint(fields=["person", "call"], name="unique_declaration_confirmation")
        ]

    def __str__(self) -> str:
        return f"{self.person} / {self.call}"


class Draw(models.Model):
    """One assignment run for a call: the method, the published seed, the result and what stayed uncovered."""

    class Method(models.TextChoices):
        RANDOM = "random", _("Random draw")
        OPTIMISED = "optimised", _("Optimised assignment")

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="draws", verbose_name=_("call"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    seed = models.CharField(_("seed"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    uncovered = models.JSONField(_("applications not covered"), default=list)
    quality = models.DecimalField(_("match quality"), max_digits=6, decimal_places=3, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert draw")
        verbose_name_plural = _("expert draws")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.call}: {self.get_method_display()} ({self.seed})"


class Assignment(models.Model):
    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Assigned")
        SUBMITTED = "submitted", _("Scored")
        RECUSED = "recused", _("Recused")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("application")
    )
    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("expert")
    )
    draw = models.ForeignKey(
        Draw,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("draw"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    is_extra = models.BooleanField(_("extra expert for disagreement"), default=False)
    recusal_reason = models.CharField(_("reason for recusal"), max_length=500, blank=True)
    # Set when the operator gave the application to another expert (services.reassignment.assignment_change):
    # the status is "recused" (off the application, as everywhere) and recusal_reason holds the operator's reason.
    replaced_by_operator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by (operator)"),
    )
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replacement",
        verbose_name=_("replaces"),
        help_text=_("The recused assignment this one was drawn to replace."),
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("scored at"), null=True, blank=True)
    # The expert's unsubmitted scores, {criterion id: {"value": int | None, "justification": str}}: kept
    # apart from Score so that a draft can never count in an average or a ranking.
    draft_scores = models.JSONField(_("draft scores"), default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert assignment")
        verbose_name_plural = _("expert assignments")
        constraints = [models.UniqueConstraint(fields=["application", "expert"], name="unique_assignment")]

    def __str__(self) -> str:
        return f"{self.expert} → {self.application}"


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assignment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    justification = models.TextField(_("justification"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["assignment", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"
