"""The commission's secretary (keeps the sittings, does not vote) and the protocol's number per commission."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def number_closed_sittings(apps, schema_editor):
    """Sittings closed before numbering get their numbers in the order they closed."""
    Sitting = apps.get_model("grants", "Sitting")
    counters: dict[int, int] = {}
    for sitting in Sitting.objects.filter(closed_at__isnull=False).order_by(
        "commission_id", "closed_at", "pk"
    ):
        counters[sitting.commission_id] = counters.get(sitting.commission_id, 0) + 1
        sitting.protocol_number = counters[sitting.commission_id]
        sitting.save(update_fields=["protocol_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0010_score_drafts"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="commission",
            name="secretary",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="commission_secretaryships",
                to=settings.AUTH_USER_MODEL,
                verbose_name="secretary",
            ),
        ),
        migrations.AddField(
            model_name="historicalcommission",
            name="secretary",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="secretary",
            ),
        ),
        migrations.AddField(
            model_name="historicalsitting",
            name="protocol_number",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="protocol number"),
        ),
        migrations.AddField(
            model_name="sitting",
            name="protocol_number",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="protocol number"),
        ),
        migrations.AddConstraint(
            model_name="sitting",
            constraint=models.UniqueConstraint(
                fields=("commission", "protocol_number"), name="unique_protocol_number_per_commission"
            ),
        ),
        migrations.RunPython(number_closed_sittings, migrations.RunPython.noop),
    ]
