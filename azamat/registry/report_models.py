"""Annual reports to the state NGO database: one report per organisation and year, filed by 31 March of the
next year. A filed version is frozen; a correction is a new version (a copy to edit, then filed), and the
version it replaces becomes superseded. The first filing's date stays with every later version, so a
correction never turns an on-time report into a late one."""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

DUE_MONTH, DUE_DAY = 3, 31
MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(0)]}


def due_on(year: int) -> datetime.date:
    """The last day to file the report on `year`: 31 March of the next year."""
    return datetime.date(year + 1, DUE_MONTH, DUE_DAY)


class AnnualReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FILED = "filed", _("Filed")
        SUPERSEDED = "superseded", _("Replaced by a correction")

    organisation = models.ForeignKey(
        "registry.Organisation",
        on_delete=models.CASCADE,
        related_name="annual_reports",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    # activities
    activities = models.TextField(_("activities in the year"), blank=True)
    areas = models.ManyToManyField(
        "registry.ActivityArea", blank=True, related_name="+", verbose_name=_("areas of activity")
    )
    regions = models.ManyToManyField(
        "registry.Region", blank=True, related_name="+", verbose_name=_("regions covered")
    )
    # people and property
    staff_count = models.PositiveIntegerField(_("staff"), default=0)
    volunteer_count = models.PositiveIntegerField(_("volunteers"), default=0)
    property_value = models.DecimalField(_("value of property at the year's end, ₸"), default=0, **MONEY)
    property_description = models.TextField(_("property"), blank=True)
    # money: the totals the organisation states, checked against the sums of its lines
    income_total = models.DecimalField(_("total income, ₸"), default=0, **MONEY)
    expenditure_total = models.DecimalField(_("total expenditure, ₸"), default=0, **MONEY)
    # filing
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("filed by"),
    )
    first_filed_on = models.DateField(
        _("first filed on"),
        null=True,
        blank=True,
        help_text=_("The date the first version was filed; kept by every correction."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(m2m_fields=[areas, regions])

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["organisation", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "version"], name="unique_report_version"),
            models.UniqueConstraint(
                fields=["organisation", "year"], condition=Q(status="draft"), name="one_draft_report_a_year"
            ),
            models.UniqueConstraint(
                fields=["organisation", "year"], condition=Q(status="filed"), name="one_filed_report_a_year"
            ),
        ]
        indexes = [models.Index(fields=["year", "status"], name="report_year_status")]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.year} v{self.version}"

    @property
    def due_on(self) -> datetime.date:
        return due_on(self.year)

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def on_time(self) -> bool | None:
        """Filed by the due date (by its first version); None while never filed."""
        return None if self.first_filed_on is None else self.first_filed_on <= self.due_on


class ReportFounder(models.Model):
    class Kind(models.TextChoices):
        # Not the shared "Person" (a user of the site, «Пользователь» in Russian): a founder who is a natural person.
        PERSON = "person", pgettext_lazy("kind of founder", "Individual")
        ORGANISATION = "organisation", _("Organisation")
        STATE = "state", _("State body")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="founders")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PERSON)
    name = models.CharField(_("name"), max_length=300)
    country = models.CharField(_("country"), max_length=2, default="KZ", help_text=_("ISO 3166 code."))
    identifier = models.CharField(_("BIN or IIN"), max_length=12, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("founder")
        verbose_name_plural = _("founders")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class ReportBeneficiary(models.Model):
    class Category(models.TextChoices):
        CHILDREN = "children", _("Children")
        YOUTH = "youth", _("Young people")
        ELDERLY = "elderly", _("Older people")
        DISABILITY = "disability", _("People with disabilities")
        WOMEN = "women", _("Women")
        LOW_INCOME = "low_income", _("Low-income families")
        RURAL = "rural", _("Rural residents")
        OTHER = "other", _("Others")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="beneficiaries")
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    number = models.PositiveIntegerField(_("number of people"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("beneficiaries")
        verbose_name_plural = _("beneficiaries")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="one_beneficiary_line_a_category")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.number}"


class ReportProject(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="projects")
    title = models.CharField(_("project"), max_length=500)
    area = models.ForeignKey(
        "registry.ActivityArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area of activity"),
    )
    amount = models.DecimalField(_("amount, ₸"), null=True, blank=True, **MONEY)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), default=0)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportIncome(models.Model):
    class Source(models.TextChoices):
        STATE_GRANT = "state_grant", _("State grants")
        STATE_ORDER = "state_order", _("State social order")
        FOREIGN = "foreign", _("Foreign sources")
        DONATIONS = "donations", _("Donations")
        BUSINESS = "business", _("Business activity")
        MEMBERSHIP = "membership", _("Membership fees")
        OTHER = "other", _("Other income")

    STATE = (Source.STATE_GRANT, Source.STATE_ORDER)
    PRIVATE = (Source.DONATIONS, Source.BUSINESS, Source.MEMBERSHIP, Source.OTHER)

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="income")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    amount = models.DecimalField(_("amount, ₸"), **MONEY)
    donor = models.CharField(_("donor"), max_length=300, blank=True)
    country = models.CharField(_("donor's country"), max_length=2, blank=True, help_text=_("ISO 3166 code."))
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("income")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["report", "source"], name="report_income_source")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class ReportExpense(models.Model):
    class Category(models.TextChoices):
        STAFF = "staff", _("Salaries and taxes on them")
        PROGRAMMES = "programmes", _("Programmes and projects")
        PREMISES = "premises", _("Rent and utilities")
        EQUIPMENT = "equipment", _("Equipment")
        ADMINISTRATION = "administration", _("Administration")
        TAXES = "taxes", _("Other taxes and fees")
        OTHER = "other", _("Other expenditure")

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="expenses")
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    amount = models.DecimalField(_("amount, ₸"), **MONEY)
    position = models.PositiveSmallIntegerField(pgettext_lazy("sort order", "position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditure")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.amount}"


class ReportReminder(models.Model):
    """The last weekly reminder sent to an organisation's administrators about its report on a year."""

    organisation = models.ForeignKey(
        "registry.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("organisation")
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("annual report reminder")
        verbose_name_plural = _("annual report reminders")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_report_reminder_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} · {self.year} · {self.sent_on}"
