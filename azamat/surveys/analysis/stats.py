"""The statistics, on counts already aggregated: the Wilson interval of a share, Kish's effective n, Pearson's
chi-square test of independence."""

import math

from azamat.surveys.analysis.common import Z95


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
