"""Election observation: an organisation observes an election day at polling stations, its observers fill the
standard checklist at each phase (opening, voting, counting) and report incidents, which become events of the
same record (type "election violation", linked to the election and the station) and go through verification
like any other. The checklist's questions are fixed in code (`elections.CHECKLIST`) so that every election's
answers mean the same thing; the public sees only the totals the organisation publishes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.vault import VaultField


class Election(models.Model):
    class Kind(models.TextChoices):
        PRESIDENTIAL = "presidential", _("Presidential election")
        MAZHILIS = "mazhilis", _("Election to the Mazhilis")
        MASLIKHAT = "maslikhat", _("Election to a maslikhat")
        AKIM = "akim", _("Election of an akim")
        REFERENDUM = "referendum", _("Referendum")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.PROTECT,
        related_name="monitoring_elections",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("As the election commission names it."))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    day = models.DateField(_("election day"))
    closed = models.BooleanField(
        _("observation closed"),
        default=False,
        help_text=_("Observers no longer send checklists or incidents."),
    )
    published_at = models.DateTimeField(_("totals published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = _("observed election")
        verbose_name_plural = _("observed elections")

    def __str__(self) -> str:
        return self.title


class PollingStation(models.Model):
    """A polling station observed: its number, where it is (region, settlement by KATO, the official address)
    and the observers assigned to it."""

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="stations", verbose_name=_("election")
    )
    number = models.CharField(_("station number"), max_length=20)
    region = models.ForeignKey(
        "registry.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    settlement_kato = models.CharField(_("settlement (KATO)"), max_length=9, blank=True)
    address = models.CharField(
        _("address"), max_length=300, help_text=_("As the election commission publishes it.")
    )
    observers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("observers")
    )
    history = HistoricalRecords(m2m_fields=[observers])

    class Meta:
        ordering = ["election", "number"]
        constraints = [
            models.UniqueConstraint(fields=["election", "number"], name="monitoring_station_unique_number")
        ]
        verbose_name = _("polling station")
        verbose_name_plural = _("polling stations")

    def __str__(self) -> str:
        return self.number


class Checklist(models.Model):
    """One observer's answers at one station for one phase of the day; sent again, it replaces the answers
    (the history keeps what was sent before)."""

    class Phase(models.TextChoices):
        OPENING = "opening", _("Opening")
        VOTING = "voting", _("Voting")
        COUNTING = "counting", _("Counting")

    station = models.ForeignKey(
        PollingStation, on_delete=models.CASCADE, related_name="checklists", verbose_name=_("polling station")
    )
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("observer")
    )
    phase = models.CharField(_("phase"), max_length=8, choices=Phase.choices)
    answers = models.JSONField(_("answers"), default=dict)  # question code → "yes" | "no" | "unseen"
    problems = models.PositiveSmallIntegerField(_("problems seen"), default=0)
    note = VaultField(_("note"))
    sent_at = models.DateTimeField(_("sent"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["station", "phase"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "observer", "phase"], name="monitoring_checklist_one_per_phase"
            )
        ]
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")

    def __str__(self) -> str:
        return f"{self.station} · {self.get_phase_display()}"
