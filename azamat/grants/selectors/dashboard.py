"""The public dashboard: applications, awards, amounts, effectiveness and payment delays per region, customer,
direction and year; its figures kept in the cache under the public topic "dashboard"; its charts."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from azamat.core.collation import sorted_alphabetically
from azamat.core.public_cache import topic_key
from azamat.grants import charts
from azamat.grants.models import AgendaItem, Application, BudgetLine, Call, Project
from azamat.grants.selectors.evaluation import PaymentStats, effectiveness, one_decimal, projects_facts
from azamat.registry.models import GovernmentBody, Region

DIMENSIONS = {
    "region": _("By region"),
    "customer": _("By customer (government body)"),
    "direction": _("By direction"),
    "year": _("By year"),
}


@dataclass
class Group:
    label: str
    code: str = ""  # the region's KATO code, for the map
    applications: int = 0
    awarded: int = 0
    amount: Decimal = Decimal(0)
    scores: list = field(default_factory=list)
    payments: PaymentStats = field(default_factory=PaymentStats)

    @property
    def competition(self) -> Decimal | None:
        return one_decimal(Decimal(self.applications) / self.awarded) if self.awarded else None

    @property
    def effectiveness(self) -> Decimal | None:
        return one_decimal(sum(self.scores, Decimal(0)) / len(self.scores)) if self.scores else None

    @property
    def average_days_late(self) -> Decimal | None:
        return one_decimal(self.payments.average_days_late)

    @property
    def late_percent(self) -> Decimal | None:
        return one_decimal(self.payments.late_percent)

    @classmethod
    def merged(cls, groups: list["Group"], label: str) -> "Group":
        """One group that counts everything in `groups`: its averages and shares are computed afresh, not summed."""
        total = cls(label=label)
        for group in groups:
            total.applications += group.applications
            total.awarded += group.awarded
            total.amount += group.amount
            total.scores.extend(group.scores)
            total.payments.add(group.payments)
        return total


def _localised_value(row: dict, prefix: str) -> str:
    lang = (get_language() or "kk")[:2]
    for code in (lang, "ru", "kk", "en"):
        if row.get(f"{prefix}_{code}"):
            return row[f"{prefix}_{code}"]
    return ""


class _Labels:
    """Names for the grouping keys, looked up once per dashboard."""

    def __init__(self):
        self.regions = {r.pk: r for r in Region.objects.all()}
        self.bodies = {}

    def code(self, dimension: str, row: dict) -> str:
        region = self.regions.get(row["region_key"]) if dimension == "region" else None
        return region.kato if region else ""

    def key(self, dimension: str, row: dict) -> str:
        if dimension == "region":
            region = self.regions.get(row["region_key"])
            return region.name if region else str(_("Not specified"))
        if dimension == "customer":
            return self.bodies.get(row["call__customer"], "")
        if dimension == "direction":
            return _localised_value(row, "direction__title")
        return str(row["year"])


def _filtered(qs, *, year: int | None, customer: str, prefix: str = ""):
    qs = qs.filter(**{f"{prefix}call__published": True})
    if year:
        qs = qs.filter(**{f"{prefix}call__opens_at__year": year})
    if customer:
        qs = qs.filter(**{f"{prefix}call__customer__code": customer})
    return qs


GROUP_FIELDS = ["call__customer", "direction__title_kk", "direction__title_ru", "direction__title_en"]
RAW_KEYS = {  # the values of a row that decide its group in each dimension (_Labels.key and code read only these)
    "region": ("region_key",),
    "customer": ("call__customer",),
    "direction": ("direction__title_kk", "direction__title_ru", "direction__title_en"),
    "year": ("year",),
}


# The order of a call's decisions to award an application (a later sitting's decision replaces an earlier one).
AWARD_ORDER = ("sitting__starts_at", "sitting_id", "pk")


def awarded_amounts(rows: list[dict]) -> dict[int, Decimal]:
    """The agreement amount, else the amount of the commission's last decision to award (none: as requested),
    else the amount requested. The same rule as services.results.grants_of, which reads it from objects."""
    amounts = {r["pk"]: r["project__amount"] for r in rows if r["project__amount"] is not None}
    missing = [r["pk"] for r in rows if r["pk"] not in amounts]
    if missing:
        decided = (
            AgendaItem.objects.filter(application__in=missing, decision=AgendaItem.Decision.AWARDED)
            .order_by(*AWARD_ORDER)
            .values_list("application_id", "amount")
        )
        last = dict(decided)  # later decisions overwrite earlier ones
        amounts.update({pk: amount for pk, amount in last.items() if amount is not None})
    missing = [pk for pk in missing if pk not in amounts]
    if missing:
        for line in BudgetLine.objects.filter(application__in=missing).values(
            "application_id", "quantity", "unit_cost"
        ):
            total = (line["quantity"] * line["unit_cost"]).quantize(Decimal("0.01"))
            amounts[line["application_id"]] = amounts.get(line["application_id"], Decimal(0)) + total
    return amounts


def dashboard(*, year: int | None = None, customer: str = "", today: datetime.date | None = None) -> dict:
    """Per region, customer, direction and year: applications per grant, amounts awarded, average effectiveness
    and payment delays. Awards, amounts and projects count only once a call's results are published."""
    labels = _Labels()
    groups: dict[str, dict[str, Group]] = {d: {} for d in DIMENSIONS}

    found: dict[str, dict] = {d: {} for d in DIMENSIONS}  # a row's own values → its group, per dimension

    def bucket(dimension: str, row: dict) -> Group:
        # A group's label depends only on the row's values for the dimension (RAW_KEYS): it is looked up, in the
        # reader's language, once per value rather than once per row (thousands at national scale).
        raw = tuple(row[field] for field in RAW_KEYS[dimension])
        group = found[dimension].get(raw)
        if group is None:
            label = labels.key(dimension, row)
            group = groups[dimension].setdefault(label, Group(label=label, code=labels.code(dimension, row)))
            found[dimension][raw] = group
        return group

    applications = _filtered(
        Application.objects.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]),
        year=year,
        customer=customer,
    )
    keyed = applications.annotate(
        region_key=Coalesce(F("direction__region"), F("organisation__region")),
        year=ExtractYear("call__opens_at"),
    )
    counts = list(
        keyed.values("region_key", "year", *GROUP_FIELDS)
        .annotate(
            n=Count("pk"),
            awarded=Count("pk", filter=Q(status=Application.Status.AWARDED, call__results_published=True)),
        )
        .order_by()
    )
    labels.bodies = {
        b.pk: b.name for b in GovernmentBody.objects.filter(pk__in={r["call__customer"] for r in counts})
    }
    for row in counts:
        for dimension in DIMENSIONS:
            group = bucket(dimension, row)
            group.applications += row["n"]
            group.awarded += row["awarded"]
    awarded_qs = applications.filter(status=Application.Status.AWARDED, call__results_published=True)
    awarded = list(
        keyed.filter(pk__in=awarded_qs.values("pk")).values(
            "pk", "region_key", "year", "project__amount", *GROUP_FIELDS
        )
    )
    amounts = awarded_amounts(awarded)
    by_application = {}
    for row in awarded:
        by_application[row["pk"]] = row
        for dimension in DIMENSIONS:
            bucket(dimension, row).amount += amounts.get(row["pk"], Decimal(0))
    projects = projects_facts(Project.objects.filter(application__in=awarded_qs.values("pk")))
    today = today or timezone.localdate()
    totals = Group(label=str(_("All")))
    for project in projects:
        result = effectiveness(project, today=today)
        row = by_application[project.application_id]
        for group in [*(bucket(d, row) for d in DIMENSIONS), totals]:
            if result["score"] is not None:
                group.scores.append(result["score"])
            group.payments.add(result["payment_stats"])
    for group in groups["year"].values():  # every application has exactly one year
        totals.applications += group.applications
        totals.awarded += group.awarded
        totals.amount += group.amount
    # Alphabetical in the page's language (Kazakh letters where Kazakh readers look for them); years in order.
    ordered = {d: sorted_alphabetically(g.values(), key=lambda g: g.label) for d, g in groups.items()}
    regions = [(r.kato, r.name) for r in sorted_alphabetically(labels.regions.values(), key=lambda r: r.name)]
    return {"groups": ordered, "totals": totals, "regions": regions}


# The dashboard's figures are kept in the cache for a few minutes: computing them reads every awarded project.
# A service that changes what they count moves the public topic "dashboard" (core/public_cache.py): every
# transition of grants/lifecycle.py, a report's figures (services/reports.report_save) and the admin's saves; so a
# change shows at once, in these figures and in the cached public pages that show them.
DASHBOARD_VERSION_KEY = topic_key("dashboard")


def cached_figures(name: str, compute):
    """compute() from the cache, under a key that changes when a record the public figures read is saved."""
    seconds = getattr(settings, "GRANTS_DASHBOARD_CACHE_SECONDS", 300)
    if not seconds:
        return compute()
    key = f"grants:figures:{cache.get(DASHBOARD_VERSION_KEY, 0)}:{name}"
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, timeout=seconds)
    return data


def cached_dashboard(*, year: int | None = None, customer: str = "") -> dict:
    """dashboard() for today, from the cache when nothing it reads has changed in the last few minutes."""
    today = timezone.localdate()
    return cached_figures(
        f"dashboard:{get_language()}:{today.isoformat()}:{year or ''}:{customer}",
        lambda: dashboard(year=year, customer=customer, today=today),
    )


def cached_dashboard_page(*, year: int | None = None, customer: str = "") -> dict:
    """The totals and the charts the dashboard page shows, from the cache while nothing they read has changed,
    in the page's language: a signed-in visitor gets the page rendered each time, and only its template is left
    to write."""
    today = timezone.localdate()

    def compute() -> dict:
        data = cached_dashboard(year=year, customer=customer)
        return {"totals": data["totals"], "sections": dashboard_charts(data)}

    return cached_figures(
        f"dashboard-page:{get_language()}:{today.isoformat()}:{year or ''}:{customer}", compute
    )


def cached_dashboard_filters() -> dict:
    """dashboard_filters() from the cache, in the page's language (the customers are sorted by their names)."""
    return cached_figures(f"dashboard-filters:{get_language()}", dashboard_filters)


def dashboard_filters() -> dict:
    """The years with calls and the customers that commissioned them, for the dashboard's filters."""
    years = sorted(
        {d.year for d in Call.objects.filter(published=True).datetimes("opens_at", "year")}, reverse=True
    )
    customers = sorted_alphabetically(
        GovernmentBody.objects.filter(calls_commissioned__published=True).distinct(), key=lambda b: b.name
    )
    return {"years": years, "customers": customers}


# Charts: which measures, and the groups each shows; the geometry is in grants/charts.py.

# (key, title, decimals, is money); the first is the one each dimension shows at once, the others on request.
METRICS = [
    ("amount", _("Amount awarded"), 1, True),
    ("competition", _("Applications per grant"), 1, False),
    ("effectiveness", _("Average effectiveness, 0–100"), 1, False),
    ("average_days_late", _("Average delay of late payments, days"), 1, False),
    ("late_percent", _("Payments made late, %"), 1, False),
]


def chart(
    groups: list[Group], metric: str, decimals: int, money: bool = False, *, ordered: bool = False
) -> dict:
    """The top groups by `metric`, largest first, and the rest as one "other" bar."""

    def value(group):
        return getattr(group, metric)

    shown = charts.top_and_other(
        groups, value=value, merge=Group.merged, other_label=gettext("Other (%(count)s)"), ordered=ordered
    )
    return charts.bar_chart(shown, value=value, money=money, decimals=decimals)


def dashboard_charts(data: dict) -> list[dict]:
    """For each dimension: its title, the groups (for the data table) and one chart per metric; for regions, the
    tile map of the amounts awarded."""
    sections = []
    for dimension, title in DIMENSIONS.items():
        groups = data["groups"][dimension]
        charts_ = [
            {"key": key, "title": name, **chart(groups, key, decimals, money, ordered=dimension == "year")}
            for key, name, decimals, money in METRICS
        ]
        section = {"key": dimension, "title": title, "groups": groups, "charts": charts_}
        if dimension == "region":
            amounts = {g.code: g.amount for g in groups if g.code}
            section["map"] = charts.tile_map(
                data.get("regions", []), amounts, language=(get_language() or "kk")[:2]
            )
        sections.append(section)
    return sections
