"""The summaries of a number question (mean, sd, quartiles, per group) and of a date question (its range, its
answers per month)."""

import math

from django.db.models import QuerySet
from django.utils import translation

from azamat.surveys.analysis.common import AnalysisError
from azamat.surveys.analysis.filters import Filters, responses
from azamat.surveys.analysis.questions import _choice_order, _definition, _language, _value_label, question
from azamat.surveys.analysis.sql import (
    _answered_sql,
    _base,
    _fetch,
    _numeric_sql,
    _unnest_sql,
    _value_sql,
    _vendor,
)
from azamat.surveys.models import Survey


def _quantiles(queryset: QuerySet, name: str, count: int, *, exact: bool = False) -> list[float | None]:
    """q1, median, q3 (linear interpolation between order statistics, as percentile_cont)."""
    if not count:
        return [None, None, None]
    base, params = _base(queryset)
    value, value_params = _numeric_sql(name, exact=exact)
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
    exact = node["type"] == "decimal"
    value, value_params = _numeric_sql(name, exact=exact)
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
    q1, median, q3 = _quantiles(queryset, name, result["n"], exact=exact)
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
