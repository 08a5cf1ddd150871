"""Annual reports for the data generator: three years of reports for most organisations, some filed late, some
missing, a few corrected, with their lines (income by source, expenditure, beneficiaries, founders, projects).

Runs after the demo logins (40: the demo organisation is known) and before the grants (50), whose eligibility
asks for a current report. Everything is built in memory and written with bulk_create, a table at a time: at
scale 100 (23,000 organisations) that is about 60,000 reports and 700,000 rows.
"""

import datetime
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from tqdm import tqdm

from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.registry.models import ActivityArea, Membership, Organisation
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportExpense,
    ReportFounder,
    ReportIncome,
    ReportProject,
    due_on,
)
from azamat.registry.report_selectors import report_required_year

YEARS = 3
BATCH = 5000

# How an organisation files, kept across its years: (share of organisations, on time, late; the rest missing).
# Over all years about 65% on time, 15% late and 20% missing (nationally only ~5,200 of ~18,200 active NGOs
# filed on time; the demo is kinder, but keeps a realistic share late or missing).
HABITS = [(0.62, 0.93, 0.05), (0.20, 0.35, 0.40), (0.18, 0.08, 0.20)]
CORRECTED = 0.04  # of filed reports: a first version superseded by a correction
DRAFT_OF_MISSING = 0.3  # of the latest year's missing reports: a draft started, not filed

Source = ReportIncome.Source
# Foreign donors and their countries.
DONORS = [
    ("USAID", "US"),
    ("National Endowment for Democracy", "US"),
    ("Open Society Foundations", "US"),
    ("Eurasia Foundation", "US"),
    ("Friedrich-Ebert-Stiftung", "DE"),
    ("Konrad-Adenauer-Stiftung", "DE"),
    ("Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)", "DE"),
    ("British Embassy Astana", "GB"),
    ("Embassy of the Kingdom of the Netherlands", "NL"),
    ("Swiss Agency for Development and Cooperation", "CH"),
    ("Japan International Cooperation Agency (JICA)", "JP"),
    ("Korea International Cooperation Agency (KOICA)", "KR"),
    ("Turkish Cooperation and Coordination Agency (TİKA)", "TR"),
    ("European Union Delegation", "BE"),
    ("UNICEF", "US"),
    ("UNDP", "US"),
]
STATE_CUSTOMERS = [
    "НАО «Центр поддержки гражданских инициатив»",
    "Управление внутренней политики акимата",
    "Управление координации занятости и социальных программ",
    "Управление по делам молодёжи",
    "Министерство культуры и информации РК",
]
BENEFICIARY_WEIGHTS = {
    ReportBeneficiary.Category.CHILDREN: 5,
    ReportBeneficiary.Category.YOUTH: 5,
    ReportBeneficiary.Category.ELDERLY: 3,
    ReportBeneficiary.Category.DISABILITY: 3,
    ReportBeneficiary.Category.WOMEN: 3,
    ReportBeneficiary.Category.LOW_INCOME: 3,
    ReportBeneficiary.Category.RURAL: 2,
    ReportBeneficiary.Category.OTHER: 1,
}
PROJECT_WORDS = [
    "Школа активного гражданина",
    "Равные возможности",
    "Здоровое поколение",
    "Чистый город",
    "Правовая помощь на селе",
    "Золотой возраст",
    "Инклюзивный двор",
    "Молодёжная медиашкола",
    "Семейный ресурсный центр",
    "Зелёный рюкзак",
]
FOUNDER_ORGS = ["ОЮЛ «Гражданский Альянс Казахстана»", "ОФ «Развитие»", "ОО «Сенім»", "ЧУ «Білім орталығы»"]


def report_years(today: datetime.date) -> list[int]:
    """The three years up to the one whose report is now required (2023–2025 from April 2026)."""
    last = report_required_year(today)
    return list(range(last - YEARS + 1, last + 1))


def _moment(day: datetime.date, rng) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(9, 18), rng.randint(0, 59)))
    )


def _filing_day(rng, year: int, kind: str, today: datetime.date) -> datetime.date | None:
    """When the report on `year` was first filed: in the weeks before the due date, or after it (by yesterday;
    None when a late filing cannot have happened yet)."""
    due = due_on(year)
    if kind == "on_time":
        day = due - datetime.timedelta(days=int(rng.random() ** 2 * 75))
    else:
        day = due + datetime.timedelta(days=rng.randint(1, 200))
    day = min(day, today - datetime.timedelta(days=1))
    return None if kind == "late" and day <= due else day


def _totals(lines: dict) -> dict:
    """The totals a report states: the sums of its lines."""
    return {
        "income_total": Decimal(sum(amount for _s, amount, _d, _c in lines["income"])),
        "expenditure_total": Decimal(sum(amount for _c, amount in lines["expenses"])),
    }


def _split(rng, total: int, parts: int) -> list[int]:
    """`total` tenge in `parts` positive whole amounts that add up to it."""
    weights = [rng.random() + 0.2 for _ in range(parts)]
    scale = sum(weights)
    amounts = [int(total * w / scale) for w in weights[:-1]]
    return [*amounts, total - sum(amounts)]


def _income(rng, big: bool, foreign: bool) -> list[tuple[str, int, str, str]]:
    """(source, amount, donor, country) lines: many small NGOs live on donations and membership fees."""
    lines = []
    size = 10 ** rng.uniform(7, 8.6) if big else 10 ** rng.uniform(5.3, 6.9)
    if rng.random() < 0.75:
        lines.append((Source.DONATIONS, size * rng.uniform(0.2, 0.6), "", ""))
    if rng.random() < 0.45:
        lines.append((Source.MEMBERSHIP, size * rng.uniform(0.05, 0.2), "", ""))
    if rng.random() < (0.35 if big else 0.12):
        lines.append((Source.STATE_GRANT, size * rng.uniform(0.5, 1.5), rng.choice(STATE_CUSTOMERS), "KZ"))
    if rng.random() < (0.3 if big else 0.08):
        lines.append((Source.STATE_ORDER, size * rng.uniform(0.5, 1.5), rng.choice(STATE_CUSTOMERS), "KZ"))
    if rng.random() < (0.25 if big else 0.05):
        lines.append((Source.BUSINESS, size * rng.uniform(0.1, 0.4), "", ""))
    if foreign:
        for donor, country in rng.sample(DONORS, rng.choice([1, 1, 1, 2])):
            lines.append((Source.FOREIGN, size * rng.uniform(0.3, 1.2), donor, country))
    if not lines or rng.random() < 0.1:
        lines.append((Source.OTHER, size * rng.uniform(0.02, 0.1), "", ""))
    return [
        (source, max(1000, int(amount) // 1000 * 1000), donor, country)
        for source, amount, donor, country in lines
    ]


def _expenses(rng, total: int, staff: int) -> list[tuple[str, int]]:
    Category = ReportExpense.Category
    categories = [Category.PROGRAMMES, Category.ADMINISTRATION]
    if staff:
        categories.append(Category.STAFF)
    for category, chance in ((Category.PREMISES, 0.5), (Category.TAXES, 0.6), (Category.EQUIPMENT, 0.2)):
        if rng.random() < chance:
            categories.append(category)
    return list(zip(categories, _split(rng, total, len(categories)), strict=True))


class _Builder:
    """The rows of one generation, collected per table and written at the end."""

    def __init__(self, ctx: SeedContext, today: datetime.date):
        self.ctx, self.rng, self.today = ctx, ctx.rng, today
        self.reports: list[AnnualReport] = []
        self.lines: list[tuple[int, dict]] = []  # (index of the report, its lines)

    def report(self, org, year: int, *, kind: str, corrected: bool, admin_id, profile: dict) -> None:
        """One report (and its superseded first version when corrected); `kind` on_time, late or draft."""
        rng = self.rng
        lines = self._lines(profile)
        common = {
            "organisation_id": org["pk"],
            "year": year,
            "activities": rng.choice(profile["activities"]),
            "staff_count": max(0, profile["staff"] + rng.randint(-1, 2)),
            "volunteer_count": max(0, profile["volunteers"] + rng.randint(-3, 5)),
            "property_value": Decimal(profile["property"]),
            "property_description": "Оргтехника, мебель" if profile["property"] else "",
            "created_by_id": admin_id,
        }
        if kind == "draft":
            self._add(AnnualReport(status=AnnualReport.Status.DRAFT, **common, **_totals(lines)), lines)
            return
        first = _filing_day(rng, year, kind, self.today)
        if first is None:
            return  # not late yet: the due date passed only today
        if corrected:
            earlier = self._lines(profile)  # the first version's figures, corrected by the second
            self._add(
                AnnualReport(
                    version=1,
                    status=AnnualReport.Status.SUPERSEDED,
                    filed_at=_moment(first, rng),
                    filed_by_id=admin_id,
                    first_filed_on=first,
                    **common,
                    **_totals(earlier),
                ),
                earlier,
            )
            again = min(
                first + datetime.timedelta(days=rng.randint(5, 90)), self.today - datetime.timedelta(days=1)
            )
            filed_at, version = _moment(max(again, first), rng), 2
        else:
            filed_at, version = _moment(first, rng), 1
        self._add(
            AnnualReport(
                version=version,
                status=AnnualReport.Status.FILED,
                filed_at=filed_at,
                filed_by_id=admin_id,
                first_filed_on=first,
                **common,
                **_totals(lines),
            ),
            lines,
        )

    def _add(self, report: AnnualReport, lines: dict) -> None:
        self.lines.append((len(self.reports), lines))
        self.reports.append(report)

    def _lines(self, profile: dict) -> dict:
        rng = self.rng
        income = _income(rng, profile["big"], profile["foreign"])
        total = sum(amount for _s, amount, _d, _c in income)
        spent = max(1000, int(total * rng.uniform(0.8, 1.05)) // 1000 * 1000)
        categories = rng.choices(list(BENEFICIARY_WEIGHTS), weights=list(BENEFICIARY_WEIGHTS.values()), k=3)
        reach = 10 ** rng.uniform(2.5, 4) if profile["big"] else 10 ** rng.uniform(1, 2.7)
        beneficiaries = {c: max(1, int(reach * rng.uniform(0.2, 1))) for c in categories}
        projects = []
        if profile["big"] or rng.random() < 0.3:
            for _ in range(rng.randint(1, 3 if profile["big"] else 1)):
                projects.append((rng.choice(PROJECT_WORDS), rng.choice(profile["areas"] or [None])))
        return {
            "income": income,
            "expenses": _expenses(rng, spent, profile["staff"]),
            "beneficiaries": beneficiaries,
            "projects": projects,
            "reach": int(reach),
        }

    def save(self, profiles: dict) -> None:
        """Write the reports, then every table of lines and the areas and regions covered."""
        reports = _create_reports(self.reports)
        income, expenses, beneficiaries, projects, founders, areas, regions = [], [], [], [], [], [], []
        for index, lines in self.lines:
            report = reports[index]
            pk = report.pk
            profile = profiles[report.organisation_id]
            income.extend(
                (pk, source, amount, donor, country, position)
                for position, (source, amount, donor, country) in enumerate(lines["income"])
            )
            expenses.extend(
                (pk, category, amount, position)
                for position, (category, amount) in enumerate(lines["expenses"])
            )
            beneficiaries.extend(
                (pk, category, number) for category, number in lines["beneficiaries"].items()
            )
            projects.extend(
                (
                    pk,
                    title,
                    area_id,
                    Decimal(report.expenditure_total) // 2 // 1000 * 1000,
                    lines["reach"],
                    position,
                )
                for position, (title, area_id) in enumerate(lines["projects"])
            )
            founders.extend(
                (pk, kind, name, country, "", position)
                for position, (kind, name, country) in enumerate(profile["founders"])
            )
            areas.extend((pk, a) for a in profile["areas"])
            regions.extend((pk, r) for r in profile["regions"])
        _insert(ReportIncome, ["report_id", "source", "amount", "donor", "country", "position"], income)
        _insert(ReportExpense, ["report_id", "category", "amount", "position"], expenses)
        _insert(ReportBeneficiary, ["report_id", "category", "number"], beneficiaries)
        _insert(
            ReportProject, ["report_id", "title", "area_id", "amount", "beneficiaries", "position"], projects
        )
        _insert(ReportFounder, ["report_id", "kind", "name", "country", "identifier", "position"], founders)
        _insert(AnnualReport.areas.through, ["annualreport_id", "activityarea_id"], areas)
        _insert(AnnualReport.regions.through, ["annualreport_id", "region_id"], regions)


def _create_reports(reports: list[AnnualReport]) -> list[AnnualReport]:
    """The reports with their keys, and a "created" history record of each. On PostgreSQL the keys are taken
    from the sequence and both tables are written with COPY (bulk_create_with_history was three quarters of the
    step's time at national scale); elsewhere through bulk_create_with_history."""
    if connection.vendor != "postgresql":
        created = bulk_create_with_history(reports, AnnualReport, batch_size=BATCH)
        if created and created[0].pk is None:  # backends that do not return keys
            keys = {
                (o, y, v): pk
                for pk, o, y, v in AnnualReport.objects.values_list(
                    "pk", "organisation_id", "year", "version"
                )
            }
            for report in created:
                report.pk = keys[(report.organisation_id, report.year, report.version)]
        return created
    table = AnnualReport._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(reports)],
        )
        keys = [row[0] for row in cursor.fetchall()]
    now = timezone.now()
    for report, pk in zip(reports, keys, strict=True):
        report.pk, report.created_at, report.updated_at = pk, now, now
    fields = AnnualReport._meta.concrete_fields
    _insert(
        AnnualReport,
        [f.column for f in fields],
        [tuple(getattr(r, f.attname) for f in fields) for r in reports],
    )
    history = [f for f in AnnualReport.history.model._meta.concrete_fields if f.attname != "history_id"]
    extra = {"history_date": now, "history_change_reason": None, "history_type": "+", "history_user_id": None}
    _insert(
        AnnualReport.history.model,
        [f.column for f in history],
        [
            tuple(extra[f.attname] if f.attname in extra else getattr(r, f.attname) for f in history)
            for r in reports
        ],
    )
    return reports


def _insert(model, columns: list[str], rows: list[tuple]) -> None:
    """Rows of plain values into a model's table, the fastest way the database has: COPY on PostgreSQL (the lines
    are most of the rows at national scale), batched INSERTs elsewhere. No model instances, no signals: the
    lines have no history of their own."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(columns))
        for start in range(0, len(rows), BATCH):
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows[start : start + BATCH])  # noqa: S608 — names from the models


def _profile(rng, org: dict, areas: list[int], region_ids: list[int]) -> dict:
    """What stays the same across an organisation's years: its size, founders, areas, whether it has foreign
    funding, and how it files."""
    big = org["staff_count"] >= 5 or org["is_alliance"]
    Kind = ReportFounder.Kind
    founders = [(Kind.PERSON, person_name(rng), "KZ") for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.1:
        founders.append((Kind.ORGANISATION, rng.choice(FOUNDER_ORGS), "KZ"))
    regions = [org["region_id"]]
    if big and rng.random() < 0.3:
        regions.append(rng.choice(region_ids))
    habit = rng.choices(HABITS, weights=[h[0] for h in HABITS])[0]
    return {
        "big": big,
        "foreign": rng.random() < (0.2 if big else 0.05),
        "staff": org["staff_count"],
        "volunteers": org["volunteer_count"],
        "property": rng.choice([0, 0, 500_000, 1_200_000, 3_000_000]) * (10 if big else 1),
        "founders": founders,
        "areas": areas,
        "regions": sorted(set(regions)),
        "habit": habit,
        "activities": [
            "Консультации, обучающие семинары и информационная работа с населением.",
            "Проекты по грантам и социальному заказу, благотворительные акции, работа волонтёров.",
            "Круглые столы с государственными органами, мониторинг, публикации.",
        ],
    }


@seeder(45)
def seed_annual_reports(ctx: SeedContext) -> None:
    """Annual reports to the NGO database for the last three years: most on time, some late, some missing."""
    rng = ctx.rng
    today = timezone.localdate()
    years = report_years(today)
    demo = getattr(ctx.data.get("demo_organisation"), "pk", None)
    organisations = list(
        Organisation.objects.order_by("pk").values(
            "pk", "registered_on", "region_id", "staff_count", "volunteer_count", "is_alliance"
        )
    )
    org_areas: dict[int, list[int]] = {}
    for org_id, area_id in Organisation.areas.through.objects.values_list(
        "organisation_id", "activityarea_id"
    ):
        org_areas.setdefault(org_id, []).append(area_id)
    admins = dict(
        Membership.objects.filter(role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE)
        .order_by("-pk")
        .values_list("organisation_id", "user_id")
    )
    region_ids = sorted({org["region_id"] for org in organisations})
    area_ids = sorted(ActivityArea.objects.values_list("pk", flat=True))
    builder = _Builder(ctx, today)
    profiles = {}
    for org in tqdm(organisations, desc="annual reports", disable=not ctx.progress):
        areas = sorted(org_areas.get(org["pk"], [])) or [rng.choice(area_ids)]  # a branch lists none
        profile = profiles[org["pk"]] = _profile(rng, org, areas, region_ids)
        _share, on_time, late = profile["habit"]
        for year in years:
            if org["registered_on"] > datetime.date(year, 12, 31):
                continue  # registered after the year: nothing to report on it
            if org["pk"] == demo:
                kind, corrected = "on_time", year == years[-1]
            else:
                draw = rng.random()
                kind = "on_time" if draw < on_time else "late" if draw < on_time + late else None
                corrected = rng.random() < CORRECTED
            if kind is None:
                if year == years[-1] and rng.random() < DRAFT_OF_MISSING:
                    kind, corrected = "draft", False
                else:
                    continue
            builder.report(
                org, year, kind=kind, corrected=corrected, admin_id=admins.get(org["pk"]), profile=profile
            )
    builder.save(profiles)
    filed = sum(1 for r in builder.reports if r.status == AnnualReport.Status.FILED)
    ctx.log(f"  {filed} filed annual reports on {years[0]}–{years[-1]} ({len(builder.reports)} versions)")
