"""On PostgreSQL: a trigram index on the petitions' word-stem column, serving `LIKE '%|stem|%'` (SQLite needs
none). Its own migration, built once over filled rows, as registry's 0009."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS campaigns_petition_stems_trgm ON campaigns_petition "
    "USING gin (search_stems gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS campaigns_petition_stems_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("campaigns", "0003_fill_petition_search_stems")]
    operations = [migrations.RunPython(forward, backward)]
