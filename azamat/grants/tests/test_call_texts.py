"""A call's and a direction's description in Kazakh, Russian and English: the operator writes each on the call's
forms, the reader sees their own language first and the others marked with their language, search and the API
carry all three."""

import datetime
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.grants.factories import CallFactory, DirectionFactory, grant_type
from azamat.grants.models import Call, Direction
from azamat.grants.services import calls as call_services
from azamat.registry.models import GovernmentBody

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
MONDAY = datetime.datetime(2026, 2, 2, 10, 0, tzinfo=ALMATY)
KK = "Ауыл жастарының бастамаларын қолдайтын жобалар."
RU = "Проекты, которые поддерживают инициативы сельской молодёжи."
EN = "Projects that support the initiatives of rural youth."


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


def reader(language: str, user=None) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if user is not None:
        client.force_login(user)
    return client


def _lead(html: str) -> str:
    """The call's description as the page writes it first (the lead paragraph, with its language)."""
    return re.search(r'<p class="lead" lang="(\w\w)">([^<]*)</p>', html).groups()


# --- Reading -------------------------------------------------------------------------------------------------------


def test_a_kazakh_reader_reads_the_kazakh_description_and_the_russian_one_marked_as_russian():
    call = CallFactory(code="youth", description_kk=KK, description_ru=RU)
    html = reader("kk").get(call.get_absolute_url()).content.decode()
    assert _lead(html) == ("kk", KK)
    assert "lang-label" not in html  # written in the reader's language: nothing to say about it
    assert re.search(r'<summary>Басқа тілде: [^<]+</summary><p lang="ru">' + RU, html)
    html = reader("ru").get(call.get_absolute_url()).content.decode()
    assert _lead(html) == ("ru", RU)
    assert re.search(r'<summary>[^<]+</summary><p lang="kk">' + KK, html)


def test_a_description_written_in_russian_only_is_shown_to_a_kazakh_reader_saying_it_is_russian():
    call = CallFactory(code="youth", description_ru=RU)
    html = reader("kk").get(call.get_absolute_url()).content.decode()
    assert _lead(html) == ("ru", RU)
    assert re.search(r'<p class="muted lang-label">Басқа тілде: [^<]+</p><p class="lead" lang="ru">', html)
    assert '<details class="about-other">' not in html


def test_a_directions_description_reads_in_the_readers_language():
    direction = DirectionFactory(description_kk=KK, description_en=EN)
    html = reader("en").get(direction.call.get_absolute_url()).content.decode()
    assert f'<p lang="en">{EN}</p>' in html
    assert re.search(r'<summary>In another language: [^<]+</summary><p lang="kk">' + KK, html)


# --- Search and the API ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "where"),
    [
        ("бастамалары", {"description_kk": KK}),  # another form of «бастамаларын»
        ("инициатива", {"description_ru": RU}),
        ("initiative", {"description_en": EN}),
    ],
)
def test_the_calls_list_finds_words_of_a_description_in_each_language(words, where):
    found = CallFactory(code="found", **where)
    CallFactory(code="other")
    html = reader("en").get(reverse("grants:calls"), {"q": words}).content.decode()
    assert found.get_absolute_url() in html and "/calls/other/" not in html


def test_the_calls_list_finds_words_of_a_directions_description():
    direction = DirectionFactory(call__code="found", description_ru=RU)
    html = reader("en").get(reverse("grants:calls"), {"q": "молодёжь"}).content.decode()
    assert direction.call.get_absolute_url() in html


def test_the_api_gives_the_descriptions_in_each_language():
    DirectionFactory(call__code="youth", description_kk=KK, call__description_ru=RU, call__description_en=EN)
    data = Client().get("/api/v1/calls/youth/").json()
    assert (data["description_kk"], data["description_ru"], data["description_en"]) == ("", RU, EN)
    assert data["directions"][0]["description_kk"] == KK
    assert "description" not in data and "description" not in data["directions"][0]


# --- The operator's forms ----------------------------------------------------------------------------------------


def _call_form(**changes) -> dict:
    data = {
        "code": "youth-2026",
        "title_kk": "Жастар гранттары 2026",
        "description_kk": KK,
        "title_ru": "Молодёжные гранты 2026",
        "description_ru": "",
        "title_en": "",
        "description_en": "",
        "grant_type": grant_type().pk,
        "customer": GovernmentBody.objects.get(code="mci-civil-society").pk,
        "operator": GovernmentBody.objects.get(code="cso-support-centre").pk,
        "opens_on": "2026-03-02",
        "closes_on": "31.03.2026",
    }
    data.update(changes)
    return data


def test_the_operator_creates_a_call_described_in_kazakh_only(operator):
    response = reader("kk", operator).post(reverse("grants:call_new"), _call_form())
    call = Call.objects.get(code="youth-2026")
    assert response.status_code == 302 and response["Location"] == call.get_absolute_url()
    assert (call.description_kk, call.description_ru, call.description_en) == (KK, "", "")
    assert (call.published, call.created_by) == (False, operator)
    # The days as the call opens (9:00) and closes (18:00) in Almaty.
    assert call.opens_at == datetime.datetime(2026, 3, 2, 9, 0, tzinfo=ALMATY)
    assert call.closes_at == datetime.datetime(2026, 3, 31, 18, 0, tzinfo=ALMATY)
    # The draft is on the operator's list of calls, and its page offers its forms.
    page = reader("kk", operator).get(reverse("grants:calls")).content.decode()
    assert call.get_absolute_url() in page and reverse("grants:call_new") in page
    page = reader("kk", operator).get(call.get_absolute_url()).content.decode()
    assert reverse("grants:call_edit", args=[call.code]) in page
    assert reverse("grants:direction_new", args=[call.code]) in page


def test_the_same_call_sent_again_after_back_lands_on_the_call_it_made(operator):
    client = reader("en", operator)
    first = client.post(reverse("grants:call_new"), _call_form())
    again = client.post(reverse("grants:call_new"), _call_form())
    assert (again.status_code, again["Location"]) == (302, first["Location"])
    assert Call.objects.count() == 1


def test_another_call_with_a_code_taken_is_refused_with_its_reason_and_what_was_typed_stays(operator):
    client = reader("en", operator)
    client.post(reverse("grants:call_new"), _call_form())
    response = client.post(reverse("grants:call_new"), _call_form(title_ru="Другое"))
    assert response.status_code == 400
    assert response.context["form"].errors["code"] == [str(call_services.MESSAGES[call_services.CODE_TAKEN])]
    assert 'value="Другое"' in response.content.decode()
    assert list(Call.objects.values_list("title_ru", flat=True)) == ["Молодёжные гранты 2026"]


def test_a_code_that_is_a_page_of_the_site_is_refused(operator):
    response = reader("en", operator).post(reverse("grants:call_new"), _call_form(code="new"))
    assert response.status_code == 400
    assert "This code is taken by a page of the site" in response.content.decode()
    assert not Call.objects.exists()


def test_a_description_past_its_limit_is_refused_and_kept_as_typed(operator):
    long = "Жоба " * 1001  # 5,005 characters
    response = reader("en", operator).post(reverse("grants:call_new"), _call_form(description_kk=long))
    assert response.status_code == 400
    html = response.content.decode()
    assert long.strip() in html and "5,000" in html.replace("\u00a0", ",").replace(" ", ",")
    assert not Call.objects.exists()


def test_the_operator_adds_the_russian_description_to_a_call_and_the_kazakh_one_stays(operator):
    call = CallFactory(code="youth", published=False, description_kk=KK)
    client = reader("ru", operator)
    form = client.get(reverse("grants:call_edit", args=["youth"])).context["form"]
    data = {**form.initial, **{f"{k}": v for k, v in _call_form(description_ru=RU).items() if k != "code"}}
    data["loaded_at"] = form.initial["loaded_at"]
    response = client.post(reverse("grants:call_edit", args=["youth"]), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.description_kk, call.description_ru) == (KK, RU)
    assert call.history.first().history_user == operator


def test_a_save_from_a_second_tab_over_a_newer_one_is_refused_and_what_was_typed_stays(operator):
    CallFactory(code="youth", published=False, description_kk=KK)
    client = reader("en", operator)
    first = client.get(reverse("grants:call_edit", args=["youth"])).context["form"].initial["loaded_at"]
    data = _call_form(description_ru=RU, loaded_at=first)
    del data["code"]
    with time_machine.travel(MONDAY + datetime.timedelta(minutes=3), tick=False):
        assert client.post(reverse("grants:call_edit", args=["youth"]), data).status_code == 302
    # The other tab, loaded before that save, sends its own Russian text.
    response = client.post(
        reverse("grants:call_edit", args=["youth"]), {**data, "description_ru": "Второй вариант"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert str(edits.MESSAGE_OWN).split(":")[0] in html and "Второй вариант" in html
    assert Call.objects.get(code="youth").description_ru == RU
    # Told, the operator saves again: theirs replaces the other.
    retry = dict(response.context["form"].data.items())
    assert client.post(reverse("grants:call_edit", args=["youth"]), retry).status_code == 302
    assert Call.objects.get(code="youth").description_ru == "Второй вариант"


def test_a_published_calls_texts_are_corrected_but_its_dates_stay(operator):
    call = CallFactory(code="youth", opens_at=MONDAY - datetime.timedelta(days=3))
    opens_at = call.opens_at
    data = _call_form(description_ru=RU, opens_on="2026-06-01")
    del data["code"]
    response = reader("en", operator).post(reverse("grants:call_edit", args=["youth"]), data)
    assert response.status_code == 302
    call.refresh_from_db()
    assert (call.description_ru, call.opens_at) == (RU, opens_at)
    with pytest.raises(DomainError) as refused:
        call_services.call_update(
            call=call, by=operator, data={"opens_at": MONDAY + datetime.timedelta(days=9)}
        )
    assert refused.value.code == call_services.FIXED_AT_PUBLICATION


def test_the_operator_adds_a_direction_described_in_two_languages_after_the_others(operator):
    call = CallFactory(code="youth", published=False)
    DirectionFactory(call=call, position=0)
    response = reader("kk", operator).post(
        reverse("grants:direction_new", args=["youth"]),
        {
            "title_kk": "Ауыл жастары",
            "description_kk": KK,
            "title_ru": "Сельская молодёжь",
            "description_ru": RU,
            "budget": "60 000 000",
            "planned_grants": "6",
        },
    )
    direction = Direction.objects.get(title_kk="Ауыл жастары")
    assert response.status_code == 302 and response["Location"].endswith(f"#direction-{direction.pk}")
    assert (direction.description_kk, direction.description_ru, direction.description_en) == (KK, RU, "")
    assert (direction.position, direction.budget) == (1, Decimal("60000000"))


def test_a_published_calls_direction_keeps_its_budget_and_takes_a_corrected_description(operator):
    direction = DirectionFactory(call__code="youth", description_ru="Старый текст")
    response = reader("en", operator).post(
        reverse("grants:direction_edit", args=["youth", direction.pk]),
        {
            "title_kk": "Жастар",
            "title_ru": "Молодёжь",
            "description_ru": RU,
            "budget": "1",
            "planned_grants": "9",
        },
    )
    assert response.status_code == 302
    direction.refresh_from_db()
    assert (direction.description_ru, direction.budget, direction.planned_grants) == (
        RU,
        Decimal("50000000"),
        5,
    )
    with pytest.raises(DomainError) as refused:
        call_services.direction_add(call=direction.call, by=operator, data={"title_kk": "a", "title_ru": "b"})
    assert refused.value.code == call_services.FIXED_AT_PUBLICATION


# --- Applying ----------------------------------------------------------------------------------------------------


def test_an_application_started_again_after_back_is_the_same_draft(bob, ngo):
    direction = DirectionFactory(call__code="youth", description_kk=KK)
    client = reader("kk", bob)
    form = {"organisation": ngo.pk, "direction": direction.pk, "title": "Жастар мектебі", "language": "kk"}
    first = client.post(reverse("grants:call_apply", args=["youth"]), form)
    again = client.post(reverse("grants:call_apply", args=["youth"]), form)
    assert first.status_code == 302 and again["Location"] == first["Location"]
    assert direction.call.applications.count() == 1
    # Another title is another draft.
    client.post(reverse("grants:call_apply", args=["youth"]), {**form, "title": "Екінші жоба"})
    assert direction.call.applications.count() == 2


# --- The migration and the demo ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_moves_each_description_into_its_language_and_back():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = (
        [("grants", "0012_review_outside_parties")],
        [("grants", "0013_call_direction_description_per_language")],
    )
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before[0]).apps
    OldCall, OldDirection = old.get_model("grants", "Call"), old.get_model("grants", "Direction")
    common = {
        "grant_type_id": old.get_model("grants", "GrantType").objects.get(code="short-term").pk,
        "customer_id": old.get_model("registry", "GovernmentBody").objects.get(code="mci-civil-society").pk,
        "opens_at": MONDAY,
        "closes_at": MONDAY + datetime.timedelta(days=30),
    }
    OldCall.objects.create(
        code="kk", title_kk="a", title_ru="a", description=KK, operator_id=common["customer_id"], **common
    )
    ru = OldCall.objects.create(
        code="ru", title_kk="b", title_ru="b", description=RU, operator_id=common["customer_id"], **common
    )
    OldCall.objects.create(
        code="none", title_kk="c", title_ru="c", description="", operator_id=common["customer_id"], **common
    )
    OldDirection.objects.create(call=ru, title_kk="d", title_ru="d", description=EN, budget=1)

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    texts = {c.code: (c.description_kk, c.description_ru, c.description_en) for c in Call.objects.all()}
    assert texts == {"kk": (KK, "", ""), "ru": ("", RU, ""), "none": ("", "", "")}
    assert Direction.objects.get(title_kk="d").description_en == EN

    executor = MigrationExecutor(connection)
    executor.migrate(before)  # and back: each description where it was
    old = executor.loader.project_state(before[0]).apps
    assert dict(old.get_model("grants", "Call").objects.values_list("code", "description")) == {
        "kk": KK,
        "ru": RU,
        "none": "",
    }
    MigrationExecutor(connection).migrate(after)
