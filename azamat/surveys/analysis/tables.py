"""The tables of counts: a question's frequencies with Wilson intervals, and the crosstab of two questions with
its chi-square test."""

from django.utils import translation

from azamat.surveys.analysis.common import AnalysisError
from azamat.surveys.analysis.filters import Filters, responses
from azamat.surveys.analysis.questions import (
    _choice_order,
    _definition,
    _language,
    _ordered,
    _sort_key,
    _value_label,
    question,
)
from azamat.surveys.analysis.sql import _answered_and_missing, _grouped
from azamat.surveys.analysis.stats import chi_square, kish_n, wilson
from azamat.surveys.models import Survey


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
