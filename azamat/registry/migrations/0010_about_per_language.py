""""About the organisation" in each language: the one text becomes the Russian one, moved to Kazakh where it
has letters only Kazakh has (English where it has no Cyrillic); the reader's language is shown first."""

from django.db import migrations, models

KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _language(text: str) -> str:
    if any(ch in KAZAKH_LETTERS for ch in text):
        return "kk"
    if any("а" <= ch.lower() <= "я" or ch in "ёЁ" for ch in text):
        return "ru"
    return "en"


def place_by_language(apps, schema_editor):
    for name in ("Organisation", "HistoricalOrganisation"):
        model = apps.get_model("registry", name)
        for row in model.objects.exclude(about_ru="").only("pk", "about_ru").iterator(chunk_size=2000):
            language = _language(row.about_ru)
            if language != "ru":
                model.objects.filter(pk=row.pk).update(**{f"about_{language}": row.about_ru, "about_ru": ""})


def back_to_one(apps, schema_editor):
    for name in ("Organisation", "HistoricalOrganisation"):
        model = apps.get_model("registry", name)
        for row in model.objects.filter(about_ru="").only("pk", "about_kk", "about_en").iterator(chunk_size=2000):
            text = row.about_kk or row.about_en
            if text:
                model.objects.filter(pk=row.pk).update(about_ru=text)


class Migration(migrations.Migration):
    dependencies = [("registry", "0009_search_stems_index")]

    operations = [
        migrations.RenameField("organisation", "description", "about_ru"),
        migrations.RenameField("historicalorganisation", "description", "about_ru"),
        migrations.AlterField(
            "organisation",
            "about_ru",
            models.TextField(blank=True, verbose_name="about the organisation, in Russian"),
        ),
        migrations.AlterField(
            "historicalorganisation",
            "about_ru",
            models.TextField(blank=True, verbose_name="about the organisation, in Russian"),
        ),
        migrations.AddField(
            "organisation",
            "about_kk",
            models.TextField(blank=True, verbose_name="about the organisation, in Kazakh"),
        ),
        migrations.AddField(
            "historicalorganisation",
            "about_kk",
            models.TextField(blank=True, verbose_name="about the organisation, in Kazakh"),
        ),
        migrations.AddField(
            "organisation",
            "about_en",
            models.TextField(blank=True, verbose_name="about the organisation, in English"),
        ),
        migrations.AddField(
            "historicalorganisation",
            "about_en",
            models.TextField(blank=True, verbose_name="about the organisation, in English"),
        ),
        migrations.RunPython(place_by_language, back_to_one),
    ]
