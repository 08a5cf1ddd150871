"""State machines for records with a life: one table of transitions per model, each guarded by a Decision.

A `Machine` names a model's states and its `Transition`s. A transition goes from any of its `sources` to its
`target`; its guards are callables `guard(record, by) -> Decision` whose reason is what a person is told when
the transition is refused. `machine.allowed(record, user)` lists every transition with its decision (for
pages: a button, or the reason it is not there; `machine.options(record, user, "withdraw")` the named ones by
name, also those the record is past); `machine.apply(record, name, by=..., **fields)` is the one
way a state changes:

    APPLICATION = Machine(
        Application,
        field="status",
        transitions=[
            Transition("withdraw", {"draft", "submitted"}, "withdrawn", _("Withdraw"), guards=[is_member]),
        ],
    )
    APPLICATION.apply(application, "withdraw", by=user)

A state is either a model field (`field="status"`) or computed from other facts (`state=lambda call:
call.phase`, for a call's phase from its dates, a sitting open or closed). A computed machine's transition
changes the facts: `apply(call, "close", by=user, closes_at=now)` sets `closes_at`. States that change by the
clock or by other records (a call opens at its opening date) are named in `derived`, so the table still shows
every state.

`apply` locks the row (`select_for_update`), re-reads the stored state from it (for a computed state, the source
and the guards are judged on the stored row, so a caller may prepare the record's new facts first), re-checks the
source and the guards, sets the state (or the given fields), lets `effect(record)` finish the record, saves it with history
(`_history_user`; `_change_reason` = the transition's name, or the person's `reason` when one is given) and
returns the record. A
refusal is a `DomainError` whose code is the guard's (`@guard("code")`) and whose message is its reason.

This module imports no app: later modules (accountability, petitions) use it as grants does.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import field as default

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError
from azamat.core.permissions import ALLOW, Decision, deny

WRONG_STATE = "wrong_state"
REFUSED = "transition_refused"
UNKNOWN = "unknown_transition"

Guard = Callable[[models.Model, object], Decision]


def guard(code: str) -> Callable[[Guard], Guard]:
    """Name the error code a guard's refusal carries: `@guard("call_still_open")`."""

    def name(function: Guard) -> Guard:
        function.code = code  # type: ignore[attr-defined]
        return function

    return name


@dataclass(frozen=True)
class Transition:
    """One step: from any of `sources` to `target`, when every guard allows it.

    `label` is what a person sees (a button); `wrong_state` the message when the record is in none of the
    sources (it may use `%(state)s`, the current state's label; a dict gives one message per state),
    `wrong_state_code` its code (or one per state).
    """

    name: str
    sources: frozenset[str] | set[str]
    target: str
    label: object
    guards: tuple[Guard, ...] | list[Guard] = ()
    wrong_state: object = None
    wrong_state_code: str | dict[str, str] = WRONG_STATE


@dataclass(frozen=True)
class Option:
    """A transition and whether this person may take it now, with the reason when not."""

    transition: Transition
    decision: Decision

    @property
    def name(self) -> str:
        return self.transition.name


@dataclass
class Machine:
    """The transitions of one model. Give `field` (a stored state) or `state` (a function computing it)."""

    model: type[models.Model]
    transitions: list[Transition]
    field: str | None = None
    state: Callable[[models.Model], str] | None = None
    # state -> label; from the field's choices if empty
    states: dict[str, object] = default(default_factory=dict)
    initial: str | None = None
    # state -> what brings it about without a transition (dates, other records)
    derived: dict[str, str] = default(default_factory=dict)
    # called with each record a transition saved (to refresh caches)
    after: Callable[[models.Model], None] | None = None

    def __post_init__(self) -> None:
        if (self.field is None) == (self.state is None):
            raise ValueError("A machine has either a state field or a state function.")
        if not self.states and self.field:
            self.states = dict(self.model._meta.get_field(self.field).choices)
        if self.initial is None and self.field and self.model._meta.get_field(self.field).has_default():
            self.initial = self.model._meta.get_field(self.field).default
        self._by_name = {t.name: t for t in self.transitions}
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"{self.model.__name__}: two transitions share a name.")
        for transition in self.transitions:
            unknown = (set(transition.sources) | {transition.target}) - set(self.states)
            if unknown:
                raise ValueError(
                    f"{self.model.__name__}.{transition.name}: unknown states {sorted(unknown)}."
                )

    def __getitem__(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise DomainError(UNKNOWN, _("No such step: %(name)s.") % {"name": name}) from None

    def current(self, record) -> str:
        return getattr(record, self.field) if self.field else self.state(record)

    def label(self, state: str) -> str:
        return str(self.states.get(state, state))

    def check(self, record, name: str, by) -> Decision:
        """Whether `by` may take transition `name` on `record` now: its source, then each guard in order."""
        transition = self[name]
        state = self.current(record)
        if state not in transition.sources:
            message = transition.wrong_state
            if isinstance(message, dict):
                message = message.get(state)
            message = message or _("“%(step)s” is not possible while the record is “%(state)s”.")
            label = self.label(state)
            return deny(message % {"state": label, "status": label, "step": transition.label})
        for check in transition.guards:
            decision = check(record, by)
            if not decision:
                return decision
        return ALLOW

    def allowed(self, record, user) -> list[Option]:
        """Every transition from the record's current state, each with whether `user` may take it and why not."""
        state = self.current(record)
        return [Option(t, self.check(record, t.name, user)) for t in self.transitions if state in t.sources]

    def options(self, record, user, *names: str) -> dict[str, Option]:
        """The named transitions by name, each with whether `user` may take it now and why not, also when the
        record is past them (a submitted report's "submit": the reason is the transition's wrong-state message).
        For pages that show one step in its place (`{% step steps.withdraw %}`, core/templatetags/steps.py)."""
        return {name: Option(self[name], self.check(record, name, user)) for name in names}

    def require(self, record, name: str, by) -> Transition:
        """Raise the refusal as a DomainError (the guard's code, its reason as the message) or return the step."""
        transition = self[name]
        state = self.current(record)
        if state not in transition.sources:
            code = transition.wrong_state_code
            code = code.get(state, WRONG_STATE) if isinstance(code, dict) else code
            raise DomainError(code, self.check(record, name, by).reason)
        for check in transition.guards:
            decision = check(record, by)
            if not decision:
                raise DomainError(getattr(check, "code", REFUSED), decision.reason)
        return transition

    @transaction.atomic
    def apply(
        self,
        record,
        name: str,
        *,
        by,
        reason: str = "",
        effect: Callable[[models.Model], None] | None = None,
        **fields,
    ):
        """Take transition `name` on `record` for `by`; `fields` are set with the state (or, for a computed
        state, are the facts that make it). Returns the saved record."""
        subject = record
        if record.pk is not None:
            locked = type(record)._default_manager.select_for_update().get(pk=record.pk)
            if self.field:  # the stored state, as it is now, not as the caller last read it
                setattr(record, self.field, getattr(locked, self.field))
            else:  # a computed state is judged on the stored facts: the caller may have prepared new ones
                subject = locked
        transition = self.require(subject, name, by)
        if self.field:
            setattr(record, self.field, transition.target)
        for key, value in fields.items():
            setattr(record, key, value)
        if effect is not None:
            effect(record)
        record._history_user = by
        record._change_reason = reason or name
        record.save()
        if self.after is not None:
            self.after(record)
        return record

    def every_state(self) -> set[str]:
        """The states a record can be in according to the table: the initial, targets and derived ones."""
        reached = {t.target for t in self.transitions} | set(self.derived)
        return reached | ({self.initial} if self.initial else set())


def names(options: Iterable[Option]) -> list[str]:
    """The names of the options that are allowed (for templates and tests)."""
    return [o.name for o in options if o.decision]
