"""Fills the petitions' word-stem column for existing petitions (migration 0004 indexes it)."""

from django.db import migrations

from azamat.core.stemming import index_text

BATCH = 500


def fill(apps, schema_editor):
    Petition = apps.get_model("campaigns", "Petition")
    objects = Petition.objects.using(schema_editor.connection.alias)
    rows = objects.order_by("pk").values_list("pk", "title", "text", "demands")
    batch = []
    for pk, *parts in rows.iterator(chunk_size=BATCH):
        batch.append(Petition(pk=pk, search_stems=index_text(*parts)))
        if len(batch) == BATCH:
            objects.bulk_update(batch, ["search_stems"], batch_size=BATCH)
            batch = []
    if batch:
        objects.bulk_update(batch, ["search_stems"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0002_petition_search_and_sources")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
