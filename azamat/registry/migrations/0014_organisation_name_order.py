"""The directory's alphabetical order in Kazakh and in Russian (registry/name_order.py): the two columns, their
indexes (built on the empty columns, then kept up by the fill's updates), and the fill of existing organisations."""

from django.db import migrations, models

from azamat.registry.name_order import name_key

BATCH = 2000


def fill(apps, schema_editor):
    Organisation = apps.get_model("registry", "Organisation")
    objects = Organisation.objects.using(schema_editor.connection.alias)
    batch = []
    for pk, name_kk, name_ru in objects.order_by("pk").values_list("pk", "name_kk", "name_ru").iterator(
        chunk_size=BATCH
    ):
        batch.append(
            Organisation(
                pk=pk,
                name_order_kk=name_key(name_kk or name_ru, "kk"),
                name_order_ru=name_key(name_ru or name_kk, "ru"),
            )
        )
        if len(batch) == BATCH:
            objects.bulk_update(batch, ["name_order_kk", "name_order_ru"], batch_size=500)
            batch = []
    if batch:
        objects.bulk_update(batch, ["name_order_kk", "name_order_ru"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('registry', '0013_report_lines_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='name_order_kk',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddField(
            model_name='organisation',
            name='name_order_ru',
            field=models.TextField(blank=True, default='', editable=False),
        ),
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['name_order_kk', 'id'], name='registry_org_order_kk'),
        ),
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['name_order_ru', 'id'], name='registry_org_order_ru'),
        ),
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['region', 'name_order_kk', 'id'], name='registry_org_region_order_kk'),
        ),
        migrations.AddIndex(
            model_name='organisation',
            index=models.Index(fields=['region', 'name_order_ru', 'id'], name='registry_org_region_order_ru'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
