"""The redaction engine: a verified event's public copy hides the names of everyone in it without consent (in all
their forms), applies the organisation's text rules in any case, hides phones, rounds the place and the date per
the policy — and the original record stays exactly as it was."""

import datetime

import pytest
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.monitoring import publication
from azamat.monitoring.models import (
    Act,
    Event,
    Involvement,
    PublicationPolicy,
    PublishedEvent,
    RedactionRule,
    Source,
)
from azamat.monitoring.public_selectors import date_text
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # The refusals are compared in English: without this, they came in whatever language an earlier test's
    # request left active in the thread (Kazakh, the default, when this file runs alone).
    with translation.override("en"):
        yield


DESCRIPTION = (
    "Ержана Сапарова задержали у акимата и доставили в РУВД. Свидетель Гульнара Ахметова видела, как "
    "капитан Болат Искаков ударил его. Телефон свидетеля +7 701 555 12 34."
)


@pytest.fixture
def world():
    org = OrganisationFactory()
    people = mf.team(org)
    admin = lf.org_admin(org)
    victim = mf.person(org, "Ержан Сапаров", public_alias="активист из Алматы", other_names="Erzhan Saparov")
    witness = mf.person(org, "Гульнара Ахметова", public_alias="")
    officer = mf.person(org, "Болат Искаков", public_alias="сотрудник полиции")
    event = lf.verified_event(
        org,
        by=people["monitor"],
        verifier=people["verifier"],
        victim=victim,
        title="Задержание Ержана Сапарова у акимата",
        description=DESCRIPTION,
        date=datetime.date(2026, 3, 14),
    )
    Source.objects.create(
        event=event,
        kind="witness",
        person=witness,
        reliability="b",
        received_on=event.date,
        account="Видела.",
    )
    Involvement.objects.create(act=event.acts.get(), perpetrator=officer, role="carried_out")
    return {"org": org, "event": event, "admin": admin, **people}


def test_names_without_consent_become_the_public_description_in_every_form(world):
    copy = publication.public_copy(world["event"])
    assert "Сапаров" not in copy.title and "Сапаров" not in copy.summary
    assert copy.title == "Задержание активист из Алматы у акимата"
    assert copy.summary.startswith("активист из Алматы задержали")
    assert "сотрудник полиции ударил" in copy.summary
    assert "Искаков" not in copy.summary and "Ахметова" not in copy.summary


def test_a_name_without_a_public_description_is_hidden_in_the_texts_language(world):
    copy = publication.public_copy(world["event"])
    with translation.override("ru"):
        hidden = translation.gettext("[name hidden]")
    assert f"Свидетель {hidden} видела" in copy.summary


def test_a_name_with_consent_is_shown(world):
    victim = world["event"].acts.get().victim
    victim.consent_to_publish = True
    victim.save()
    copy = publication.public_copy(world["event"])
    assert copy.title == "Задержание Ержана Сапарова у акимата"
    assert "Гульнара" not in copy.summary  # the witness did not consent


def test_text_rules_replace_in_any_case_and_phones_go(world):
    RedactionRule.objects.create(
        organisation=world["org"],
        find="рувд",
        replace_with="[отдел полиции]",
        comment="Не называть отдел.",
        editor=world["admin"],
    )
    copy = publication.public_copy(world["event"])
    assert "доставили в [отдел полиции]." in copy.summary and "РУВД" not in copy.summary
    assert "Телефон свидетеля […]." in copy.summary and "555" not in copy.summary


def test_publishing_keeps_the_original_untouched(world):
    RedactionRule.objects.create(
        organisation=world["org"],
        find="акимат",
        replace_with="[здание]",
        comment="Место.",
        editor=world["admin"],
    )
    event = world["event"]
    before = {
        f: getattr(Event.objects.get(pk=event.pk), f) for f in ("title", "description", "place", "status")
    }
    copy = publication.event_publish(event=event, by=world["verifier"])
    assert copy.title == "Задержание активист из Алматы у [здание]а"
    after = Event.objects.get(pk=event.pk)
    assert {f: getattr(after, f) for f in before} == before
    assert after.title == "Задержание Ержана Сапарова у акимата" and "РУВД" in after.description
    assert after.acts.get().victim.name == "Ержан Сапаров"
    assert PublishedEvent.objects.get(event=event).published_by == world["verifier"]


def test_publishing_an_unverified_record_is_refused_and_nothing_is_published(world):
    received = mf.event(world["org"], by=world["monitor"], title="Обыск у журналиста")
    with pytest.raises(DomainError) as refused:
        publication.event_publish(event=received, by=world["verifier"])
    assert refused.value.code == "unverified"
    assert "Publishing an unverified record is refused" in str(refused.value)
    assert not PublishedEvent.objects.filter(event=received).exists()


def test_only_a_verifier_publishes(world):
    with pytest.raises(DomainError) as refused:
        publication.event_publish(event=world["event"], by=world["monitor"])
    assert str(refused.value) == "Only the organisation's verifiers publish records."
    assert not PublishedEvent.objects.exists()


@pytest.mark.parametrize(
    ("place", "region_kato", "settlement"),
    [("settlement", "190000000", "195230100"), ("region", "190000000", ""), ("country", None, "")],
)
def test_the_place_is_rounded_per_the_policy(world, place, region_kato, settlement):
    event = lf.verified_event(
        world["org"],
        by=world["monitor"],
        verifier=world["verifier"],
        region_kato="190000000",
        settlement_kato="195230100",
        place="с. Жетыген, ул. Мира, 5",
    )
    PublicationPolicy.objects.create(organisation=world["org"], place=place)
    copy = publication.event_publish(event=event, by=world["verifier"])
    assert (copy.region.kato if copy.region else None) == region_kato
    assert copy.place == settlement
    assert "Мира" not in str(PublishedEvent.objects.filter(pk=copy.pk).values().get())


def test_a_city_is_its_own_settlement(world):
    event = lf.verified_event(
        world["org"], by=world["monitor"], verifier=world["verifier"], settlement_kato="750000000"
    )
    PublicationPolicy.objects.create(organisation=world["org"], place="settlement")
    copy = publication.public_copy(event)
    assert copy.region.kato == "750000000" and copy.place == ""


@pytest.mark.parametrize(
    ("policy", "precision", "shown", "month"),
    [
        ("day", "day", "2026-03-14", 3),
        ("month", "day", "2026-03", 3),
        ("year", "day", "2026", None),
        ("day", "month", "2026-03", 3),  # the event's own precision is coarser: it wins
        ("month", "year", "2026", None),
    ],
)
def test_the_date_is_rounded_per_the_policy(world, policy, precision, shown, month):
    event = world["event"]
    event.date_precision = precision
    event.save()
    PublicationPolicy.objects.create(organisation=world["org"], date=policy)
    copy = publication.public_copy(event)
    assert (copy.date_shown, copy.year, copy.month) == (shown, 2026, month)


def test_the_date_is_written_in_the_pages_language():
    copy = PublishedEvent(date_shown="2026-03", year=2026, month=3)
    expected = {"en": "March 2026", "ru": "Март 2026 г.", "kk": "наурыз 2026"}
    for language, text in expected.items():
        with translation.override(language):
            assert date_text(copy) == text
    with translation.override("ru"):
        assert date_text(PublishedEvent(date_shown="2026-03-14", year=2026, month=3)) == "14 марта 2026"
        assert date_text(PublishedEvent(date_shown="2026", year=2026, month=None)) == "2026"


def test_victims_are_counted_once_and_groups_by_their_number(world):
    event = world["event"]
    victim = event.acts.get().victim
    Act.objects.create(event=event, type=mf.term("act_type"), victim=victim)  # the same person again
    Act.objects.create(event=event, type=mf.term("act_type"), victim_group="около 40 участников")
    Act.objects.create(event=event, type=mf.term("act_type"), victim_group="участники собрания")
    assert publication.public_copy(event).victims == 1 + 40 + 1


def test_a_new_rule_applies_to_what_is_published_at_once(world):
    copy = publication.event_publish(event=world["event"], by=world["verifier"])
    assert "РУВД" in copy.summary
    publication.rule_add(
        organisation=world["org"],
        by=world["admin"],
        find="рувд",
        replace_with="[отдел]",
        comment="Не называть.",
    )
    copy.refresh_from_db()
    assert "РУВД" not in copy.summary and "[отдел]" in copy.summary
    assert "РУВД" in Event.objects.get(pk=world["event"].pk).description
    assert copy.history.first().history_user == world["admin"]


def test_a_rule_is_refused_without_a_reason_or_when_it_would_loop(world):
    for kwargs, code in [
        ({"find": "РУВД", "replace_with": "x", "comment": ""}, "no_comment"),
        ({"find": "РУВД", "replace_with": "[рувд]", "comment": "Почему"}, "loop"),
        ({"find": "Р", "replace_with": "", "comment": "Почему"}, "short"),
    ]:
        with pytest.raises(DomainError) as refused:
            publication.rule_add(organisation=world["org"], by=world["admin"], **kwargs)
        assert refused.value.code == code
    assert not RedactionRule.objects.exists()


def test_only_the_organisations_administrators_set_the_rules(world):
    with pytest.raises(DomainError):
        publication.rule_add(
            organisation=world["org"], by=world["verifier"], find="РУВД", replace_with="", comment="Почему"
        )
    with pytest.raises(DomainError):
        publication.policy_update(
            organisation=world["org"], by=world["verifier"], place="country", date="year"
        )
    assert not RedactionRule.objects.exists() and not PublicationPolicy.objects.exists()


def test_a_change_of_policy_rounds_what_is_published_again(world):
    copy = publication.event_publish(event=world["event"], by=world["verifier"])
    assert (copy.region.kato, copy.date_shown) == ("750000000", "2026-03")  # the default: region, month
    publication.policy_update(organisation=world["org"], by=world["admin"], place="country", date="year")
    copy.refresh_from_db()
    assert (copy.region, copy.date_shown, copy.month) == (None, "2026", None)


def test_taking_a_copy_down_leaves_the_record(world):
    publication.event_publish(event=world["event"], by=world["verifier"])
    publication.event_unpublish(event=world["event"], by=world["verifier"])
    assert not PublishedEvent.objects.exists()
    assert Event.objects.get(pk=world["event"].pk).status == "verified"
    with pytest.raises(DomainError) as refused:
        publication.event_unpublish(event=world["event"], by=world["verifier"])
    assert refused.value.code == "not_published"


def test_a_consent_withdrawn_hides_the_name_in_what_is_published_at_once(world):
    victim = world["event"].acts.get().victim
    victim.consent_to_publish = True
    victim.save()
    copy = publication.event_publish(event=world["event"], by=world["verifier"])
    entry = lf.listed(world["org"], expert=world["expert"], subject=victim).published
    assert "Ержана Сапарова" in copy.title and entry.shown_name == "Ержан Сапаров"
    victim.consent_to_publish = False
    victim.save()
    publication.person_changed(person=victim, by=world["admin"])
    copy.refresh_from_db()
    entry.refresh_from_db()
    assert "Сапаров" not in copy.title and copy.title == "Задержание активист из Алматы у акимата"
    assert entry.shown_name == "активист из Алматы"
    assert copy.published_by == world["verifier"] and copy.history.first().history_user == world["admin"]
