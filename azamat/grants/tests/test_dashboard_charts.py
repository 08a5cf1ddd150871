"""The dashboard's pictures: the top groups with the rest as "other", the regions as a tile map, money in millions,
groups in alphabetical order of the page's language; the page itself draws them without inline styles."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.grants import charts
from azamat.grants.selectors.dashboard import Group, chart, dashboard, dashboard_charts
from azamat.grants.selectors.evaluation import PaymentStats
from azamat.grants.tests.test_evaluation import grants_landscape, operator  # noqa: F401 (fixtures)
from azamat.registry.models import Region

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_a_chart_shows_the_top_eight_and_merges_the_rest_into_other():
    # Twelve groups: amounts 1..12 million, and the effectiveness scores of the four smallest.
    groups = [
        Group(label=f"Region {n:02}", applications=2 * n, awarded=n, amount=Decimal(n * 1_000_000))
        for n in range(1, 13)
    ]
    for n, group in enumerate(groups[:4], start=1):
        group.scores = [Decimal(10 * n)]
        group.payments = PaymentStats(count=2, late=1, days_late=n)
    with translation.override("en"):
        amounts = chart(groups, "amount", 1, money=True)
        scores = chart(groups, "effectiveness", 1)
    assert [(b.label, b.display, b.other) for b in amounts["bars"]] == [
        *((f"Region {n:02}", f"{n} mln ₸", False) for n in range(12, 4, -1)),
        ("Other (4)", "10 mln ₸", True),  # 1 + 2 + 3 + 4 million
    ]
    assert amounts["bars"][0].width == charts.BAR_AREA
    # The four groups with a score are the top four; nothing is left for an "other" bar.
    assert [b.label for b in scores["bars"]] == ["Region 04", "Region 03", "Region 02", "Region 01"]
    merged = Group.merged(groups[:4], "Other")
    # Averages and shares are recomputed over the merged groups, not summed.
    assert (merged.effectiveness, merged.late_percent, merged.competition) == (
        Decimal("25.0"),
        Decimal("50.0"),
        Decimal("2.0"),
    )


def test_nine_groups_are_shown_whole_rather_than_an_other_of_one():
    groups = [Group(label=str(n), awarded=1, amount=Decimal(n)) for n in range(1, 10)]
    assert [b.label for b in chart(groups, "amount", 1, money=True)["bars"]] == [
        str(n) for n in range(9, 0, -1)
    ]


def test_the_tile_map_places_all_twenty_regions_on_distinct_tiles():
    amounts = {
        "470000000": Decimal(8_000_000),
        "750000000": Decimal(2_000_000),
        "710000000": Decimal(5_000_000),
    }
    with translation.override("ru"):
        regions = [(r.kato, r.name) for r in Region.objects.all()]
        picture = charts.tile_map(regions, amounts, language="ru")
    tiles = {t.code: t for t in picture["tiles"]}
    assert len(tiles) == 20
    assert len({(t.column, t.row) for t in tiles.values()}) == 20
    assert (tiles["470000000"].shade, tiles["710000000"].shade, tiles["750000000"].shade) == (4, 3, 1)
    assert tiles["100000000"].shade == 0  # nothing awarded in Abai
    # Mangystau lies west of Astana, Shymkent south of Astana; generic words are left off the tiles.
    assert len(regions) == 20
    assert tiles["470000000"].column < tiles["710000000"].column
    assert tiles["790000000"].row > tiles["710000000"].row
    assert tiles["470000000"].short_name == "Мангистау"
    assert tiles["590000000"].short_name == "СКО"
    assert tiles["190000000"].short_name != tiles["750000000"].short_name  # the region and the city of Almaty
    assert [item["shade"] for item in picture["legend"]] == [0, 1, 2, 3, 4]


def test_regions_and_groups_are_listed_in_the_kazakh_alphabet(grants_landscape):  # noqa: F811
    with translation.override("kk"):
        data = dashboard()
    names = [name for _kato, name in data["regions"]]
    # Python's order would put Ақмола and Ақтөбе (қ) after every other А-name.
    assert names[:3] == ["Абай облысы", "Ақмола облысы", "Ақтөбе облысы"]
    assert [g.label for g in data["groups"]["region"]] == ["Алматы қ.", "Маңғыстау облысы"]


def test_the_dashboard_page_draws_the_map_and_charts_without_inline_styles(client, grants_landscape):  # noqa: F811
    response = client.get(reverse("grants:dashboard"), **EN)
    assert response.status_code == 200
    body = response.content.decode()
    assert "style=" not in body
    assert len(re.findall(r'<li class="tile tile-c\d tile-r\d shade-\d">', body)) == 20
    assert "Mangystau" in body and "2 mln ₸" in body  # the tile of the region with the 2 million grant
    assert '<ul class="map-legend"' in body
    assert body.count('<svg class="bar-chart"') >= 4


def test_dashboard_sections_give_the_region_section_its_map(grants_landscape):  # noqa: F811
    with translation.override("en"):
        sections = dashboard_charts(dashboard())
    by_key = {s["key"]: s for s in sections}
    assert "map" in by_key["region"] and "map" not in by_key["year"]
    mangystau = next(t for t in by_key["region"]["map"]["tiles"] if t.code == "470000000")
    assert (mangystau.amount, mangystau.shade) == (Decimal("2000000.00"), 4)
