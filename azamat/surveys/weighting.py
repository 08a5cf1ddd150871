"""Post-stratification weights: the team picks the weighting questions (region, sex, age group…), enters the
known population share of every cell, and computing the weights sets each counted response's weight to
population share / sample share of its cell — in the database, in one UPDATE, whatever the number of responses.

A cell with responses but no population share gets weight 0 (the population table says nobody is there); a cell
with a share but no responses is reported (its people are missing from the weighted results)."""

import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, Count, FloatField, Q, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from azamat.core.numbers import NumberError, parse_decimal
from azamat.surveys import definition as form
from azamat.surveys.analysis import Filters, responses
from azamat.surveys.models import PopulationShare, Response, Survey

TOLERANCE = Decimal("0.001")
MAX_CELLS = 5000


class WeightError(ValueError):
    """Bad weighting input: the message says what to correct, nothing is changed."""


@dataclass
class WeightResult:
    cells: list[dict]  # cell, share, responses, weight
    empty: list[dict]  # cells with a share and no responses
    unmatched: int  # counted responses in no cell of the table (weight 0)
    weighted: int  # responses that got a weight


def weighting_questions(definition: dict) -> list[dict]:
    """The questions that can make weighting cells: single choice, not personal, outside repeats."""
    return [
        node
        for node in form.questions(definition)
        if node["type"] == "select_one" and not node.get("personal")
    ]


def _definition(survey: Survey) -> dict:
    version = survey.current_version()
    return version.definition if version else {"children": [], "choices": {}}


def weight_questions_set(*, survey: Survey, names: list[str], by) -> Survey:
    """Choose the weighting questions; the population shares of other questions' cells are dropped."""
    allowed = {node["name"] for node in weighting_questions(_definition(survey))}
    unknown = [name for name in names if name not in allowed]
    if unknown:
        raise WeightError(
            _("“%(name)s” cannot make weighting cells: choose single-choice questions.")
            % {"name": unknown[0]}
        )
    with transaction.atomic():
        if list(names) != list(survey.weight_questions or []):
            survey.population_shares.all().delete()
            Response.objects.filter(survey=survey).exclude(weight=1.0).update(weight=1.0)
        survey.weight_questions = list(names)
        survey.save(update_fields=["weight_questions", "updated_at"])
    return survey


def all_cells(survey: Survey) -> list[dict]:
    """Every combination of the weighting questions' choices (for the per-cell form), at most MAX_CELLS."""
    definition = _definition(survey)
    lists = []
    for name in survey.weight_questions or []:
        node = form.find(definition, name)
        if node is None:
            return []
        lists.append(
            [(name, item["name"]) for item in definition.get("choices", {}).get(node.get("list"), [])]
        )
    cells = []
    for combination in itertools.product(*lists):
        cells.append(dict(combination))
        if len(cells) >= MAX_CELLS:
            break
    return cells if lists else []


def _read_share(text: str, line: int) -> Decimal:
    raw = text.strip()
    percent = raw.endswith("%")
    try:
        value = parse_decimal(raw.rstrip("%").strip(), decimal_separator="," if "," in raw else ".")
    except NumberError as exc:
        raise WeightError(
            _("Line %(line)d: “%(value)s” is not a number.") % {"line": line, "value": raw[:30]}
        ) from exc
    if value is None:
        raise WeightError(_("Line %(line)d: the share is missing.") % {"line": line})
    return value / 100 if percent else value


def parse_table(survey: Survey, text: str) -> list[tuple[dict, Decimal]]:
    """Cells and shares from pasted lines "code<TAB>code<TAB>share" (tabs, semicolons or commas); a first line
    naming the questions is skipped."""
    names = list(survey.weight_questions or [])
    if not names:
        raise WeightError(_("Choose the weighting questions first."))
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        separator = "\t" if "\t" in line else ";" if ";" in line else ","
        parts = [part.strip().strip('"') for part in line.split(separator)]
        if separator == "," and len(parts) == len(names) + 2:
            # "751000000,f,0,125": a decimal comma inside a comma-separated line.
            parts = [*parts[: len(names)], parts[-2] + "," + parts[-1]]
        if number == 1 and parts[: len(names)] == names:
            continue
        if len(parts) != len(names) + 1:
            raise WeightError(
                _("Line %(line)d: expected %(count)d values (%(names)s, then the share).")
                % {"line": number, "count": len(names) + 1, "names": ", ".join(names)}
            )
        rows.append((dict(zip(names, parts[:-1], strict=True)), _read_share(parts[-1], number)))
    if not rows:
        raise WeightError(_("The table is empty."))
    return rows


def population_shares_set(*, survey: Survey, shares: list[tuple[dict, Decimal]], by) -> list[PopulationShare]:
    """Replace the survey's population shares. Each cell names a choice of every weighting question; no share
    is negative; they sum to 1 (± 0.001). Cells left out (or 0) have no population."""
    names = list(survey.weight_questions or [])
    if not names:
        raise WeightError(_("Choose the weighting questions first."))
    definition = _definition(survey)
    valid = {}
    for name in names:
        node = form.find(definition, name)
        valid[name] = {
            item["name"] for item in definition.get("choices", {}).get((node or {}).get("list"), [])
        }
    seen = set()
    for cell, share in shares:
        if share < 0:
            raise WeightError(_("A share cannot be negative (%(cell)s).") % {"cell": _cell_text(cell)})
        for name in names:
            if str(cell.get(name, "")) not in valid[name]:
                raise WeightError(
                    _("“%(value)s” is not a choice of “%(name)s”.")
                    % {"value": str(cell.get(name, ""))[:50], "name": name}
                )
        key = tuple(str(cell[name]) for name in names)
        if key in seen:
            raise WeightError(_("The cell %(cell)s is given twice.") % {"cell": _cell_text(cell)})
        seen.add(key)
    total = sum((share for _cell, share in shares), Decimal(0))
    if abs(total - 1) > TOLERANCE:
        raise WeightError(
            _("The shares sum to %(total)s; they must sum to 1 (100%%). Correct them and try again.")
            % {"total": number_format(total, 4)}  # 0,9000 in Kazakh and Russian, as the page writes the sum
        )
    with transaction.atomic():
        survey.population_shares.all().delete()
        return bulk_create_with_history(
            [
                PopulationShare(survey=survey, cell={n: str(cell[n]) for n in names}, share=share)
                for cell, share in shares
                if share > 0
            ],
            PopulationShare,
            default_user=by,
        )


def _cell_text(cell: dict) -> str:
    return " × ".join(str(value) for value in cell.values())


def _cell_q(cell: dict) -> Q:
    return Q(**{f"data__{name}": value for name, value in cell.items()})


def weights_compute(*, survey: Survey, by) -> WeightResult:
    """Set every counted response's weight (population share / sample share of its cell), 0 outside the table,
    and 1 on responses not counted; one UPDATE for the counted ones."""
    names = list(survey.weight_questions or [])
    shares = list(survey.population_shares.all())
    if not names or not shares:
        raise WeightError(_("Choose the weighting questions and enter the population shares first."))
    counted = responses(survey, Filters())
    annotations = {f"_w_{i}": KeyTextTransform(name, "data") for i, name in enumerate(names)}
    sample = {
        tuple(row[f"_w_{i}"] for i in range(len(names))): row["n"]
        for row in counted.annotate(**annotations).values(*annotations).annotate(n=Count("id")).order_by()
    }
    table = {tuple(str(share.cell.get(name, "")) for name in names): share for share in shares}
    in_cells = sum(count for key, count in sample.items() if key in table)
    cells, empty, whens = [], [], []
    for key, share in table.items():
        count = sample.get(key, 0)
        cell = dict(zip(names, key, strict=True))
        if not count:
            empty.append({"cell": cell, "share": share.share})
            continue
        weight = float(share.share) * in_cells / count
        cells.append(
            {
                "cell": cell,
                "share": share.share,
                "responses": count,
                "sample_share": count / in_cells,
                "weight": weight,
            }
        )
        whens.append(When(_cell_q(cell), then=Value(weight)))
    with transaction.atomic():
        Response.objects.filter(survey=survey).exclude(pk__in=counted.values("pk")).exclude(
            weight=1.0
        ).update(weight=1.0)
        counted.update(
            weight=Case(*whens, default=Value(0.0), output_field=FloatField()) if whens else Value(0.0)
        )
    return WeightResult(
        cells=cells, empty=empty, unmatched=sum(sample.values()) - in_cells, weighted=in_cells
    )


def weights_reset(*, survey: Survey, by) -> int:
    return Response.objects.filter(survey=survey).exclude(weight=1.0).update(weight=1.0)


__all__ = [
    "WeightError",
    "WeightResult",
    "all_cells",
    "parse_table",
    "population_shares_set",
    "weight_questions_set",
    "weighting_questions",
    "weights_compute",
    "weights_reset",
]
