"""A permanent committee's name per language, as the council's own: each existing name, one text, moves into its
languages — "kk / ru" (as the demo wrote them) into both, a plain text into the language it is written in (the
registry's guess for an organisation's "about") — and back on reversal, the languages joined by " / "."""

import django.db.models.functions.text
from django.db import migrations, models

from azamat.registry.models import text_language

LANGUAGES = ("kk", "ru", "en")


def names(text: str) -> dict[str, str]:
    """The names in `text` by language: "Kazakh / Russian" (either order, or with English) split in two when its
    halves are two capitalised names in different languages, or both Cyrillic with no letter only Kazakh has (a
    Kazakh name may lack them: then the first half is the Kazakh one, the demo's order); otherwise the whole text in
    its language ("Комиссия по бюджету / финансам" is one Russian name)."""
    parts = [part.strip() for part in text.split(" / ")]
    if len(parts) == 2 and all(part[:1].isupper() for part in parts):
        first, second = (text_language(part) for part in parts)
        if first != second:
            return {first: parts[0], second: parts[1]}
        if first == "ru":
            return {"kk": parts[0], "ru": parts[1]}
    return {text_language(text): text.strip()}


def split_names(apps, schema_editor):
    for model_name, unique in (("committee", True), ("historicalcommittee", False)):
        model = apps.get_model("councils", model_name)
        taken = set()  # (council, language, name) already written: a split never breaks the one-name rule
        for row in model.objects.exclude(name="").only("pk", "council_id", "name").order_by("pk").iterator():
            found = names(row.name)
            keys = {(row.council_id, code, name.casefold()) for code, name in found.items()}
            if unique and keys & taken:
                found = {text_language(row.name): row.name}
                keys = {(row.council_id, code, name.casefold()) for code, name in found.items()}
            taken |= keys
            model.objects.filter(pk=row.pk).update(**{f"name_{code}": name for code, name in found.items()})


def join_names(apps, schema_editor):
    for model_name in ("committee", "historicalcommittee"):
        model = apps.get_model("councils", model_name)
        for row in model.objects.only("pk", *(f"name_{code}" for code in LANGUAGES)).iterator():
            texts = [getattr(row, f"name_{code}") for code in LANGUAGES if getattr(row, f"name_{code}")]
            model.objects.filter(pk=row.pk).update(name=" / ".join(texts))


def _language_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name=f"name_{code}",
            field=models.CharField(
                blank=code == "en", default="", max_length=300, verbose_name=f"name in {language}"
            ),
            preserve_default=False,
        )
        for code, language in (("kk", "Kazakh"), ("ru", "Russian"), ("en", "English"))
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0007_member_proposals"),
    ]

    operations = [
        *_language_fields("committee"),
        *_language_fields("historicalcommittee"),
        # Dropped before the names move (and so, on reversal, added back once they are joined again).
        migrations.RemoveConstraint(model_name="committee", name="unique_committee_name"),
        migrations.RunPython(split_names, join_names),
        # A default for the old column, so that a reversal can add it back to a table with rows.
        *(
            migrations.AlterField(
                model_name=model_name, name="name", field=models.CharField(default="", max_length=300)
            )
            for model_name in ("committee", "historicalcommittee")
        ),
        migrations.RemoveField(model_name="committee", name="name"),
        migrations.RemoveField(model_name="historicalcommittee", name="name"),
        migrations.AlterModelOptions(
            name="committee",
            options={
                "ordering": ["name_ru", "pk"],
                "verbose_name": "permanent committee",
                "verbose_name_plural": "permanent committees",
            },
        ),
        *(
            migrations.AddConstraint(
                model_name="committee",
                constraint=models.UniqueConstraint(
                    django.db.models.functions.text.Lower(f"name_{code}"),
                    models.F("council"),
                    condition=models.Q(("name_" + code, ""), _negated=True),
                    name=f"unique_committee_name_{code}",
                ),
            )
            for code in LANGUAGES
        ),
    ]
