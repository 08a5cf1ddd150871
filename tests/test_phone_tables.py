"""Every table in a template says how it reads on a phone: a list of records becomes cards (`class="stack"`,
each cell naming what it holds through `data-label` — a cell of buttons, `class="actions"`, speaks for itself —
and the record's name in a `<th scope="row">`), and a table that keeps its columns (`class="wide"`: a grid of
figures to compare across, a matrix of scores, a key–value table that fits anyway) scrolls sideways inside its
`.table-wrap` if it must; a formset of rows (`class="lines"`) is its own cards, each input with its label. A new
table that decides none of these fails here, before a phone user meets it."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "azamat"
TABLE = re.compile(r"<table\b(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
CLASS = re.compile(r'class="(?P<names>[^"]*)"')
CELL = re.compile(r"<td\b(?P<attrs>[^>]*)>")


def _templates() -> list[Path]:
    """The templates with a table, but the admin's: Django's admin lays out its own pages for a phone."""
    return sorted(
        p
        for p in ROOT.glob("*/templates/**/*.html")
        if "<table" in p.read_text(encoding="utf-8") and "/templates/admin/" not in p.as_posix()
    )


def _tables(path: Path):
    text = path.read_text(encoding="utf-8")
    for match in TABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        names = CLASS.search(match["attrs"])
        yield line, set(names["names"].split()) if names else set(), match["body"]


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_table_is_cards_or_a_wide_grid_on_a_phone(path):
    undecided = [line for line, names, _ in _tables(path) if not names & {"stack", "wide", "lines"}]
    assert not undecided, (
        f'{path.relative_to(ROOT)}, tables at lines {undecided}: add class="stack" (a list of records: cards on a '
        'phone, data-label on each cell) or class="wide" (a grid of figures that scrolls sideways)'
    )


@pytest.mark.parametrize("path", _templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_card_names_what_its_cells_hold(path):
    unnamed = []
    for line, names, body in _tables(path):
        if "stack" not in names:
            continue
        for cell in CELL.finditer(body):
            attrs = cell["attrs"]
            if not (
                "data-label" in attrs or "colspan" in attrs or re.search(r'class="[^"]*\bactions\b', attrs)
            ):
                unnamed.append(line + body.count("\n", 0, cell.start()))
    assert not unnamed, (
        f"{path.relative_to(ROOT)}: cells of a stacked table without data-label at lines {unnamed}"
    )
