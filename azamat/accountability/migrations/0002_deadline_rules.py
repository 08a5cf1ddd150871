"""The deadline rules Azamat starts with. Appeals follow the Law on the procedure for considering appeals (15
working days, one reasoned extension to two months with notice within 3 working days, forwarding within 3
working days); a council's recommendation is due on the date the council sets. The other terms are not fixed by
a law we could confirm: they are defaults an administrator can change."""

from django.db import migrations

RULES = [
    # code, kk, ru, en, answer_days, working, long_overdue_days, extension_months, legal basis
    (
        "appeal",
        "Өтініш (азаматтардың өтініштері)",
        "Обращение (обращения граждан)",
        "Appeal (citizens' appeals)",
        15, True, 15, 2,
        "АПК РК, ст. 76; Закон РК «О порядке рассмотрения обращений»",
    ),
    (
        "council_recommendation",
        "Қоғамдық кеңестің ұсынымы",
        "Рекомендация общественного совета",
        "Public council recommendation",
        None, True, 20, 0,
        "Закон РК «Об общественных советах»",
    ),
    (
        "public_control",
        "Қоғамдық бақылау ұсынымы",
        "Рекомендация по итогам общественного контроля",
        "Public-control recommendation",
        30, False, 30, 0,
        "Закон РК «Об общественном контроле» (2023)",
    ),
    (
        "problem",
        "ҮЕҰ проблемасы бойынша ұсыным",
        "Предложение по проблеме НПО",
        "Proposal on an NGO problem",
        15, True, 15, 2,
        "",
    ),
    (
        "petition",
        "Петиция",
        "Петиция",
        "Petition",
        20, True, 20, 0,
        "",
    ),
    (
        "monitoring",
        "Мониторинг есебінің ұсынымы",
        "Рекомендация мониторингового отчёта",
        "Monitoring report recommendation",
        30, False, 30, 0,
        "",
    ),
]


def create(apps, schema_editor):
    DeadlineRule = apps.get_model("accountability", "DeadlineRule")
    for code, kk, ru, en, days, working, long_overdue, months, basis in RULES:
        DeadlineRule.objects.update_or_create(
            code=code,
            defaults={
                "name_kk": kk,
                "name_ru": ru,
                "name_en": en,
                "answer_days": days,
                "working_days": working,
                "long_overdue_days": long_overdue,
                "extension_months": months,
                "legal_basis": basis,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_items")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
