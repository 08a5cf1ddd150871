"""A thesaurus term's legal references in each language: the one field, written the Kazakh way ("32-бап"), becomes
the Kazakh one, and the starting terms get their Russian ("ст. 32") and English ("art. 32") forms."""

from django.db import migrations, models


def translate_references(apps, schema_editor):
    from azamat.monitoring.thesauri import references_in, rows

    Term = apps.get_model("monitoring", "Term")
    starting = {(kind, code): reference for kind, code, _kk, _ru, _en, reference, _position in rows()}
    for term in Term.objects.exclude(reference_kk=""):
        # Only a starting term whose references no administrator has changed is translated; the others are left
        # for the administrators (the page shows the Kazakh references until they write the others).
        if starting.get((term.kind, term.code)) == term.reference_kk:
            term.reference_ru, term.reference_en = references_in(term.reference_kk)
            term.save(update_fields=["reference_ru", "reference_en"])


def field(language: str, example: str) -> models.CharField:
    return models.CharField(
        blank=True, help_text=f"E.g. {example}.", max_length=500, verbose_name=f"legal references in {language}"
    )


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_elections")]

    operations = [
        migrations.RenameField(model_name="term", old_name="reference", new_name="reference_kk"),
        migrations.RenameField(model_name="historicalterm", old_name="reference", new_name="reference_kk"),
        migrations.AlterField(model_name="term", name="reference_kk", field=field("Kazakh", "Конституция, 32-бап")),
        migrations.AlterField(
            model_name="historicalterm", name="reference_kk", field=field("Kazakh", "Конституция, 32-бап")
        ),
        migrations.AddField(model_name="term", name="reference_ru", field=field("Russian", "Конституция, ст. 32")),
        migrations.AddField(
            model_name="historicalterm", name="reference_ru", field=field("Russian", "Конституция, ст. 32")
        ),
        migrations.AddField(model_name="term", name="reference_en", field=field("English", "Constitution, art. 32")),
        migrations.AddField(
            model_name="historicalterm", name="reference_en", field=field("English", "Constitution, art. 32")
        ),
        migrations.RunPython(translate_references, migrations.RunPython.noop),
    ]
