"""Fills the directory's word-stem column for existing organisations (migration 0009 indexes it)."""

from django.db import migrations

from azamat.core.stemming import index_text

BATCH = 2000


def fill(apps, schema_editor):
    Organisation = apps.get_model("registry", "Organisation")
    objects = Organisation.objects.using(schema_editor.connection.alias)
    rows = objects.order_by("pk").values_list("pk", "name_kk", "name_ru", "short_name", "address")
    batch = []
    # Plain rows in, bulk updates of 500 out: 23,000 organisations in 46 UPDATE statements, never all in memory.
    for pk, *parts in rows.iterator(chunk_size=BATCH):
        batch.append(Organisation(pk=pk, search_stems=index_text(*parts)))
        if len(batch) == BATCH:
            objects.bulk_update(batch, ["search_stems"], batch_size=500)
            batch = []
    if batch:
        objects.bulk_update(batch, ["search_stems"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("registry", "0007_organisation_search_stems")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
