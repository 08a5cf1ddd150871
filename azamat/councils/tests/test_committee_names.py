"""A council's permanent committees are named in each language, as the council itself is: the secretary writes the
Kazakh and Russian names (English optional), each reader sees the name in their language (or the Russian, then the
Kazakh one), no two committees of a council share a name in any language, and the old "kk / ru" texts moved into
their languages."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from azamat.core.errors import DomainError
from azamat.councils import errors
from azamat.councils.models import Committee
from azamat.councils.services import members as member_services
from azamat.testing.councils_factories import CommitteeFactory, CouncilFactory, CouncilSecretaryFactory

pytestmark = pytest.mark.django_db

KK, RU, EN = "Бюджет және қаржы комиссиясы", "Комиссия по бюджету и финансам", "Budget and finance committee"


@pytest.fixture
def council():
    return CouncilFactory(published_at="2026-01-05T10:00:00+05:00")


@pytest.fixture
def secretary(council):
    return CouncilSecretaryFactory(council=council).user


def test_a_committee_is_added_with_a_name_in_each_language(council, secretary):
    committee = member_services.committee_add(
        council=council, name_kk=KK, name_ru=RU, name_en="", by=secretary
    )
    committee.refresh_from_db()
    assert (committee.name_kk, committee.name_ru, committee.name_en) == (KK, RU, "")
    assert committee.history.get().history_user == secretary


@pytest.mark.parametrize("field", ["name_kk", "name_ru", "name_en"])
def test_a_name_already_taken_in_one_language_is_refused_on_that_field(council, secretary, field):
    member_services.committee_add(council=council, name_kk=KK, name_ru=RU, name_en=EN, by=secretary)
    names = {"name_kk": "Басқа комиссия", "name_ru": "Другая комиссия", "name_en": "Another committee"}
    names[field] = {"name_kk": KK, "name_ru": RU, "name_en": EN}[field].upper()
    with pytest.raises(DomainError) as refused:
        member_services.committee_add(council=council, by=secretary, **names)
    assert refused.value.code == errors.COMMITTEE_EXISTS and refused.value.field == field
    assert str(refused.value) == "The council already has a committee with this name."
    assert council.committees.count() == 1


def test_another_council_may_use_the_same_names_and_no_english_name_twice_is_no_clash(council, secretary):
    member_services.committee_add(council=council, name_kk=KK, name_ru=RU, name_en="", by=secretary)
    member_services.committee_add(
        council=council, name_kk="Екінші", name_ru="Вторая", name_en="", by=secretary
    )
    other = CouncilFactory()
    member_services.committee_add(
        council=other, name_kk=KK, name_ru=RU, name_en="", by=None, check_permission=False
    )
    assert Committee.objects.count() == 3


@pytest.mark.parametrize("field", ["name_kk", "name_ru", "name_en"])
def test_the_database_holds_one_name_per_language_in_a_council(council, field):
    CommitteeFactory(council=council, name_kk=KK, name_ru=RU, name_en=EN)
    names = {"name_kk": "Басқа", "name_ru": "Другая", "name_en": "Other"}
    names[field] = {"name_kk": KK, "name_ru": RU, "name_en": EN.lower()}[field]
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(council=council, **names)
    Committee.objects.create(council=CouncilFactory(), name_kk=KK, name_ru=RU, name_en=EN)
    # Names not written are no clash: two committees moved from one Russian text each.
    Committee.objects.create(council=council, name_kk="", name_ru="Первая", name_en="")
    Committee.objects.create(council=council, name_kk="", name_ru="Вторая", name_en="")


@pytest.mark.postgresql
def test_the_database_folds_the_case_of_kazakh_and_russian_names(council):
    """PostgreSQL's lower() knows Cyrillic (SQLite's only Latin: there the services' check is the guard)."""
    CommitteeFactory(council=council, name_kk=KK, name_ru=RU, name_en="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(council=council, name_kk=KK.upper(), name_ru="Другая", name_en="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Committee.objects.create(council=council, name_kk="Басқа", name_ru=RU.upper(), name_en="")


def test_the_form_takes_the_kazakh_and_russian_names_and_keeps_what_was_typed(client, council, secretary):
    client.force_login(secretary)
    url = reverse("councils:committee_add", args=[council.pk])
    empty = client.post(url, {"name_kk": "", "name_ru": "", "name_en": ""})
    assert empty.status_code == 400 and empty.content.decode().count("This field is required.") >= 2
    half = client.post(url, {"name_kk": KK, "name_ru": "  ", "name_en": ""})
    assert half.status_code == 400 and f'value="{KK}"' in half.content.decode()
    assert not council.committees.exists()
    added = client.post(url, {"name_kk": KK, "name_ru": RU, "name_en": ""})
    assert added.status_code == 302
    assert [(c.name_kk, c.name_ru) for c in council.committees.all()] == [(KK, RU)]


def test_the_same_committee_sent_again_is_answered_as_added_and_a_clash_is_refused(
    client, council, secretary
):
    """The back button or a double tap sends the same names again: the committee added the first time is the
    answer, not a form in red; one name taken by another committee is refused on its field, what was typed kept."""
    from django.contrib.messages import get_messages

    client.force_login(secretary)
    url = reverse("councils:committee_add", args=[council.pk])
    assert client.post(url, {"name_kk": KK, "name_ru": RU, "name_en": ""}).status_code == 302
    again = client.post(url, {"name_kk": f" {KK} ", "name_ru": RU.upper(), "name_en": ""})
    assert again.status_code == 302 and again.url == reverse("councils:manage", args=[council.pk])
    said = [(m.level_tag, str(m)) for m in get_messages(again.wsgi_request)]
    assert said[-1] == ("info", "The council already has this committee.")  # after the first post's "added"
    clash = client.post(url, {"name_kk": KK, "name_ru": "Другая комиссия", "name_en": ""})
    page = clash.content.decode()
    assert clash.status_code == 400 and "The council already has a committee with this name." in page
    assert 'value="Другая комиссия"' in page
    assert council.committees.count() == 1


@pytest.mark.parametrize(("language", "shown"), [("kk", KK), ("ru", RU), ("en", RU)])
def test_each_reader_sees_the_committee_in_their_language_with_a_fallback(client, council, language, shown):
    CommitteeFactory(council=council, name_kk=KK, name_ru=RU, name_en="")
    page = client.get(reverse("councils:detail", args=[council.pk]), HTTP_ACCEPT_LANGUAGE=language)
    text = page.content.decode()
    assert page.status_code == 200 and f"<li>{shown}</li>" in text
    assert f"<li>{KK if shown == RU else RU}</li>" not in text


def test_the_annual_report_names_the_committees_in_each_part_s_language(council):
    import io

    from pypdf import PdfReader

    from azamat.councils.annual_report import annual_report, report_pdf

    CommitteeFactory(council=council, name_kk=KK, name_ru=RU, name_en="")
    report = annual_report(council, 2026)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(report, ["kk", "ru"]))).pages)
    flat = " ".join(text.split())
    assert KK in flat and RU in flat


# --- The migration ------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_each_kk_ru_name_into_its_languages_and_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("councils", "0007_member_proposals")]
    after = [("councils", "0008_committee_name_per_language")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before[0]).apps
    OldCommittee = old.get_model("councils", "Committee")
    council_id = CouncilFactory().pk  # the council's table is the same before and after
    names = {
        "pair": f"{KK} / {RU}",
        "pair without Kazakh letters": "Бюджет комиссиясы / Комиссия по бюджету",
        "reversed": "Комиссия по делам молодёжи / Жастар істері жөніндегі комиссия",
        "Russian": "Комиссия по общественному контролю",
        "Kazakh": "Қоғамдық бақылау комиссиясы",
        "English": "Youth committee",
    }
    for text in names.values():
        OldCommittee.objects.create(council_id=council_id, name=text)
    old.get_model("councils", "HistoricalCommittee").objects.create(
        id=999,
        council_id=council_id,
        name=f"{KK} / {RU}",
        history_date="2026-01-05T10:00:00+05:00",
        history_type="+",
    )

    MigrationExecutor(connection).migrate(after)
    moved = {c.name_kk + "|" + c.name_ru + "|" + c.name_en for c in Committee.objects.all()}
    assert moved == {
        f"{KK}|{RU}|",
        "Бюджет комиссиясы|Комиссия по бюджету|",
        "Жастар істері жөніндегі комиссия|Комиссия по делам молодёжи|",
        "|Комиссия по общественному контролю|",
        "Қоғамдық бақылау комиссиясы||",
        "||Youth committee",
    }
    assert Committee.history.filter(id=999).values_list("name_kk", "name_ru").get() == (
        KK,
        RU,
    )  # history alike

    executor = MigrationExecutor(connection)
    executor.migrate(before)  # and back: one text each, the languages joined as the demo wrote them
    old = executor.loader.project_state(before[0]).apps
    back = set(old.get_model("councils", "Committee").objects.values_list("name", flat=True))
    assert back == {
        f"{KK} / {RU}",
        "Бюджет комиссиясы / Комиссия по бюджету",
        "Жастар істері жөніндегі комиссия / Комиссия по делам молодёжи",
        "Комиссия по общественному контролю",
        "Қоғамдық бақылау комиссиясы",
        "Youth committee",
    }
    MigrationExecutor(connection).migrate(after)
