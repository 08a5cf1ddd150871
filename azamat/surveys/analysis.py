"""The survey's numbers, read-only and computed in the database: frequencies (with Wilson 95% intervals, the
weighted ones on Kish's effective n), numeric summaries, date ranges, crosstabs with a chi-square test, the
open-text answers, and the filters every page, export and API call shares.

Answers live in `Response.data` (JSON, see definition.py). Every aggregate is one GROUP BY over the answer's key
(`data->>'q'` on PostgreSQL, `json_extract` on SQLite), with `jsonb_array_elements_text` / `json_each` to unnest
a select_multiple; nothing iterates over responses in Python, so the same functions serve 1,000,000 responses.
The SQL wraps the filtered queryset's own SQL (`_base`), so filters are written once, with the ORM."""

import datetime
import math
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.db.models import Q, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation

from azamat.surveys import definition as form
from azamat.surveys.models import Quota, Response, Survey

Z95 = 1.959963984540054
# Open questions (text, calculate) list at most this many distinct values in a frequency table.
TOP_VALUES = 30
REVIEW_CHOICES = ("", "approved", "unreviewed", "on_hold", "rejected", "all")


class AnalysisError(ValueError):
    """Bad input to an analysis (an unknown question, a question that cannot be tabulated): its message is
    shown to the reader."""


# ---------------------------------------------------------------------------------------------------- filters


@dataclass
class Filters:
    """Which responses an analysis counts. By default the completed ones not rejected by the team.

    `review`: "" (not rejected), "approved", "unreviewed", "on_hold", "rejected" or "all"."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region_code: str = ""
    quota: int | None = None
    status: str = Response.Status.COMPLETED
    review: str = ""
    interviewer: int | None = None
    errors: list = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def from_query(cls, query) -> "Filters":
        """From a query string (a QueryDict or a dict); a value that cannot be read is left out and noted in
        `errors` (the form on the page says why)."""
        from azamat.surveys.analysis_forms import FiltersForm

        return FiltersForm(query).filters()

    def to_dict(self) -> dict:
        """For ExportJob.filters and links: JSON-ready, only what is set."""
        data = asdict(self)
        data.pop("errors")
        result = {}
        for key, value in data.items():
            if value in (None, ""):
                continue
            if key == "status" and value == Response.Status.COMPLETED:
                continue
            result[key] = value.isoformat() if isinstance(value, datetime.date) else value
        return result

    @classmethod
    def from_dict(cls, data: dict | None) -> "Filters":
        return cls.from_query(data or {})

    @property
    def active(self) -> bool:
        return bool(self.to_dict())

    def q(self, survey: Survey) -> Q:
        condition = Q(survey=survey, status=self.status)
        if self.review == "":
            condition &= ~Q(review=Response.Review.REJECTED)
        elif self.review == "unreviewed":
            condition &= Q(review="")
        elif self.review != "all":
            condition &= Q(review=self.review)
        zone = timezone.get_current_timezone()
        if self.date_from:
            start = datetime.datetime.combine(self.date_from, datetime.time.min, tzinfo=zone)
            condition &= Q(completed_at__gte=start)
        if self.date_to:
            end = datetime.datetime.combine(
                self.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
            )
            condition &= Q(completed_at__lt=end)
        if self.region_code:
            condition &= Q(region_code__startswith=self.region_code)
        if self.interviewer:
            condition &= Q(interviewer_id=self.interviewer)
        if self.quota:
            quota = Quota.objects.filter(pk=self.quota, survey=survey).first()
            if quota is None:
                return Q(pk__in=[])
            condition &= quota_q(quota)
        return condition


def quota_q(quota: Quota) -> Q:
    """The responses of a quota's cell: for each question, any of its choices."""
    condition = Q()
    for name, values in (quota.conditions or {}).items():
        values = [str(v) for v in (values if isinstance(values, list) else [values])]
        condition &= Q(**{f"data__{name}__in": values})
    return condition


def responses(survey: Survey, filters: Filters | None = None) -> QuerySet:
    """The responses an analysis counts."""
    return Response.objects.filter((filters or Filters()).q(survey))


# ------------------------------------------------------------------------------------------------ statistics


def wilson(share: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a share observed on n (n may be Kish's effective n, not whole)."""
    if n <= 0:
        return (0.0, 0.0)
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = z * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def kish_n(sum_w: float, sum_w2: float) -> float:
    """Kish's effective sample size, (Σw)² / Σw²."""
    return (sum_w * sum_w) / sum_w2 if sum_w2 else 0.0


def chi_square(table: list[list[float]]) -> dict:
    """Pearson's chi-square test of independence on a table of counts (rows and columns with no count are left
    out); with the share of cells whose expected count is under 5."""
    from scipy.stats import chi2 as chi2_distribution

    rows = [row for row in table if sum(row) > 0]
    if not rows:
        return {"chi2": None, "df": 0, "p_value": None, "small_expected": 0, "cells": 0}
    keep = [j for j in range(len(rows[0])) if sum(row[j] for row in rows) > 0]
    rows = [[row[j] for j in keep] for row in rows]
    total = sum(sum(row) for row in rows)
    row_totals = [sum(row) for row in rows]
    column_totals = [sum(row[j] for row in rows) for j in range(len(keep))]
    statistic, small = 0.0, 0
    for i, row in enumerate(rows):
        for j, observed in enumerate(row):
            expected = row_totals[i] * column_totals[j] / total
            statistic += (observed - expected) ** 2 / expected
            small += expected < 5
    df = (len(rows) - 1) * (len(keep) - 1)
    if df == 0:
        return {
            "chi2": None,
            "df": 0,
            "p_value": None,
            "small_expected": small,
            "cells": len(rows) * len(keep),
        }
    return {
        "chi2": statistic,
        "df": df,
        "p_value": float(chi2_distribution.sf(statistic, df)),
        "small_expected": small,
        "cells": len(rows) * len(keep),
    }


# ------------------------------------------------------------------------------------------------------- SQL


def _vendor() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def _base(queryset: QuerySet) -> tuple[str, list]:
    """The filtered responses as a subquery of (id, data, weight)."""
    sql, params = queryset.order_by().values("id", "data", "weight").query.sql_with_params()
    return f"({sql})", list(params)


def _path(name: str) -> str:
    return '$."' + name.replace('"', "") + '"'


def _value_sql(name: str) -> tuple[str, list]:
    """The answer as text (NULL when not answered)."""
    if _vendor() == "postgresql":
        return "(t.data ->> %s)", [name]
    # json_extract gives numbers as numbers: CAST keeps 34 and "34" one group, as on PostgreSQL.
    return "CAST(json_extract(t.data, %s) AS TEXT)", [_path(name)]


def _unnest_sql(name: str, alias: str) -> tuple[str, str, list]:
    """A join that gives one row per chosen choice of a select_multiple: (join SQL, value SQL, params)."""
    if _vendor() == "postgresql":
        return (
            f" CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(t.data -> %s) = 'array' "
            f"THEN t.data -> %s ELSE '[]'::jsonb END) AS {alias}(value)",
            f"{alias}.value",
            [name, name],
        )
    return (
        f", json_each(CASE WHEN json_type(t.data, %s) = 'array' THEN json_extract(t.data, %s) ELSE '[]' END) "
        f"AS {alias}",
        f"CAST({alias}.value AS TEXT)",
        [_path(name), _path(name)],
    )


def _answered_sql(name: str, multiple: bool) -> tuple[str, list]:
    if _vendor() == "postgresql":
        if multiple:
            return "(jsonb_typeof(t.data -> %s) = 'array' AND jsonb_array_length(t.data -> %s) > 0)", [
                name,
                name,
            ]
        return "(t.data ->> %s) IS NOT NULL", [name]
    if multiple:
        return "(json_type(t.data, %s) = 'array' AND json_array_length(t.data, %s) > 0)", [
            _path(name),
            _path(name),
        ]
    return "json_extract(t.data, %s) IS NOT NULL", [_path(name)]


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _grouped(
    queryset: QuerySet, dimensions: list[tuple[str, bool]], *, with_missing: bool = False
) -> list[tuple]:
    """(value of each dimension…, count, Σweight, Σweight²) per combination, over the responses that answered
    every dimension (with `with_missing`, a NULL group of those that did not); a select_multiple dimension
    counts each chosen choice."""
    base, params = _base(queryset)
    joins, selects, join_params, select_params, where, where_params = [], [], [], [], [], []
    for index, (name, multiple) in enumerate(dimensions):
        if multiple:
            join, value, p = _unnest_sql(name, f"m{index}")
            joins.append(join)
            join_params += p
            selects.append(value)
        else:
            value, p = _value_sql(name)
            selects.append(value)
            select_params += p
            if not with_missing:
                answered, p = _answered_sql(name, False)
                where.append(answered)
                where_params += p
    group = ", ".join(str(i + 1) for i in range(len(dimensions)))
    sql = (
        f"SELECT {', '.join(selects)}, COUNT(*), SUM(t.weight), SUM(t.weight * t.weight) "  # noqa: S608 — fixed fragments, values are parameters
        f"FROM {base} t{''.join(joins)}"
        + (f" WHERE {' AND '.join(where)}" if where else "")
        + f" GROUP BY {group}"
    )
    # The parameters in the order their placeholders appear: select list, subquery, joins, where.
    return _fetch(sql, select_params + params + join_params + where_params)


def _answered_and_missing(queryset: QuerySet, name: str) -> tuple[tuple, int]:
    """((count, Σw, Σw²) of the responses that answered a select_multiple, how many did not) in one pass."""
    base, params = _base(queryset)
    answered, answered_params = _answered_sql(name, True)
    sql = (
        f"SELECT SUM(CASE WHEN {answered} THEN 1 ELSE 0 END), SUM(CASE WHEN {answered} THEN t.weight END), "  # noqa: S608 — fixed fragments, values are parameters
        f"SUM(CASE WHEN {answered} THEN t.weight * t.weight END), COUNT(*) FROM {base} t"
    )
    count, sum_w, sum_w2, everyone = _fetch(sql, answered_params * 3 + params)[0]
    count = count or 0
    return (count, sum_w or 0.0, sum_w2 or 0.0), everyone - count


def _totals(queryset: QuerySet, name: str | None) -> tuple:
    """(count, Σw, Σw²) of the responses that answered `name` (all when None)."""
    base, params = _base(queryset)
    where, where_params = "", []
    if name:
        answered, where_params = _answered_sql(name, False)
        where = f" WHERE {answered}"
    sql = f"SELECT COUNT(*), SUM(t.weight), SUM(t.weight * t.weight) FROM {base} t{where}"  # noqa: S608 — fixed fragments, values are parameters
    count, sum_w, sum_w2 = _fetch(sql, params + where_params)[0]
    return (count, sum_w or 0.0, sum_w2 or 0.0)


# -------------------------------------------------------------------------------------------------- questions


def _definition(survey: Survey) -> dict:
    version = survey.current_version()
    return version.definition if version else {"children": [], "choices": {}}


def question(survey: Survey, name: str, *, definition: dict | None = None) -> dict:
    """The question `name` of the survey's current form (outside repeats), or AnalysisError."""
    definition = definition or _definition(survey)
    for node in form.questions(definition):
        if node["name"] == name:
            return node
    raise AnalysisError(
        translation.gettext("The form has no question “%(name)s” to analyse.") % {"name": name[:100]}
    )


def _language(language: str | None) -> str:
    return language or translation.get_language() or "ru"


def _value_label(definition: dict, node: dict, value: str, language: str) -> str:
    if node["type"] in form.CHOICE_TYPES:
        if value == form.OTHER and node.get("or_other"):
            label = form.choice_label(definition, node["list"], value, language)
            return label if label != value else translation.gettext("Other")
        return form.choice_label(definition, node["list"], value, language)
    return value


def _choice_order(definition: dict, node: dict) -> list[str]:
    if node["type"] not in form.CHOICE_TYPES:
        return []
    names = [item["name"] for item in definition.get("choices", {}).get(node["list"], [])]
    if node.get("or_other") and form.OTHER not in names:
        names.append(form.OTHER)
    return names


def _ordered(definition: dict, node: dict, counted: dict) -> list[str]:
    """The values to show: every choice in the list's order (with zeros), then any value not in the list;
    for open questions the most frequent first, at most TOP_VALUES."""
    order = _choice_order(definition, node)
    if order:
        return order + sorted(value for value in counted if value not in order)
    ranked = sorted(counted, key=lambda value: (-counted[value][0], value))
    if node["type"] in ("integer", "decimal", "date"):
        return sorted(ranked[:TOP_VALUES], key=_sort_key)
    return ranked[:TOP_VALUES]


def _sort_key(value: str):
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def _share_rows(definition, node, counted: dict, base: tuple, *, weighted: bool, language: str) -> list[dict]:
    """Rows of value, label, count (weighted: Σw), share of the base and its Wilson interval."""
    count, sum_w, sum_w2 = base
    total = sum_w if weighted else count
    n_for_ci = kish_n(sum_w, sum_w2) if weighted else count
    rows = []
    for value in _ordered(definition, node, counted):
        observed = counted.get(value, (0, 0.0))
        amount = observed[1] if weighted else observed[0]
        share = amount / total if total else 0.0
        low, high = wilson(share, n_for_ci) if total else (0.0, 0.0)
        rows.append(
            {
                "value": value,
                "label": _value_label(definition, node, value, language),
                "count": round(amount, 2) if weighted else amount,
                "share": share,
                "ci_low": low,
                "ci_high": high,
            }
        )
    return rows


def frequencies(
    survey: Survey,
    name: str,
    *,
    filters: Filters | None = None,
    weighted: bool = False,
    language: str | None = None,
    definition: dict | None = None,
) -> dict:
    """The answers to one question: rows (value, label, count, share, ci_low, ci_high), n (responses that
    answered; weighted: Σweight), missing (counted responses that did not), effective_n (Kish, when weighted).
    A select_multiple's shares are of the respondents who answered, so they may sum past 100%."""
    definition = definition or _definition(survey)
    node = question(survey, name, definition=definition)
    language = _language(language)
    multiple = node["type"] == "select_multiple"
    queryset = responses(survey, filters)
    # A single answer: one GROUP BY whose NULL group is the missing. A multiple one: the unnested GROUP BY and
    # one pass for the respondents who answered and the missing.
    grouped = _grouped(queryset, [(name, multiple)], with_missing=not multiple)
    counted = {str(row[0]): (row[1], row[2] or 0.0) for row in grouped if row[0] is not None}
    if multiple:
        answered, missing = _answered_and_missing(queryset, name)
    else:
        answered = (
            sum(row[1] for row in grouped if row[0] is not None),
            sum(row[2] or 0.0 for row in grouped if row[0] is not None),
            sum(row[3] or 0.0 for row in grouped if row[0] is not None),
        )
        missing = sum(row[1] for row in grouped if row[0] is None)
    return {
        "question": node,
        "type": node["type"],
        "multiple": multiple,
        "weighted": weighted,
        "rows": _share_rows(definition, node, counted, answered, weighted=weighted, language=language),
        "distinct": len(counted),
        "n": round(answered[1], 2) if weighted else answered[0],
        "effective_n": kish_n(answered[1], answered[2]) if weighted else answered[0],
        "missing": missing,
        "total": answered[0] + missing,
    }


def _numeric_sql(name: str) -> tuple[str, list]:
    if _vendor() == "postgresql":
        return "CAST(t.data ->> %s AS double precision)", [name]
    return "CAST(json_extract(t.data, %s) AS REAL)", [_path(name)]


def _quantiles(queryset: QuerySet, name: str, count: int) -> list[float | None]:
    """q1, median, q3 (linear interpolation between order statistics, as percentile_cont)."""
    if not count:
        return [None, None, None]
    base, params = _base(queryset)
    value, value_params = _numeric_sql(name)
    answered, answered_params = _answered_sql(name, False)
    if _vendor() == "postgresql":
        sql = (
            f"SELECT percentile_cont(ARRAY[0.25, 0.5, 0.75]) WITHIN GROUP (ORDER BY {value}) "  # noqa: S608 — fixed fragments, values are parameters
            f"FROM {base} t WHERE {answered}"
        )
        return list(_fetch(sql, value_params + params + answered_params)[0][0])
    result = []
    for q in (0.25, 0.5, 0.75):
        position = q * (count - 1)
        low = math.floor(position)
        sql = f"SELECT {value} FROM {base} t WHERE {answered} ORDER BY 1 LIMIT 2 OFFSET %s"  # noqa: S608 — fixed fragments, values are parameters
        values = [row[0] for row in _fetch(sql, value_params + params + answered_params + [low])]
        fraction = position - low
        upper = values[1] if len(values) > 1 else values[0]
        result.append(values[0] + (upper - values[0]) * fraction)
    return result


def numeric_summary(
    survey: Survey,
    name: str,
    *,
    filters: Filters | None = None,
    weighted: bool = False,
    definition: dict | None = None,
    group: str | None = None,
) -> dict:
    """n, mean, sd (sample), min, q1, median, q3, max of an integer or decimal question. Weighted: the mean and sd
    use the weights (sd with Σw − 1 as the divisor, frequency weights), the quartiles stay unweighted. With
    `group`: the same without quartiles per choice of the group question, under "groups"."""
    definition = definition or _definition(survey)
    node = question(survey, name, definition=definition)
    if node["type"] not in ("integer", "decimal"):
        raise AnalysisError(translation.gettext("Only a number question has a numeric summary."))
    queryset = responses(survey, filters)
    base, params = _base(queryset)
    value, value_params = _numeric_sql(name)
    answered, answered_params = _answered_sql(name, False)
    select_group, group_params, group_by, join, join_params = "", [], "", "", []
    if group:
        group_node = question(survey, group, definition=definition)
        if group_node["type"] == "select_multiple":
            join, group_value, join_params = _unnest_sql(group, "g")
        else:
            group_value, group_params = _value_sql(group)
            group_answered, p = _answered_sql(group, False)
            answered = f"{answered} AND {group_answered}"
            answered_params = answered_params + p
        select_group, group_by = f"{group_value}, ", " GROUP BY 1"
    sql = (
        f"SELECT {select_group}COUNT(*), SUM(t.weight), SUM(t.weight * {value}), "  # noqa: S608 — fixed fragments, values are parameters
        f"SUM(t.weight * {value} * {value}), SUM({value}), SUM({value} * {value}), MIN({value}), MAX({value}) "
        f"FROM {base} t{join} WHERE {answered}{group_by}"
    )
    rows = _fetch(sql, group_params + value_params * 8 + params + join_params + answered_params)

    def summary(row) -> dict:
        count, sum_w, sum_wx, sum_wx2, sum_x, sum_x2, low, high = row
        if not count:
            return {"n": 0, "mean": None, "sd": None, "min": None, "max": None}
        if weighted and sum_w:
            mean = sum_wx / sum_w
            variance = (sum_wx2 - sum_w * mean * mean) / (sum_w - 1) if sum_w > 1 else None
        else:
            mean = sum_x / count
            variance = (sum_x2 - count * mean * mean) / (count - 1) if count > 1 else None
        sd = math.sqrt(max(variance, 0.0)) if variance is not None else None
        return {"n": count, "mean": mean, "sd": sd, "min": low, "max": high}

    if group:
        language = _language(None)
        by_value = {str(row[0]): summary(row[1:]) for row in rows if row[0] is not None}
        order = _choice_order(definition, group_node) or sorted(by_value)
        groups = [
            {"value": v, "label": _value_label(definition, group_node, v, language), **by_value[v]}
            for v in order
            if v in by_value
        ]
        whole = numeric_summary(survey, name, filters=filters, weighted=weighted, definition=definition)
        return {**whole, "groups": groups}
    result = summary(rows[0])
    q1, median, q3 = _quantiles(queryset, name, result["n"])
    return {"question": node, "weighted": weighted, **result, "q1": q1, "median": median, "q3": q3}


def date_summary(
    survey: Survey, name: str, *, filters: Filters | None = None, definition: dict | None = None
) -> dict:
    """A date question: n, the first and last date, and the answers per month."""
    definition = definition or _definition(survey)
    node = question(survey, name, definition=definition)
    queryset = responses(survey, filters)
    base, params = _base(queryset)
    value, value_params = _value_sql(name)
    answered, answered_params = _answered_sql(name, False)
    sql = f"SELECT SUBSTR({value}, 1, 7), COUNT(*), MIN({value}), MAX({value}) FROM {base} t WHERE {answered} GROUP BY 1 ORDER BY 1"  # noqa: S608 — fixed fragments, values are parameters
    rows = _fetch(sql, value_params * 3 + params + answered_params)
    n = sum(row[1] for row in rows)
    return {
        "question": node,
        "n": n,
        "first": min((row[2] for row in rows), default=None),
        "last": max((row[3] for row in rows), default=None),
        "months": [{"month": row[0], "count": row[1], "share": row[1] / n if n else 0.0} for row in rows],
    }


def crosstab(
    survey: Survey,
    row: str,
    column: str,
    *,
    filters: Filters | None = None,
    weighted: bool = False,
    language: str | None = None,
    definition: dict | None = None,
) -> dict:
    """Counts (weighted: Σweight) of every pair of answers, row and column shares, totals, and the chi-square
    test of independence. Weighted, the test runs on the weighted counts scaled to Kish's effective n; with a
    select_multiple (a respondent in several cells) there is no test."""
    definition = definition or _definition(survey)
    if row == column:
        raise AnalysisError(translation.gettext("Choose two different questions."))
    row_node = question(survey, row, definition=definition)
    column_node = question(survey, column, definition=definition)
    for node in (row_node, column_node):
        if node["type"] in ("text", "decimal") or (node["type"] == "calculate"):
            raise AnalysisError(
                translation.gettext(
                    "“%(name)s” is an open question: a crosstab needs questions with choices."
                )
                % {"name": node["name"]}
            )
    language = _language(language)
    multiple = (row_node["type"] == "select_multiple", column_node["type"] == "select_multiple")
    queryset = responses(survey, filters)
    cells = {}
    for r, c, count, sum_w, sum_w2 in _grouped(queryset, [(row, multiple[0]), (column, multiple[1])]):
        if r is None or c is None:
            continue
        cells[(str(r), str(c))] = (count, sum_w or 0.0, sum_w2 or 0.0)
    row_seen = {r: (1, 0.0) for r, _ in cells}
    column_seen = {c: (1, 0.0) for _, c in cells}
    row_values = (
        _ordered(definition, row_node, row_seen)
        if _choice_order(definition, row_node)
        else sorted(row_seen, key=_sort_key)
    )
    column_values = (
        _ordered(definition, column_node, column_seen)
        if _choice_order(definition, column_node)
        else sorted(column_seen, key=_sort_key)
    )
    pick = 1 if weighted else 0
    table = [[cells.get((r, c), (0, 0.0, 0.0))[pick] for c in column_values] for r in row_values]
    row_totals = [sum(values) for values in table]
    column_totals = [sum(table[i][j] for i in range(len(row_values))) for j in range(len(column_values))]
    total = sum(row_totals)
    sum_w = sum(cell[1] for cell in cells.values())
    sum_w2 = sum(cell[2] for cell in cells.values())
    effective_n = kish_n(sum_w, sum_w2) if weighted else total
    if any(multiple):
        test = {"chi2": None, "df": 0, "p_value": None, "small_expected": 0, "cells": 0}
        note = translation.gettext(
            "No chi-square test: a multiple-choice question puts one respondent in several cells."
        )
    else:
        scale = effective_n / total if weighted and total else 1.0
        test = chi_square([[value * scale for value in values] for values in table])
        note = ""
    warning = ""
    if test["small_expected"]:
        warning = translation.ngettext(
            "%(small)d cell of %(cells)d has an expected count under 5: the chi-square test may be unreliable; "
            "merge categories or collect more responses.",
            "%(small)d cells of %(cells)d have an expected count under 5: the chi-square test may be unreliable; "
            "merge categories or collect more responses.",
            test["small_expected"],
        ) % {"small": test["small_expected"], "cells": test["cells"]}

    def cell(value, i, j) -> dict:
        return {
            "count": round(value, 2) if weighted else value,
            "row_share": value / row_totals[i] if row_totals[i] else 0.0,
            "column_share": value / column_totals[j] if column_totals[j] else 0.0,
            "share": value / total if total else 0.0,
        }

    return {
        "row": row_node,
        "column": column_node,
        "weighted": weighted,
        "rows": [{"value": r, "label": _value_label(definition, row_node, r, language)} for r in row_values],
        "columns": [
            {"value": c, "label": _value_label(definition, column_node, c, language)} for c in column_values
        ],
        "counts": table,
        "cells": [
            [cell(table[i][j], i, j) for j in range(len(column_values))] for i in range(len(row_values))
        ],
        "row_totals": row_totals,
        "column_totals": column_totals,
        "row_total_shares": [value / total if total else 0.0 for value in row_totals],
        "column_total_shares": [value / total if total else 0.0 for value in column_totals],
        "total": round(total, 2) if weighted else total,
        "effective_n": effective_n,
        "chi2": test["chi2"],
        "df": test["df"],
        "p_value": test["p_value"],
        "small_expected": test["small_expected"],
        "warning": warning,
        "note": note,
    }


def _answer_text(name: str) -> RawSQL:
    """The answer as text, for the ORM (its JSON key lookups misread text answers on SQLite)."""
    table = Response._meta.db_table
    if _vendor() == "postgresql":
        return RawSQL(f'"{table}"."data" ->> %s', [name], output_field=TextField())  # noqa: S611 — the table name and a parameter
    sql = f'CAST(json_extract("{table}"."data", %s) AS TEXT)'
    return RawSQL(sql, [_path(name)], output_field=TextField())  # noqa: S611 — the table name and a parameter


def open_answers(
    survey: Survey,
    name: str,
    *,
    filters: Filters | None = None,
    search: str = "",
    definition: dict | None = None,
) -> QuerySet:
    """(id, completed_at, answer) of the responses that answered an open question, newest first, whose answer
    contains `search` (any case)."""
    definition = definition or _definition(survey)
    node = question(survey, name, definition=definition)
    if node.get("personal"):
        raise AnalysisError(translation.gettext("Personal answers are not listed here."))
    queryset = responses(survey, filters).annotate(answer=_answer_text(name)).filter(answer__gt="")
    if search:
        queryset = queryset.filter(answer__icontains=search)
    return queryset.order_by("-completed_at", "-pk").values("id", "completed_at", "answer")


def analysable(definition: dict, *, personal: bool = False, text: bool = True) -> list[dict]:
    """The questions an analysis shows, in form order (personal ones only when asked)."""
    return [
        node
        for node in form.questions(definition)
        if (personal or not node.get("personal")) and (text or node["type"] not in ("text", "calculate"))
    ]


def summary(
    survey: Survey,
    *,
    filters: Filters | None = None,
    weighted: bool = False,
    group: str | None = None,
    names: list[str] | None = None,
    include_text: bool = True,
    language: str | None = None,
) -> list[dict]:
    """Every question's section of the analysis (or the report): its kind ("choices", "numbers", "dates",
    "text") and its numbers; split by the group question's choices when `group` is given."""
    definition = _definition(survey)
    language = _language(language)
    nodes = analysable(definition, text=include_text)
    if names is not None:
        nodes = [node for node in nodes if node["name"] in names]
    group_node = question(survey, group, definition=definition) if group else None
    if group_node and group_node["type"] not in form.CHOICE_TYPES:
        raise AnalysisError(translation.gettext("Group by a question with choices."))
    sections = []
    for node in nodes:
        label = form.text(node.get("label"), language, definition.get("languages")) or node["name"]
        section = {"name": node["name"], "label": label, "type": node["type"], "node": node}
        if node["type"] in ("integer", "decimal"):
            section["kind"] = "numbers"
            section["numbers"] = numeric_summary(
                survey,
                node["name"],
                filters=filters,
                weighted=weighted,
                definition=definition,
                group=group if group and group != node["name"] else None,
            )
        elif node["type"] == "date":
            section["kind"] = "dates"
            section["dates"] = date_summary(survey, node["name"], filters=filters, definition=definition)
        elif node["type"] == "text":
            section["kind"] = "text"
            section["answered"] = _totals(responses(survey, filters), node["name"])[0]
        else:
            section["kind"] = "choices"
            section["frequencies"] = frequencies(
                survey,
                node["name"],
                filters=filters,
                weighted=weighted,
                language=language,
                definition=definition,
            )
            if group and group != node["name"] and node["type"] != "calculate":
                section["crosstab"] = crosstab(
                    survey,
                    node["name"],
                    group,
                    filters=filters,
                    weighted=weighted,
                    language=language,
                    definition=definition,
                )
        sections.append(section)
    return sections


def report_questions(survey: Survey, definition: dict | None = None) -> list[str]:
    """The questions the shareable report shows: those the team chose, else every non-personal question that
    is not open text; never a personal one."""
    definition = definition or _definition(survey)
    chosen = list(getattr(survey, "report_questions", None) or [])
    allowed = [node for node in form.questions(definition) if not node.get("personal")]
    if chosen:
        return [node["name"] for node in allowed if node["name"] in chosen]
    return [node["name"] for node in allowed if node["type"] not in ("text", "calculate")]
