"""The annual report's pages: start, the form in sections (refusals keep what was typed), review, file, correct, the
public fact on the profile and directory, and who sees what."""

import datetime
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import translation

from azamat.registry.models import ActivityArea, Membership, Region
from azamat.registry.report_countries import country_name
from azamat.registry.report_models import AnnualReport
from azamat.testing.factories import AnnualReportFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 30, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW):
        yield


@pytest.fixture
def ngo():
    return OrganisationFactory(name_ru="Фонд «Қамқор»", current_report=False)


def client_for(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


@pytest.fixture
def admin(ngo):
    return client_for(MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user)


@pytest.fixture
def member(ngo):
    return client_for(MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user)


def management(prefix, total=2, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "200",
    }


def full_post(**override):
    area = ActivityArea.objects.first()
    almaty = Region.objects.get(kato="750000000")
    data = {
        "activities-activities": "Курсы казахского языка для взрослых",
        "activities-areas": [str(area.pk)],
        "activities-regions": [str(almaty.pk)],
        **management("beneficiaries"),
        "beneficiaries-0-category": "youth",
        "beneficiaries-0-number": "1 200",
        **management("projects"),
        **management("founders"),
        "founders-0-kind": "person",
        "founders-0-name": "Әлия Серікқызы",
        "founders-0-country": "KZ",
        "people-staff_count": "4",
        "people-volunteer_count": "12",
        "people-property_value": "350 000,00",
        "people-property_description": "Ноутбуки",
        **management("income"),
        "income-0-source": "foreign",
        "income-0-amount": "1 500 000,50",
        "income-0-donor": "Stiftung Mitte",
        "income-0-country": "DE",
        "income-1-source": "donations",
        "income-1-amount": "200 000",
        "income-total": "1 700 000,50",
        **management("expenses"),
        "expenses-0-category": "programmes",
        "expenses-0-amount": "1 700 000,50",
        "expenditure-expenditure_total": "",
        "save": "income",
    }
    data["income-income_total"] = data.pop("income-total")
    data.update(override)
    return data


def start(client, ngo, year=2025):
    response = client.post(reverse("registry:reports", args=[ngo.bin]), {"year": str(year)})
    assert response.status_code == 302
    return AnnualReport.objects.get(organisation=ngo, year=year)


def test_an_administrator_prepares_saves_reviews_and_files(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post())
    assert response.status_code == 302
    report.refresh_from_db()
    assert (str(report.income_total), str(report.expenditure_total), report.property_value) == (
        "1700000.50",
        "1700000.50",
        350000,
    )
    assert [(i.source, i.donor, i.country) for i in report.income.all()] == [
        ("foreign", "Stiftung Mitte", "DE"),
        ("donations", "", ""),
    ]
    review = admin.get(reverse("registry:report_review", args=[ngo.bin, report.pk]))
    assert "Everything required is filled in and the totals add up." in review.content.decode()
    response = admin.post(reverse("registry:report_file", args=[ngo.bin, report.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == AnnualReport.Status.FILED
    profile = Client(HTTP_ACCEPT_LANGUAGE="en").get(ngo.get_absolute_url()).content.decode()
    assert "Report on 2025 filed" in profile
    directory = Client(HTTP_ACCEPT_LANGUAGE="en").get(reverse("registry:directory")).content.decode()
    assert "report on 2025 filed" in directory


def test_a_foreign_donor_without_country_is_refused_and_everything_typed_stays(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"income-0-country": ""}))
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Income line 1 is from a foreign source: give the donor&#x27;s country (a code such as DE)." in page
    )
    assert "Курсы казахского языка для взрослых" in page and "Stiftung Mitte" in page
    report.refresh_from_db()
    assert report.income.count() == 0
    assert report.activities == "Курсы казахского языка для взрослых"  # the valid sections are saved


def test_totals_that_do_not_add_up_are_refused_with_the_sums(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"expenditure-expenditure_total": "9 000"}))
    assert response.status_code == 400
    assert (
        "The expenditure lines add up to 1,700,000.50 ₸, but the total expenditure stated is 9,000 ₸."
        in response.content.decode()
    )
    report.refresh_from_db()
    assert report.expenses.count() == 0


def test_the_future_and_a_second_report_on_a_year_are_refused(ngo, admin):
    response = admin.post(reverse("registry:reports", args=[ngo.bin]), {"year": "2027"})
    assert response.status_code == 400
    assert "The year 2027 has not begun yet" in response.content.decode()
    start(admin, ngo)
    response = admin.post(reverse("registry:reports", args=[ngo.bin]), {"year": "2025"})
    assert response.status_code == 400
    assert "A report on 2025 already exists" in response.content.decode()
    assert AnnualReport.objects.filter(organisation=ngo).count() == 1


def test_a_member_reads_but_does_not_file_and_others_see_nothing(ngo, admin, member):
    report = start(admin, ngo)
    assert member.get(reverse("registry:report", args=[ngo.bin, report.pk])).status_code == 200
    assert member.get(reverse("registry:report_edit", args=[ngo.bin, report.pk])).status_code == 403
    response = member.post(reverse("registry:report_file", args=[ngo.bin, report.pk]), {"confirm": "yes"})
    assert response.status_code == 403
    outsider = client_for(MembershipFactory(role=Membership.Role.ADMIN).user)
    response = outsider.get(reverse("registry:report", args=[ngo.bin, report.pk]))
    assert response.status_code == 403
    assert "seen only by its members" in response.content.decode()


def test_editing_a_filed_report_sends_to_the_correction(ngo, admin):
    report = AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
    response = admin.post(reverse("registry:report_edit", args=[ngo.bin, report.pk]), full_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:report", args=[ngo.bin, report.pk])
    response = admin.post(reverse("registry:report_correct", args=[ngo.bin, report.pk]))
    correction = AnnualReport.objects.get(organisation=ngo, year=2025, version=2)
    assert response["Location"] == reverse("registry:report_edit", args=[ngo.bin, correction.pk])


def test_the_deadline_shows_on_the_workspace_and_the_profile(ngo):
    user = MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user
    with time_machine.travel(datetime.datetime(2027, 3, 1, 10, tzinfo=datetime.UTC)):
        admin = client_for(user)  # signed in on the day: a session from November would have expired
        AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
        dashboard = admin.get(reverse("accounts:dashboard")).content.decode()
        assert "The report on 2026 is due March 31, 2027: in 30 days." in dashboard
        profile = admin.get(ngo.get_absolute_url()).content.decode()
        assert "The report on 2026 to the state NGO database is due 31 March 2027: in 30 days." in profile


def test_with_nothing_due_the_administrator_is_offered_this_years_report_ahead(ngo, admin):
    AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
    dashboard = admin.get(reverse("accounts:dashboard")).content.decode()
    assert (
        "Prepare the report on 2026 ahead: it can be filed from 1 January and is due March 31, 2027."
        in dashboard
    )
    member = client_for(MembershipFactory(organisation=ngo, role=Membership.Role.MEMBER).user)
    assert "Prepare the report on 2026" not in member.get(reverse("accounts:dashboard")).content.decode()


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_counts_in_a_report_are_grouped_as_the_language_writes_them(ngo, admin, language):
    report = AnnualReportFactory(
        organisation=ngo, year=2025, status=AnnualReport.Status.FILED, staff_count=1500, volunteer_count=12000
    )
    report.beneficiaries.create(category="youth", number=34500)
    report.projects.create(title="Курсы", beneficiaries=2750)
    for name in ("report", "report_review"):
        page = admin.get(
            reverse(f"registry:{name}", args=[ngo.bin, report.pk]), HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        for number in ("1\u00a0500", "12\u00a0000", "34\u00a0500", "2\u00a0750"):
            assert f">{number}<" in page, (name, number)


class _FormReader(HTMLParser):
    """What a browser sends for the report form as the page shows it, untouched."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in {"submit", "button"}:
            if a.get("type") in {"checkbox", "radio"} and "checked" not in a:
                return
            self.data.setdefault(name, []).append(a.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "select":
            if self._select and not self.data[self._select]:
                self.data[self._select] = [""]
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def opened(client, url) -> dict:
    """The edit form's data as the browser would send it: loaded now, sent later."""
    reader = _FormReader()
    reader.feed(client.get(url).content.decode())
    data = {
        k: v if len(v) > 1 or k.endswith(("-areas", "-regions")) else v[0] for k, v in reader.data.items()
    }
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_two_administrators_saving_at_once_lose_neither_ones_section(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    assert admin.post(url, full_post()).status_code == 302
    other = client_for(MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user)
    mine, theirs = opened(admin, url), opened(other, url)  # both open the form
    response = admin.post(url, {**mine, "activities-activities": "Летняя школа", "save": "activities"})
    assert response.status_code == 302
    # the other, with the page opened before, saves the people section: the activities they never touched stay
    response = other.post(url, {**theirs, "people-staff_count": "7", "save": "people"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.activities, report.staff_count) == ("Летняя школа", 7)
    assert report.income.count() == 2 and report.founders.count() == 1  # and nothing else moved


def test_the_same_section_changed_by_two_is_refused_to_the_second_with_what_they_typed(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    assert admin.post(url, full_post()).status_code == 302
    other = client_for(MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user)
    mine, theirs = opened(admin, url), opened(other, url)
    changes = {"activities-activities": "Летняя школа", "people-staff_count": "9"}
    assert admin.post(url, {**mine, **changes}).status_code == 302
    response = other.post(url, {**theirs, "activities-activities": "Зимняя школа"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Someone else saved this section after you opened the report" in page
    assert "Зимняя школа" in page
    report.refresh_from_db()
    assert report.activities == "Летняя школа"
    # saving again, having seen the message, keeps theirs: the page now carries the newer state
    again = dict(re.findall(r'name="(fingerprint-[a-z]+)" value="([^"]*)"', page))
    assert other.post(url, {**theirs, **again, "activities-activities": "Зимняя школа"}).status_code == 302
    report.refresh_from_db()
    assert (report.activities, report.staff_count) == ("Зимняя школа", 9)  # the staff they did not touch stay


def test_a_kazakh_founders_bin_or_iin_with_a_typo_is_refused_with_what_was_typed(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"founders-0-identifier": "12 34"}))
    assert response.status_code == 400
    assert "is not a valid BIN or IIN" in response.content.decode()
    assert response.content.decode().count('value="12 34"') == 1  # what was typed stays
    assert report.founders.count() == 0


def test_a_kazakh_founders_iin_typed_in_groups_is_read_as_its_digits(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"founders-0-identifier": "9210 2935\u00a00851"}))
    assert response.status_code == 302
    assert list(report.founders.values_list("identifier", flat=True)) == ["921029350851"]


def test_a_foreign_founders_number_is_taken_as_given(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    data = {
        "founders-0-kind": "organisation",
        "founders-0-country": "DE",
        "founders-0-identifier": "HRB 12345",
    }
    response = admin.post(url, full_post(**data))
    assert response.status_code == 302
    assert list(report.founders.values_list("identifier", flat=True)) == ["HRB 12345"]
    # read back by the country's name in the reader's language, not its code
    review = reverse("registry:report_review", args=[ngo.bin, report.pk])
    for language, name in (("kk", "Германия"), ("ru", "Германия"), ("en", "Germany")):
        page = admin.get(review, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'data-label="{_country_label(language)}">{name}</td>' in page
    admin.post(url, full_post(**{**data, "founders-0-country": "US"}))
    with translation.override("ru"):
        assert country_name("US") in admin.get(review, HTTP_ACCEPT_LANGUAGE="ru").content.decode()


def _country_label(language):
    with translation.override(language):
        return str(translation.gettext("Country"))


def test_the_projects_table_is_titled_above_its_cards_on_a_phone(ngo, admin):
    # A stacked table's visible caption is squeezed into one narrow column at 390 px: the title is a heading.
    report = AnnualReportFactory(organisation=ngo, year=2025, status=AnnualReport.Status.FILED)
    page = admin.get(reverse("registry:report", args=[ngo.bin, report.pk])).content.decode()
    assert (
        '<h3>Projects in the year</h3>\n  <div class="table-wrap" tabindex="0"><table class="stack">' in page
    )
    assert '<caption class="visually-hidden">Projects in the year</caption>' in page


@pytest.mark.parametrize(
    "language, founder, donor",
    [
        ("kk", "Қазақстан", "Германия"),
        ("ru", "Казахстан", "германия"),
        ("kk", "Казакстан", "Ресей"),
        ("en", "kz", "USA"),
    ],
)
def test_a_country_is_typed_by_its_name(ngo, admin, language, founder, donor):
    """The box took two letters: «Қазақстан» became «ҚА» and was refused as no country code. A country is typed by
    its name (the page lists them) or its code, and a saved one is shown by its name."""
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    post = full_post(**{"founders-0-country": founder, "income-0-country": donor})
    response = admin.post(url, post, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert list(report.founders.values_list("country", flat=True)) == ["KZ"]
    assert report.income.order_by("pk").first().country == country_code_of(donor)
    page = admin.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    with translation.override(language):
        kazakhstan, donor_country = country_name("KZ"), country_name(country_code_of(donor))
    assert f'name="founders-0-country" value="{kazakhstan}" list="countries"' in page
    assert f'name="income-0-country" value="{donor_country}" list="countries"' in page
    assert f'<option value="{kazakhstan}"></option>' in page  # the list to pick from
    assert 'maxlength="2"' not in page


def country_code_of(name):
    from azamat.registry.report_countries import country_code

    return country_code(name)


def test_a_name_that_is_no_country_is_refused_with_what_to_type(ngo, admin):
    report = start(admin, ngo)
    url = reverse("registry:report_edit", args=[ngo.bin, report.pk])
    response = admin.post(url, full_post(**{"income-0-country": "Европа"}))
    assert response.status_code == 400
    page = response.content.decode()
    assert "“Европа” is not a country we know: choose it from the list, or type its two-letter code" in page
    assert 'value="Европа"' in page  # what was typed stays


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_name_the_list_offers_is_read_back_as_its_country(language):
    from azamat.registry.report_countries import country_choices, country_code

    with translation.override(language):
        choices = country_choices()
    assert len(choices) == 249
    assert [code for code, name in choices if country_code(name) != code] == []


def test_a_founder_who_is_a_person_is_not_called_a_user_of_the_site(ngo, admin):
    """Given a founder who is a natural person, when the report is read in Russian, then the kind is not the site's
    «Пользователь» (the shared msgid "Person" means a user of the platform), on the form nor on the filed report."""
    report = start(admin, ngo)
    admin.post(reverse("registry:report_edit", args=[ngo.bin, report.pk]), full_post())
    admin.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    form = admin.get(reverse("registry:report_edit", args=[ngo.bin, report.pk])).content.decode()
    kinds = re.search(r'<select name="founders-0-kind"[^>]*>(.*?)</select>', form, re.S).group(1)
    person = re.search(r'<option value="person"[^>]*>([^<]*)</option>', kinds).group(1)
    review = admin.get(reverse("registry:report_review", args=[ngo.bin, report.pk])).content.decode()
    assert "Пользователь" not in person
    assert person in review
    assert "Пользователь" not in review
