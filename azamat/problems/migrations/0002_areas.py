"""The eight areas in which the working group of the ministry and civil-society experts systematised the
problems of NGOs."""

from django.db import migrations

AREAS = [
    ("partnership", "Мемлекетпен әріптестік", "Партнёрство с государством", "Partnership with the state"),
    ("financing", "Қаржыландыру", "Финансирование", "Financing"),
    ("legislation", "Заңнама", "Законодательство", "Legislation"),
    ("state-support", "Мемлекеттік қолдау", "Государственная поддержка", "State support"),
    (
        "organisation",
        "ҮЕҰ қызметін ұйымдастыру және дамыту",
        "Организация и развитие НПО",
        "Organisation and development of NGOs",
    ),
    ("reporting", "Салықтық және өзге де есептілік", "Налоговая и иная отчётность", "Tax and other reporting"),
    ("business", "Бизнеспен өзара іс-қимыл", "Взаимодействие с бизнесом", "Interaction with business"),
    (
        "international",
        "Халықаралық ынтымақтастық",
        "Международное сотрудничество",
        "International cooperation",
    ),
]


def add_areas(apps, schema_editor):
    Area = apps.get_model("problems", "Area")
    for position, (code, kk, ru, en) in enumerate(AREAS, start=1):
        Area.objects.update_or_create(
            code=code, defaults={"name_kk": kk, "name_ru": ru, "name_en": en, "position": position}
        )


def remove_areas(apps, schema_editor):
    apps.get_model("problems", "Area").objects.filter(code__in=[a[0] for a in AREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_initial")]

    operations = [migrations.RunPython(add_areas, remove_areas)]
