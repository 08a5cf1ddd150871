"""A petition's signatures by region read on a phone (390×844), in Russian and Kazakh: the long names of regions
(«Западно-Казахстанская область», «Северо-Казахстанская область») ran into their bars and their counts
(«Западно-Казахстанская…49»); cut shorter, they still did («Кызылординская обл…»)."""

import datetime

import pytest
from django.utils import timezone, translation

from azamat.campaigns.canonical import email_key
from azamat.campaigns.counting import TALLY_KEY
from azamat.campaigns.models import Petition, Signature, Tally
from azamat.registry.models import Region
from azamat.testing import campaigns_factories as f

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.mark.parametrize("locale", ["ru-RU", "kk-KZ"])
def test_each_regions_name_ends_before_its_bar(make_page, locale):
    petition = f.petition(title="Сохраните детскую площадку в нашем квартале")
    Petition.objects.filter(pk=petition.pk).update(listed_at=timezone.now())
    confirmed = timezone.now() - datetime.timedelta(hours=1)
    regions = list(Region.objects.order_by("pk"))
    assert len(regions) >= 17
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name="Айгүл",
            email=f"signer{n}@example.kz",
            email_key=email_key(f"signer{n}@example.kz"),
            region=region,
            confirmed_at=confirmed,
        )
        for index, region in enumerate(regions)
        for n in range(index * 100, index * 100 + len(regions) - index)
    )
    Tally.objects.create(key=TALLY_KEY, counted_until=timezone.now())

    page = make_page(locale=locale, **PHONE)
    page.goto(petition.get_absolute_url())
    shapes = page.evaluate(
        """() => [...document.querySelectorAll('svg.bar-chart text, svg.bar-chart rect')].map(e => {
             const b = e.getBBox();
             return {tag: e.tagName, text: e.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height};
           })"""
    )
    names = [s["text"] for s in shapes if s["tag"] == "text" and not s["text"][0].isdigit()]
    with translation.override(locale[:2]):
        assert sorted(names) == sorted(region.name for region in regions)  # whole, not cut with «…»

    def overlap(a, b):
        return a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]

    collisions = [
        (a["text"][:30], b["text"][:30] or b["tag"])
        for i, a in enumerate(shapes)
        for b in shapes[i + 1 :]
        if overlap(a, b)
    ]
    assert collisions == []
    assert max(s["x1"] for s in shapes) <= 420  # nothing past the chart's right edge
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
