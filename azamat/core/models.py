"""Reference tables every module uses: the monthly calculation index (МРП/АЕК) by date, and the working days
that government decrees move."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from azamat.core.public_cache import cached_data, topics_bump


class MonthlyIndex(models.Model):
    """The МРП (АЕК) in tenge, in force from a date; fees, fines and grant limits are counted in it."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.DecimalField(_("amount, ₸"), max_digits=10, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly calculation index")
        verbose_name_plural = _("monthly calculation index")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}: {self.amount} ₸"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _reference_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _reference_changed()
        return result

    @classmethod
    def on(cls, day: datetime.date) -> Decimal:
        """The МРП in force on `day`. The table (a row a year) is kept in the cache until a row is saved or
        deleted, which moves the public topic "reference" (a call's page shows its limits in tenge)."""
        rows = cached_data(
            "monthly-index",
            ["reference"],
            lambda: list(cls.objects.order_by("-valid_from").values_list("valid_from", "amount")),
        )
        for valid_from, amount in rows:
            if valid_from <= day:
                return amount
        raise LookupError(f"No МРП is known for {day}")


def _reference_changed() -> None:
    topics_bump("reference")


class WorkingDayTransfer(models.Model):
    """A day a government decree makes working (a Saturday before a holiday bridge) or a day off (the Monday
    after it). The `holidays` package knows some of them; an administrator adds the rest as decrees appear,
    and every deadline counted in working days follows them."""

    date = models.DateField(_("date"), unique=True)
    is_working = models.BooleanField(
        _("working day"),
        help_text=_(
            "Ticked: a working day (for example, a Saturday worked instead of a "
            "bridge day). Not ticked: a day off."
        ),
    )
    decree = models.CharField(
        _("decree"),
        max_length=300,
        help_text=_("The government decree that moves the day: its number and date."),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transferred working day")
        verbose_name_plural = _("transferred working days")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}: {self.is_working and 'working' or 'day off'}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        _forget_transfers()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        _forget_transfers()
        return result


def _forget_transfers() -> None:
    # Imported here: working_days reads this model, and the model only tells it to forget what it read.
    from azamat.core import working_days

    working_days.transfers_changed()
