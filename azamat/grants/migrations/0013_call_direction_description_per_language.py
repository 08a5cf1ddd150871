"""A call's and a direction's description per language, as their titles: each existing description moves into the
language it is written in (the registry's guess for an organisation's "about"), and back on reversal."""

from django.db import migrations, models

from azamat.registry.models import text_language

MODELS = ("call", "direction", "historicalcall", "historicaldirection")


def split_descriptions(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("grants", name)
        for row in model.objects.exclude(description="").only("pk", "description").iterator():
            text = row.description
            model.objects.filter(pk=row.pk).update(**{f"description_{text_language(text)}": text})


def join_descriptions(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("grants", name)
        rows = model.objects.only("pk", "description_kk", "description_ru", "description_en")
        for row in rows.iterator():
            texts = [t for t in (row.description_kk, row.description_ru, row.description_en) if t]
            if texts:
                model.objects.filter(pk=row.pk).update(description="\n\n".join(texts))


def _language_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name=f"description_{code}",
            field=models.TextField(blank=True, verbose_name=f"description in {language}"),
        )
        for code, language in (("kk", "Kazakh"), ("ru", "Russian"), ("en", "English"))
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0012_review_outside_parties"),
    ]

    operations = [
        *(op for name in MODELS for op in _language_fields(name)),
        migrations.RunPython(split_descriptions, join_descriptions),
        *(migrations.RemoveField(model_name=name, name="description") for name in MODELS),
    ]
