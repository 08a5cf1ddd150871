"""The region filter of the analysis, crosstab and exports pages as a survey's team meets it: a region chosen by
its name, not a KATO code to type; the links saved when the code was typed still filter the same region; a value
that is no region is said plainly, never a server error, never silently dropped."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.registry.models import Region
from azamat.surveys.models import ExportJob
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db
ALMATY, ASTANA = "750000000", "710000000"


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    # Two in Almaty (a district's code and the city's own), one in Astana.
    for region, sex in (("751000000", "f"), (ALMATY, "m"), (ASTANA, "f")):
        sf.response(
            made, {"region": "751000000", "sex": sex, "age": 30, "services": ["ramp"]}, region_code=region
        )
    return made


def _page(client, name, survey, query, language="en"):
    client.cookies["azamat_language"] = language
    return client.get(reverse(f"surveys:{name}", args=[survey.pk]), query, HTTP_ACCEPT_LANGUAGE=language)


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", ["analysis", "crosstab", "exports"])
def test_the_region_is_chosen_by_its_name(client, alice, survey, name, language):
    client.force_login(alice)
    html = _page(client, name, survey, {}, language).content.decode()
    with translation.override(language):
        almaty = Region.objects.get(kato=ALMATY).name
    assert '<select name="region_code"' in html
    assert f'<option value="{ALMATY}">{almaty}</option>' in html
    assert 'type="text" name="region_code"' not in html and "KATO" not in html


@pytest.mark.parametrize("saved", [ALMATY, "75"])
def test_a_link_saved_with_the_typed_code_still_filters_that_region(client, alice, survey, saved):
    client.force_login(alice)
    page = _page(client, "analysis", survey, {"region_code": saved})
    html = page.content.decode()
    assert page.status_code == 200
    assert f'<option value="{ALMATY}" selected>' in html
    assert "2 responses counted." in html  # the city's district too
    crosstab = _page(client, "crosstab", survey, {"region_code": saved, "row": "sex", "column": "region"})
    assert crosstab.status_code == 200 and f'<option value="{ALMATY}" selected>' in crosstab.content.decode()


@pytest.mark.parametrize("unknown", ["999", "751000000", "abc", "7"])
@pytest.mark.parametrize("name", ["analysis", "crosstab"])
def test_a_value_that_is_no_region_is_said_and_left_out(client, alice, survey, unknown, name):
    client.force_login(alice)
    page = _page(client, name, survey, {"region_code": unknown})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Some filters could not be read and are left out:" in html
    assert f"Region: There is no region with the code {unknown}: choose a region from the list." in html
    if name == "analysis":
        assert "3 responses counted." in html


def test_the_export_of_a_region_counts_its_districts_and_an_unknown_region_is_refused(client, alice, survey):
    client.force_login(alice)
    url = reverse("surveys:exports", args=[survey.pk])
    form = {"format": "csv", "labels": "1", "language": "en"}
    refused = client.post(url, {**form, "region_code": "12345"}, HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    assert (
        "There is no region with the code 12345: choose a region from the list." in refused.content.decode()
    )
    assert not ExportJob.objects.exists()
    taken = client.post(url, {**form, "region_code": ALMATY}, HTTP_ACCEPT_LANGUAGE="en")
    assert taken.status_code == 302
    job = ExportJob.objects.get()
    assert job.filters == {"region_code": "75"}
    assert job.rows_total == 2
    # The list of exports says which region, in words.
    listed = _page(client, "exports", survey, {}, "ru").content.decode()
    with translation.override("ru"):
        almaty = Region.objects.get(kato=ALMATY).name
    assert f"Регион: {almaty}" in listed or f"Region: {almaty}" in listed
    assert "region_code=75" not in listed


def test_the_api_keeps_its_kato_prefix(client, alice, survey):
    from azamat.surveys.analysis import Filters, responses

    filters = Filters.from_query({"region_code": "751"})
    assert (filters.region_code, filters.errors) == ("751", [])
    assert responses(survey, filters).count() == 1
