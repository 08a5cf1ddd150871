"""The government bodies' alphabetical order in Kazakh, Russian and English (registry/name_order.py), as the
directory's: the columns, and the fill of the bodies there are."""

from django.db import migrations, models

from azamat.registry.name_order import name_orders


def fill(apps, schema_editor):
    GovernmentBody = apps.get_model("registry", "GovernmentBody")
    objects = GovernmentBody.objects.using(schema_editor.connection.alias)
    bodies = [
        GovernmentBody(pk=pk, **name_orders(kk, ru, en))
        for pk, kk, ru, en in objects.values_list("pk", "name_kk", "name_ru", "name_en")
    ]
    objects.bulk_update(bodies, ["name_order_kk", "name_order_ru", "name_order_en"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("registry", "0016_founder_kind_individual"),
    ]

    operations = [
        migrations.AddField(
            model_name="governmentbody",
            name="name_order_en",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="governmentbody",
            name="name_order_kk",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="governmentbody",
            name="name_order_ru",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
