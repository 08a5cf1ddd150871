"""The МРП in tenge: 3,932 ₸ in 2025, 4,325 ₸ in 2026 (later years are added in the admin)."""

import datetime
from decimal import Decimal

from django.db import migrations

VALUES = [(datetime.date(2024, 1, 1), Decimal("3692")), (datetime.date(2025, 1, 1), Decimal("3932")),
          (datetime.date(2026, 1, 1), Decimal("4325"))]


def load(apps, schema_editor):
    MonthlyIndex = apps.get_model("core", "MonthlyIndex")
    for valid_from, amount in VALUES:
        MonthlyIndex.objects.update_or_create(valid_from=valid_from, defaults={"amount": amount})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
