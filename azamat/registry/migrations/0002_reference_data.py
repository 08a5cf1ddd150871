"""Load the KATO regions, the areas of activity and the government bodies."""

from django.db import migrations


def load(apps, schema_editor):
    from azamat.registry import reference

    Region = apps.get_model("registry", "Region")
    ActivityArea = apps.get_model("registry", "ActivityArea")
    GovernmentBody = apps.get_model("registry", "GovernmentBody")

    regions = {}
    for kato, ru, kk, en, kind, _gen in reference.REGIONS:
        regions[kato], _ = Region.objects.update_or_create(
            kato=kato, defaults={"name_ru": ru, "name_kk": kk, "name_en": en, "kind": kind}
        )
    for position, (code, kk, ru, en) in enumerate(reference.ACTIVITY_AREAS):
        ActivityArea.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position}
        )
    ministries = {}
    for code, kk, ru, en in reference.MINISTRIES:
        ministries[code], _ = GovernmentBody.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "kind": "ministry", "level": "republican"}
        )
    for code, parent, kk, ru, en in reference.COMMITTEES:
        GovernmentBody.objects.update_or_create(
            code=code,
            defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "kind": "committee", "level": "republican",
                      "parent": ministries[parent]},
        )
    for code, kk, ru, en in reference.QUASI_PUBLIC:
        GovernmentBody.objects.update_or_create(
            code=code,
            defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "kind": "quasi_public", "level": "republican"},
        )
    for kato, _ru, kk, en, kind, genitive in reference.REGIONS:
        for code, body_kind, level, bkk, bru, ben in reference.region_bodies(kato, kk, genitive, en, kind):
            GovernmentBody.objects.update_or_create(
                code=code,
                defaults={"name_kk": bkk, "name_ru": bru, "name_en": ben, "kind": body_kind, "level": level,
                          "region": regions[kato]},
            )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
