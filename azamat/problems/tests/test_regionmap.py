"""The regions' tile map: every region once, where it lies on the map, shaded by its count with text readable on
every shade, named in the reader's language, and the same numbers in a table for a screen reader."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from azamat.problems import regionmap
from azamat.registry.models import Region

pytestmark = pytest.mark.django_db
CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "azamat.css"


def region(kato: str) -> Region:
    return Region.objects.get(kato=kato)


def test_every_region_has_its_own_place_west_to_east_and_north_to_south():
    tiles = regionmap.tiles({})
    assert len(tiles) == 20
    assert len({(t.column, t.row) for t in tiles}) == 20
    at = {t.kato[:2]: (t.column, t.row) for t in tiles}
    assert at["27"][0] < at["15"][0] < at["35"][0] < at["63"][0]  # West Kazakhstan … East Kazakhstan
    assert at["59"][1] < at["11"][1] < at["35"][1] < at["31"][1] < at["79"][1]  # north to south
    assert [(t.row, t.column) for t in tiles] == sorted((t.row, t.column) for t in tiles)  # reading order
    assert all(t.count == 0 and t.shade == 0 for t in tiles)
    assert [step.shade for step in tiles.legend] == [0]


def test_shades_step_with_the_count_and_the_legend_says_what_each_means():
    almaty, karaganda, ulytau = region("750000000"), region("350000000"), region("620000000")
    with translation.override("en"):
        tiles = regionmap.tiles({almaty.pk: 8, karaganda.pk: 4, ulytau.pk: 1})
    shade = {t.region_id: t.shade for t in tiles}
    assert (shade[almaty.pk], shade[karaganda.pk], shade[ulytau.pk]) == (4, 2, 1)
    assert sum(1 for t in tiles if t.shade == 0) == 17
    assert [(s.shade, s.label) for s in tiles.legend] == [
        (0, "none"),
        (1, "1–2"),
        (2, "3–4"),
        (3, "5–6"),
        (4, "7–8"),
    ]
    assert [t.name for t in tiles.by_count[:3]] == ["Almaty", "Karaganda Region", "Ulytau Region"]
    assert tiles.total == 13
    with translation.override("en"):
        one = regionmap.tiles({ulytau.pk: 1})
    assert [(s.shade, s.label) for s in one.legend] == [(0, "none"), (4, "1")]


def test_names_are_in_the_readers_language_with_short_forms_for_the_tile():
    west = region("270000000")
    with translation.override("kk"):
        tile = next(t for t in regionmap.tiles({}) if t.region_id == west.pk)
    assert (tile.name, tile.short_name, tile.abbreviation) == ("Батыс Қазақстан облысы", "БҚО", "БҚО")
    with translation.override("ru"):
        tile = next(t for t in regionmap.tiles({}) if t.kato == "470000000")
    assert (tile.name, tile.short_name, tile.abbreviation) == ("Мангистауская область", "Мангистау", "Мнг")
    assert all(len(t.abbreviation) <= 5 for t in regionmap.tiles({}))


def test_the_partial_shows_tiles_for_the_eye_and_a_table_for_everyone(django_assert_max_num_queries):
    almaty = region("750000000")
    with translation.override("en"), django_assert_max_num_queries(1):
        tiles = regionmap.tiles({almaty.pk: 3}, url=lambda r: f"/problems/?region={r.kato}")
        html = render_to_string(
            "problems/_region_map.html",
            {"tiles": tiles, "caption": "Organisations affected", "count_label": "Organisations"},
        )
    grid = re.search(r'<ul class="tile-map tile-map-fluid" aria-hidden="true">(.*?)</ul>', html, re.S).group(
        1
    )
    assert grid.count('<li class="tile ') == 20
    assert 'class="tile tile-c4 tile-r3 shade-4" title="Almaty: 3"' in grid
    assert grid.count('tabindex="-1"') == 20  # links in the picture are out of the keyboard's way…
    table = html[html.index("<table") :]
    assert table.count("<tr>") == 21  # …and in the table: a header and a row per region, most first
    assert (
        '<th scope="row"><a href="/problems/?region=750000000">Almaty</a></th><td class="num">3</td>' in table
    )
    assert table.index("Almaty") < table.index("Abai Region")
    assert "<figcaption" in html and "Organisations affected" in html and ">Organisations</th>" in html


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_text_on_every_shade_has_aa_contrast():
    css = CSS.read_text()
    variables = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for shade in range(5):
        rule = re.search(rf"\.shade-{shade} \{{([^}}]*)\}}", css).group(1)
        background = re.search(r"background:\s*(#[0-9a-f]{6})", rule).group(1)
        colour = re.search(r"(?<!-)color:\s*([^;]+);", rule).group(1).strip()
        colour = variables[colour[6:-1]] if colour.startswith("var(") else colour
        colour = "#ffffff" if colour == "#fff" else colour
        light, dark = sorted([_luminance(background), _luminance(colour)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, shade
