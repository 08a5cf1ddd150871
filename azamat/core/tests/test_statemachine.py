"""The state machine: a table of transitions, guards that say why not, one apply that locks, saves and records."""

import datetime

import pytest
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.core.models import WorkingDayTransfer
from azamat.core.permissions import ALLOW, deny
from azamat.core.statemachine import Machine, Transition, guard, names
from azamat.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages asserted here are the English source texts."""
    with translation.override("en"):
        yield


# A stored state: the transfer's note plays a status ("" → "checked" → "published").


@guard("no_decree")
def has_decree(record, by):
    return ALLOW if record.decree else deny("Give the decree first.")


@guard("not_staff")
def staff(record, by):
    return ALLOW if by is not None and by.is_staff else deny("Only staff publish.")


NOTE = Machine(
    WorkingDayTransfer,
    field="note",
    states={"": "New", "checked": "Checked", "published": "Published"},
    initial="",
    transitions=[
        Transition("check", {""}, "checked", "Check", [has_decree]),
        Transition(
            "publish",
            {"checked"},
            "published",
            "Publish",
            [staff],
            {"": "Check it before publishing."},
            {"": "not_checked"},
        ),
        Transition("reopen", {"checked", "published"}, "", "Reopen"),
    ],
)

# A computed state: working or a day off, from the flag.
DAY = Machine(
    WorkingDayTransfer,
    state=lambda t: "new" if t.pk is None else ("working" if t.is_working else "off"),
    states={"new": "New", "working": "Working", "off": "Day off"},
    initial="new",
    derived={"off": "created as a day off"},
    transitions=[
        Transition("create", {"new"}, "working", "Create", [has_decree]),
        Transition("make_working", {"off"}, "working", "Make it a working day"),
    ],
)


def transfer(**values) -> WorkingDayTransfer:
    fields = {"date": datetime.date(2026, 3, 7), "is_working": False, "decree": "No. 1", **values}
    return WorkingDayTransfer.objects.create(**fields)


def test_apply_sets_the_state_saves_and_records_who_and_which_step():
    user = UserFactory(is_staff=True)
    record = transfer()
    assert NOTE.apply(record, "check", by=user) is record
    record.refresh_from_db()
    assert record.note == "checked"
    last = record.history.first()
    assert (last.note, last.history_user, last.history_change_reason) == ("checked", user, "check")
    NOTE.apply(record, "reopen", by=user, reason="The decree was corrected.")
    assert record.history.first().history_change_reason == "The decree was corrected."


def test_a_guard_refuses_with_its_code_and_reason_and_nothing_changes():
    record = transfer(decree="")
    with pytest.raises(DomainError) as error:
        NOTE.apply(record, "check", by=None)
    assert (error.value.code, str(error.value)) == ("no_decree", "Give the decree first.")
    record.refresh_from_db()
    assert record.note == ""
    assert record.history.count() == 1  # only its creation


def test_a_step_from_another_state_is_refused_with_the_transitions_message_or_a_plain_one():
    record = transfer()
    with pytest.raises(DomainError) as error:
        NOTE.apply(record, "publish", by=UserFactory(is_staff=True))
    assert (error.value.code, str(error.value)) == ("not_checked", "Check it before publishing.")
    with pytest.raises(DomainError) as error:
        NOTE.apply(record, "reopen", by=None)
    assert (error.value.code, str(error.value)) == (
        "wrong_state",
        "“Reopen” is not possible while the record is “New”.",
    )


def test_apply_judges_the_stored_state_not_a_stale_copy():
    staff_user = UserFactory(is_staff=True)
    record = transfer()
    stale = WorkingDayTransfer.objects.get(pk=record.pk)
    NOTE.apply(record, "check", by=staff_user)
    NOTE.apply(record, "publish", by=staff_user)
    # The stale copy still reads "", but the row is published: checking it again is refused.
    with pytest.raises(DomainError) as error:
        NOTE.apply(stale, "check", by=staff_user)
    assert str(error.value) == "“Check” is not possible while the record is “Published”."


def test_allowed_lists_the_steps_from_the_current_state_with_their_reasons():
    record = transfer(note="checked")
    options = {o.name: o.decision for o in NOTE.allowed(record, UserFactory(is_staff=False))}
    assert set(options) == {"publish", "reopen"}
    assert (bool(options["publish"]), options["publish"].reason) == (False, "Only staff publish.")
    assert bool(options["reopen"]) is True
    assert names(NOTE.allowed(record, UserFactory(is_staff=True))) == ["publish", "reopen"]


def test_a_computed_state_changes_through_its_facts_and_a_new_record_is_created():
    user = UserFactory()
    created = DAY.apply(
        WorkingDayTransfer(date=datetime.date(2026, 5, 2), decree="No. 2"), "create", by=user, is_working=True
    )
    assert created.pk is not None and DAY.current(created) == "working"
    record = transfer()
    assert DAY.current(record) == "off"
    # The caller may prepare the facts before apply: the source is judged on the stored row.
    record.is_working = True
    DAY.apply(record, "make_working", by=user)
    record.refresh_from_db()
    assert record.is_working is True
    with pytest.raises(DomainError):
        DAY.apply(record, "make_working", by=user)


def test_the_table_names_every_state():
    assert NOTE.every_state() == {"", "checked", "published"}
    assert DAY.every_state() == {"new", "working", "off"}


def test_a_table_with_unknown_states_or_twice_the_same_name_is_refused_at_import():
    with pytest.raises(ValueError, match="unknown states"):
        Machine(
            WorkingDayTransfer,
            field="note",
            states={"": "New"},
            transitions=[Transition("x", {""}, "y", "X")],
        )
    with pytest.raises(ValueError, match="share a name"):
        Machine(
            WorkingDayTransfer,
            field="note",
            states={"": "New"},
            transitions=[Transition("x", {""}, "", "X"), Transition("x", {""}, "", "X")],
        )
    with pytest.raises(ValueError, match="either"):
        Machine(WorkingDayTransfer, transitions=[])
