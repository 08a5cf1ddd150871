"""Grant types with their own rules, calls for applications, and the calls' priority directions."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.registry.models import ABOUT_LANGUAGES, GovernmentBody, Region, _localised

DESCRIPTION_FIELDS = ("description_kk", "description_ru", "description_en")


def _texts(obj, field: str) -> list[tuple[str, str]]:
    """(language code, text) of every variant of `field` written, the reader's language first, then kk, ru, en:
    what a page shows, the others each marked with its language (as an organisation's "about")."""
    lang = (get_language() or "kk")[:2]
    order = [lang] + [code for code in ABOUT_LANGUAGES if code != lang]
    return [(code, getattr(obj, f"{field}_{code}")) for code in order if getattr(obj, f"{field}_{code}", "")]


class Instrument(models.TextChoices):
    STATE_GRANT = "state_grant", _("State grant")
    SOCIAL_ORDER = "social_order", _("State social order")
    AWARD = "award", _("Award")


class Term(models.TextChoices):
    SHORT = "short", _("Short-term")
    MEDIUM = "medium", _("Medium-term")
    LONG = "long", _("Long-term")


class GrantType(models.Model):
    """A kind of funding with its own rules: limits, eligibility, selection, payments and reports."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_kk = models.CharField(_("name in Kazakh"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument.choices, default=Instrument.STATE_GRANT
    )
    term = models.CharField(_("term"), max_length=10, choices=Term.choices, default=Term.SHORT)
    # Amount range: in tenge, or in МРП converted at the call's opening date.
    limits_in_mrp = models.BooleanField(_("limits in МРП"), default=False)
    min_amount = models.DecimalField(_("minimum amount"), max_digits=14, decimal_places=2, default=Decimal(0))
    max_amount = models.DecimalField(_("maximum amount"), max_digits=14, decimal_places=2)
    min_months = models.PositiveSmallIntegerField(_("shortest project, months"), default=1)
    max_months = models.PositiveSmallIntegerField(_("longest project, months"), default=12)
    # Eligibility.
    min_years_registered = models.PositiveSmallIntegerField(
        _("years since registration, at least"), default=0
    )
    allowed_legal_forms = models.JSONField(
        _("allowed legal forms"),
        default=list,
        blank=True,
        help_text=_("Empty: every non-commercial legal form."),
    )
    same_region_only = models.BooleanField(_("only organisations of the direction's region"), default=False)
    required_documents = models.JSONField(
        _("required documents"),
        default=list,
        blank=True,
        help_text=_('A list of {"code": …, "name_kk": …, "name_ru": …, "name_en": …}.'),
    )
    # Selection.
    two_stage = models.BooleanField(
        _("two-stage selection"), default=False, help_text=_("Independent experts, then a tender commission.")
    )
    experts_per_application = models.PositiveSmallIntegerField(_("experts per application"), default=3)
    blind_review = models.BooleanField(_("blind review"), default=True)
    max_score_spread = models.DecimalField(
        _("largest spread of experts' totals"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(25),
        help_text=_("Beyond it, the application goes to an extra expert."),
    )
    # Payments and reports.
    advance_percent = models.PositiveSmallIntegerField(_("advance, %"), default=30)
    tranche_percents = models.JSONField(
        _("tranches, %"), default=list, help_text=_("E.g. [30, 40, 30]; the first is the advance.")
    )
    advance_due_working_days = models.PositiveSmallIntegerField(
        _("advance due, working days after signing"), default=10
    )
    report_months = models.JSONField(_("interim reports, months after start"), default=list, blank=True)
    simplified_report_up_to = models.DecimalField(
        _("simplified report up to, ₸"), max_digits=14, decimal_places=2, default=Decimal(0)
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant type")
        verbose_name_plural = _("grant types")
        ordering = ["instrument", "term", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")


class Criterion(models.Model):
    grant_type = models.ForeignKey(
        GrantType, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("grant type")
    )
    name_kk = models.CharField(_("name in Kazakh"), max_length=300)
    name_ru = models.CharField(_("name in Russian"), max_length=300)
    name_en = models.CharField(_("name in English"), max_length=300)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=Decimal(1))
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=10)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    rubric = models.JSONField(
        _("rubric"),
        default=dict,
        blank=True,
        help_text=_(
            'What each score level means, per language: {"kk": "…", "ru": "…", "en": "…"}; one level a line.'
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        ordering = ["grant_type", "position"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return _localised(self, "name")

    @property
    def rubric_text(self) -> str:
        """The rubric in the current language, else in Russian, Kazakh or English."""
        rubric = self.rubric if isinstance(self.rubric, dict) else {}
        for language in (get_language() or "", "ru", "kk", "en"):
            text = rubric.get(language[:2])
            if text:
                return text
        return ""


class Call(models.Model):
    """A call for applications of one grant type, by a customer body through the operator."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    title_kk = models.CharField(_("title in Kazakh"), max_length=300)
    title_ru = models.CharField(_("title in Russian"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description_kk = models.TextField(_("description in Kazakh"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    grant_type = models.ForeignKey(
        GrantType, on_delete=models.PROTECT, related_name="calls", verbose_name=_("grant type")
    )
    customer = models.ForeignKey(
        GovernmentBody,
        on_delete=models.PROTECT,
        related_name="calls_commissioned",
        verbose_name=_("customer"),
    )
    operator = models.ForeignKey(
        GovernmentBody, on_delete=models.PROTECT, related_name="calls_operated", verbose_name=_("operator")
    )
    discussion_until = models.DateField(_("public discussion of directions until"), null=True, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    published = models.BooleanField(_("published"), default=False)
    results_published = models.BooleanField(_("results published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("grants:call", kwargs={"code": self.code})

    @property
    def title(self) -> str:
        return _localised(self, "title")

    def description_texts(self) -> list[tuple[str, str]]:
        return _texts(self, "description")

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.published and self.opens_at <= now < self.closes_at

    @property
    def phase(self) -> str:
        """Computed from the dates, not stored: draft, discussion, upcoming, open, closed, results."""
        now = timezone.now()
        if not self.published:
            return "draft"
        if self.results_published:
            return "results"
        if now < self.opens_at:
            if self.discussion_until and timezone.localdate(now) <= self.discussion_until:
                return "discussion"
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class Direction(models.Model):
    """A priority direction of a call: its budget, the planned number of grants, optionally a region."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="directions", verbose_name=_("call")
    )
    title_kk = models.CharField(_("title in Kazakh"), max_length=300)
    title_ru = models.CharField(_("title in Russian"), max_length=300)
    title_en = models.CharField(_("title in English"), max_length=300, blank=True)
    description_kk = models.TextField(_("description in Kazakh"), blank=True)
    description_ru = models.TextField(_("description in Russian"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    budget = models.DecimalField(_("budget, ₸"), max_digits=16, decimal_places=2)
    planned_grants = models.PositiveIntegerField(_("planned number of grants"), default=1)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["call", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _localised(self, "title")

    def description_texts(self) -> list[tuple[str, str]]:
        return _texts(self, "description")


class DirectionComment(models.Model):
    """A comment in the public discussion of a call's directions."""

    direction = models.ForeignKey(
        Direction, on_delete=models.CASCADE, related_name="comments", verbose_name=_("direction")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on a direction")
        verbose_name_plural = _("comments on directions")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author}: {self.text[:40]}"
