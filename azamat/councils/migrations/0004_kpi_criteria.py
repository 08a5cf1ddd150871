"""The seven criteria every assessment period starts with (the named ones from the practice of public councils,
with attendance): three computed from the council's records, four scored by assessors. Templates an
administrator may change; a period keeps its own copy."""

from django.db import migrations

CRITERIA = [
    # code, kk, ru, en, source
    (
        "organisation",
        "Ұйымдастырушылық қабілеті",
        "Организаторские способности",
        "Organisational skills",
        "assessor",
    ),
    (
        "committees",
        "Тұрақты комиссиялардағы жұмысы",
        "Работа в постоянных комиссиях",
        "Work in permanent committees",
        "committees",
    ),
    (
        "government",
        "Мемлекеттік органдармен өзара іс-қимылы",
        "Взаимодействие с государственными органами",
        "Interaction with government bodies",
        "recommendations",
    ),
    (
        "ngos",
        "Үкіметтік емес ұйымдармен өзара іс-қимылы",
        "Взаимодействие с неправительственными организациями",
        "Interaction with NGOs",
        "assessor",
    ),
    ("transparency", "Ашықтығы", "Прозрачность", "Transparency", "assessor"),
    ("publicity", "Жариялылығы", "Публичность", "Publicity", "assessor"),
    ("attendance", "Отырыстарға қатысуы", "Посещаемость заседаний", "Attendance at meetings", "attendance"),
]


def seed(apps, schema_editor):
    criterion = apps.get_model("councils", "Criterion")
    for position, (code, kk, ru, en, source) in enumerate(CRITERIA, start=1):
        criterion.objects.get_or_create(
            period=None,
            code=code,
            defaults={
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "source": source,
                "weight": 1,
                "scale_min": 0,
                "scale_max": 10,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("councils", "Criterion").objects.filter(
        period=None, code__in=[c[0] for c in CRITERIA]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("councils", "0003_kpi")]

    operations = [migrations.RunPython(seed, unseed)]
