"""Key rotation: data sealed under key A, `azamat vault_rotate` with the keys [B, A] seals every value of every
table — history tables included — and every attachment file with B; afterwards B alone reads everything and A
alone reads nothing. A second run changes nothing; without the old key the rotation refuses and changes nothing;
a new index key makes the blind index rebuilt."""

import datetime
import io

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from azamat.core import vault
from azamat.core.vault import VaultError
from azamat.monitoring import storage
from azamat.monitoring.management.commands.vault_rotate import sealed_tables
from azamat.monitoring.models import (
    Attachment,
    Checklist,
    Detention,
    DetentionVisit,
    Election,
    Event,
    Hearing,
    Intervention,
    Person,
    PollingStation,
)
from azamat.registry.models import Region
from azamat.testing import monitoring_factories as mf

pytestmark = pytest.mark.django_db
KEY_A, KEY_B = vault.new_key(), vault.new_key()
NAME = "Зарина Тасболатқызы-Оразбаева"
PHOTO = b"\x89PNG-not-really-but-bytes" * 50


@pytest.fixture
def keys():
    """Switch the vault's keys for a block: `with keys([B, A]): ...`."""

    class Switch:
        def __init__(self, values, index_key=None):
            extra = {"VAULT_INDEX_KEY": index_key} if index_key else {}
            self.override = override_settings(VAULT_KEYS=values, **extra)

        def __enter__(self):
            self.override.enable()
            vault.reset()

        def __exit__(self, *exc):
            self.override.disable()
            vault.reset()

    yield Switch
    vault.reset()


def _world(organisation, user):
    """One of each sealed record, some changed once (a second history row)."""
    victim = mf.person(organisation, NAME, by=user, notes="Свидетель угроз, живёт у сестры")
    victim.other_names = "Зарина Оразбаева"
    victim.save()
    event = mf.event(organisation, by=user, victim=victim, title=f"Обыск у {NAME}")
    event.verification_note = "Проверено по двум источникам"
    event.save()
    case = mf.case(organisation, lawyer=user, client=victim, by=user)
    Hearing.objects.create(case=case, date=timezone.localdate(), result="Отложено")
    detention = Detention.objects.create(
        person=victim, place="СИЗО-1", since=datetime.date(2026, 1, 5), conditions="Камера на 12 человек"
    )
    DetentionVisit.objects.create(detention=detention, visited_on=timezone.localdate(), notes="Жалоб нет")
    candidate = mf.candidate(organisation, subject=victim, by=user)
    candidate.analysis = "Критерий 1 выполнен"
    candidate.save()
    Intervention.objects.create(
        organisation=organisation,
        event=event,
        kind="complaint",
        sent_on=timezone.localdate(),
        summary="Жалоба",
        text="Просим проверить",
        outcome="Ответа нет",
    )
    attachment = Attachment(organisation=organisation, event=event, uploaded_by=user)
    storage.store(attachment, ContentFile(PHOTO, name="протокол.bin"))
    election = Election.objects.create(
        organisation=organisation, title="Выборы акима", kind="akim", day=timezone.localdate()
    )
    station = PollingStation.objects.create(
        election=election, number="7", region=Region.objects.order_by("pk").first(), address="Школа № 7"
    )
    Checklist.objects.create(
        station=station,
        observer=user,
        phase="voting",
        note="Наблюдателя удалили в 11:20",
        sent_at=timezone.now(),
    )
    return victim, event, attachment


def _raw_tokens() -> dict[str, list[str]]:
    """Every non-empty sealed value as the database holds it, by table."""
    found = {}
    with connection.cursor() as cursor:
        for model, columns in sealed_tables():
            if model._meta.app_label != "monitoring":
                continue
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            found[model._meta.db_table] = [v for row in cursor.fetchall() for v in row if v]
    return found


def _opens(key: str, token: bytes) -> bool:
    try:
        Fernet(key.encode()).decrypt(token)
    except InvalidToken:
        return False
    return True


def test_rotation_moves_every_value_and_file_to_the_new_key(keys, ngo, alice):
    with keys([KEY_A]):
        victim, event, attachment = _world(ngo, alice)
    before = _raw_tokens()
    # Every sealed table has values to rotate, history tables included: the test could fail on each.
    empty = sorted(table for table, values in before.items() if not values)
    assert empty == [], f"no sealed value in {empty}"
    assert "monitoring_historicalperson" in before and len(before["monitoring_historicalperson"]) >= 2
    assert all(_opens(KEY_A, token.encode()) for values in before.values() for token in values)

    with keys([KEY_B, KEY_A]):
        out = io.StringIO()
        call_command("vault_rotate", batch=2, stdout=out)  # small batches: several per table
        assert "attachment files: 1 sealed again" in out.getvalue()
        again = io.StringIO()
        call_command("vault_rotate", stdout=again)
        assert " 0 values and files sealed again" in again.getvalue()
        assert "1 sealed again" not in again.getvalue()

    after = _raw_tokens()
    assert {t: len(v) for t, v in after.items()} == {t: len(v) for t, v in before.items()}
    for table, values in after.items():
        assert all(_opens(KEY_B, token.encode()) for token in values), table
        assert not any(_opens(KEY_A, token.encode()) for token in values), table

    with keys([KEY_B]):
        person = Person.objects.get(pk=victim.pk)
        assert person.name == NAME and person.notes == "Свидетель угроз, живёт у сестры"
        assert [h.name for h in person.history.all()] == [NAME, NAME]
        assert Event.objects.get(pk=event.pk).title == f"Обыск у {NAME}"
        assert storage.read(Attachment.objects.get(pk=attachment.pk)) == PHOTO
        call_command("vault_rotate", check=True, stdout=io.StringIO())

    with keys([KEY_A]):
        with pytest.raises(VaultError):
            Person.objects.get(pk=victim.pk)
        with pytest.raises(VaultError):
            event.history.first()  # the history table too
        with pytest.raises(VaultError):
            storage.read(attachment)


def test_without_the_old_key_the_rotation_refuses_and_changes_nothing(keys, ngo, alice):
    with keys([KEY_A]):
        victim, _event, attachment = _world(ngo, alice)
    before = _raw_tokens()
    with keys([KEY_B]), pytest.raises(CommandError, match="none of the vault keys"):
        call_command("vault_rotate", stdout=io.StringIO())
    assert _raw_tokens() == before
    with keys([KEY_A]):
        assert Person.objects.get(pk=victim.pk).name == NAME
        assert storage.read(attachment) == PHOTO
        with pytest.raises(CommandError, match="under older keys"), keys([KEY_B, KEY_A]):
            call_command("vault_rotate", check=True, stdout=io.StringIO())


def test_a_new_index_key_gets_the_blind_index_rebuilt(keys, ngo, alice):
    with keys([KEY_A], index_key="old-index-key"):
        victim, event, _attachment = _world(ngo, alice)
        old = vault.query_tokens("Тасболатқызы-Оразбаева")
        assert Person.objects.filter(search_index__contains=old[0]).get() == victim
    with keys([KEY_A], index_key="new-index-key"):
        new = vault.query_tokens("Тасболатқызы-Оразбаева")
        assert new != old
        assert not Person.objects.filter(search_index__contains=new[0]).exists()
        out = io.StringIO()
        call_command("vault_rotate", stdout=out)
        assert (
            "blind index: 2 rows rebuilt" in out.getvalue()
        )  # the person and the event titled with the name
        assert Person.objects.filter(search_index__contains=new[0]).get() == victim
        assert Event.objects.filter(search_index__contains=new[0]).get() == event
