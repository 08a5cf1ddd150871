"""Legal aid and strategic litigation (cases with their hearings), blocked websites with their checks over time,
and detention monitoring (where a person is held, in what conditions, the visits)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from azamat.core.vault import VaultField


class Case(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        PENDING = "", _("Not decided yet")
        WON = "won", _("Decided in the client's favour")
        PARTLY = "partly", _("Partly in the client's favour")
        LOST = "lost", _("Lost")
        SETTLED = "settled", _("Settled or withdrawn")
        INTERNATIONAL = "international", _("Taken to an international body")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="monitoring_cases",
        verbose_name=_("organisation"),
    )
    title = VaultField(_("title"))
    client = models.ForeignKey(
        "monitoring.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("client"),
    )
    court = models.CharField(_("court"), max_length=300, blank=True)
    court_number = VaultField(_("case number in court"))
    strategic = models.BooleanField(_("strategic litigation"), default=False)
    lawyers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="monitoring_cases", verbose_name=_("lawyers")
    )
    events = models.ManyToManyField(
        "monitoring.Event", blank=True, related_name="cases", verbose_name=_("events it arises from")
    )
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("outcome"), max_length=13, choices=Outcome.choices, blank=True, default="")
    notes = VaultField(_("notes"))
    opened_on = models.DateField(_("opened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    history = HistoricalRecords(m2m_fields=[lawyers, events])

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings", verbose_name=_("case"))
    date = models.DateField(_("date"))
    stage = models.CharField(
        _("stage"), max_length=200, blank=True, help_text=_("E.g. first instance, appeal, cassation.")
    )
    result = VaultField(_("result"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "date", "pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self) -> str:
        return f"#{self.pk}"


class BlockedSite(models.Model):
    """A website reported blocked in Kazakhstan; its checks over time show whether it still is."""

    class Status(models.TextChoices):
        BLOCKED = "blocked", _("Blocked")
        PARTLY = "partly", _("Blocked by some providers")
        ACCESSIBLE = "accessible", _("Accessible")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="blocked_sites",
        verbose_name=_("organisation"),
    )
    url = models.URLField(_("address"), max_length=500)
    reported_on = models.DateField(_("reported"))
    legal_basis = models.CharField(
        _("legal basis claimed"),
        max_length=500,
        blank=True,
        help_text=_("The ruling or article cited, if any."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.BLOCKED)
    help_given = models.TextField(_("legal help given"), max_length=5000, blank=True)
    event = models.ForeignKey(
        "monitoring.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("event"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "url"], name="monitoring_site_once")]
        verbose_name = _("blocked website")
        verbose_name_plural = _("blocked websites")

    def __str__(self) -> str:
        return self.url


class SiteCheck(models.Model):
    site = models.ForeignKey(
        BlockedSite, on_delete=models.CASCADE, related_name="checks", verbose_name=_("site")
    )
    checked_at = models.DateTimeField(_("checked"))
    result = models.CharField(_("result"), max_length=10, choices=BlockedSite.Status.choices)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    evidence = models.TextField(
        _("evidence"),
        max_length=5000,
        blank=True,
        help_text=_("What the check showed: the error, a traceroute."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["site", "-checked_at", "-pk"]
        verbose_name = _("check")
        verbose_name_plural = _("checks")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Detention(models.Model):
    """Where a person is held, from when, in what conditions."""

    person = models.ForeignKey(
        "monitoring.Person",
        on_delete=models.CASCADE,
        related_name="detentions",
        verbose_name=pgettext_lazy("a person in a monitoring record", "person"),
    )
    place = models.CharField(
        _("place of detention"), max_length=300, help_text=_("E.g. a penal colony's name.")
    )
    region = models.ForeignKey(
        "registry.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    conditions = VaultField(_("conditions"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-since"]
        verbose_name = _("detention")
        verbose_name_plural = _("detentions")

    def __str__(self) -> str:
        return f"#{self.pk}"


class DetentionVisit(models.Model):
    detention = models.ForeignKey(
        Detention, on_delete=models.CASCADE, related_name="visits", verbose_name=_("detention")
    )
    visited_on = models.DateField(_("visited"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("visitor"),
    )
    notes = VaultField(_("what was found"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["detention", "-visited_on"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self) -> str:
        return f"#{self.pk}"
