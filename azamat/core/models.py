"""Reference tables every module uses: the monthly calculation index (МРП/АЕК) by date."""

import datetime
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class MonthlyIndex(models.Model):
    """The МРП (АЕК) in tenge, in force from a date; fees, fines and grant limits are counted in it."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.DecimalField(_("amount, ₸"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("monthly calculation index")
        verbose_name_plural = _("monthly calculation index")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d}: {self.amount} ₸"

    @classmethod
    def on(cls, day: datetime.date) -> Decimal:
        row = cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
        if row is None:
            raise LookupError(f"No МРП is known for {day}")
        return row.amount
