"""Lists people pick from (regions, areas of activity, legal forms, customers) are in the alphabetical order of the
page's language: a Kazakh page puts Ақмола before Алматы, which the database and Python's code points do not."""

import re

import pytest
from django.utils import translation

from azamat.core.collation import sort_key, sorted_choices
from azamat.grants.forms.applications import CallFilterForm
from azamat.grants.forms.operator import QueueFilterForm
from azamat.grants.forms.projects import DashboardFilterForm
from azamat.grants.forms.review import ExpertFilterForm
from azamat.registry.forms import BodyFilterForm, DirectoryFilterForm, OrganisationForm
from azamat.registry.models import GovernmentBody, LegalForm

pytestmark = pytest.mark.django_db

KK_REGIONS = [
    "Абай облысы",
    "Ақмола облысы",
    "Ақтөбе облысы",
    "Алматы қ.",
    "Алматы облысы",
    "Астана қ.",
    "Атырау облысы",
    "Батыс Қазақстан облысы",
    "Жамбыл облысы",
    "Жетісу облысы",
    "Қарағанды облысы",
    "Қостанай облысы",
    "Қызылорда облысы",
    "Маңғыстау облысы",
    "Павлодар облысы",
    "Солтүстік Қазақстан облысы",
    "Түркістан облысы",
    "Ұлытау облысы",
    "Шығыс Қазақстан облысы",
    "Шымкент қ.",
]
RU_REGIONS = [
    "Акмолинская область",
    "Актюбинская область",
    "Алматинская область",
    "Атырауская область",
    "Восточно-Казахстанская область",
    "г. Алматы",
    "г. Астана",
    "г. Шымкент",
    "Жамбылская область",
    "Западно-Казахстанская область",
    "Карагандинская область",
    "Костанайская область",
    "Кызылординская область",
    "Мангистауская область",
    "область Абай",
    "область Жетісу",
    "область Ұлытау",
    "Павлодарская область",
    "Северо-Казахстанская область",
    "Туркестанская область",
]


def options(html: str, name: str) -> list[str]:
    """The labels of the <select name=…> of a page, in the page's order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"no <select name={name}> on the page"
    return [label.strip() for label in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1), re.S)]


def labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value not in ("", None)]


def test_the_directory_lists_regions_in_kazakh_alphabetical_order(client):
    html = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()
    regions = options(html, "region")
    assert regions[1:] == KK_REGIONS
    assert regions.index("Абай облысы") < regions.index("Ақмола облысы") < regions.index("Алматы облысы")
    # The first option is still "all regions", not a region sorted among the rest.
    assert regions[0] not in KK_REGIONS


def test_the_directory_lists_regions_in_russian_alphabetical_order(client):
    html = client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert options(html, "region")[1:] == RU_REGIONS


def test_the_directory_lists_areas_in_the_page_language_order(client):
    kk = options(client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="kk").content.decode(), "area")[1:]
    # Ә sorts right after А, not after Я where its code point puts it.
    assert kk[:4] == ["Адам құқықтары", "Әйелдер құқықтары", "Әлеуметтік қорғау", "БАҚ және сөз бостандығы"]
    assert kk == sorted(kk, key=lambda label: sort_key(label, "kk"))
    ru = options(client.get("/organisations/", HTTP_ACCEPT_LANGUAGE="ru").content.decode(), "area")[1:]
    assert ru[:3] == ["Волонтёрство", "Выборы", "Дети и молодёжь"]
    assert ru == sorted(ru, key=lambda label: sort_key(label, "ru"))


def test_the_legal_forms_are_alphabetical_with_other_last():
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            for field in (
                DirectoryFilterForm().fields["legal_form"],
                OrganisationForm().fields["legal_form"],
            ):
                assert field.choices[0][0] == ""
                values = [value for value, _label in field.choices[1:]]
                assert values[-1] == LegalForm.OTHER
                named = labels(field)[:-1]
                assert named == sorted(named, key=lambda label: sort_key(label, language))


def test_the_organisation_form_lists_regions_and_areas_alphabetically_in_one_query(django_assert_num_queries):
    with translation.override("kk"):
        form = OrganisationForm()
        with django_assert_num_queries(1):
            regions = labels(form.fields["region"])
        assert regions == KK_REGIONS
        areas = labels(form.fields["areas"])
        assert areas[:3] == ["Адам құқықтары", "Әйелдер құқықтары", "Әлеуметтік қорғау"]
        # The rendered page shows the same order.
        html = str(form["region"])
        assert html.index("Ақмола облысы") < html.index("Алматы облысы") < html.index("Қарағанды облысы")
    with translation.override("ru"):
        assert labels(OrganisationForm().fields["region"]) == RU_REGIONS


def test_every_filter_of_regions_areas_and_customers_is_alphabetical():
    with translation.override("kk"):
        assert labels(BodyFilterForm().fields["region"]) == KK_REGIONS
        assert labels(QueueFilterForm().fields["region"]) == KK_REGIONS
        areas = labels(ExpertFilterForm().fields["area"])
        assert (
            areas == sorted(areas, key=lambda label: sort_key(label, "kk"))
            and areas[1] == "Әйелдер құқықтары"
        )
        bodies = list(GovernmentBody.objects.all()[:12])
        customers = labels(DashboardFilterForm(customers=bodies).fields["customer"])
        assert customers == sorted((b.name_kk for b in bodies), key=lambda label: sort_key(label, "kk"))
        # The call filter's customers go through the same ordering.
        named = labels(CallFilterForm().fields["customer"])
        assert named == sorted(named, key=lambda label: sort_key(label, "kk"))


def test_sorted_choices_keeps_the_blank_first_and_the_named_last():
    choices = [("x", "Басқа"), ("b", "Ұлытау"), ("", "Барлығы"), ("a", "Ақсу"), ("c", "Алмалы")]
    assert sorted_choices(choices, last={"x"}, language="kk") == [
        ("", "Барлығы"),
        ("a", "Ақсу"),
        ("c", "Алмалы"),
        ("b", "Ұлытау"),
        ("x", "Басқа"),
    ]


def test_a_reports_project_lists_its_areas_alphabetically():
    """The annual report's project rows listed the areas in the taxonomy's order (Әлеуметтік қорғау, Балалар мен
    жастар, Әйелдер құқықтары…), the one list on the report's page that was not alphabetical."""
    from azamat.registry.report_forms import ProjectRow

    for language in ("kk", "ru"):
        with translation.override(language):
            areas = labels(ProjectRow().fields["area"])
            assert areas == sorted(areas, key=lambda label: sort_key(label, language)) and len(areas) == 20
