"""Assigning experts to applications: the law's random draw from a published seed, and an optimised assignment.

The algorithms are pure functions over plain data (`assign_random`, `assign_optimised`, `pick_one`), so the
benchmark and anyone checking a published draw can run them without the database; the services below load
a call's applications and experts, run one of them and record the Draw and its Assignment rows.

Both methods honour the same hard rules: an expert reads the application's language, has no conflict of
interest with it (services.conflicts), is not already on it, and takes no more than `max_load` applications
of one call. The random draw (the method the law prescribes):
    for each application, in order of its number: the eligible experts, sorted by their code (E-017 is
    the expert with id 17), then random.Random(f"{seed}:{number}").sample(eligible, needed).
The optimised assignment solves a min-cost flow: source → application (capacity: experts needed) →
expert (capacity 1, cost 0 when their areas meet the applicant's, MISMATCH_COST otherwise) → sink through
unit arcs whose cost grows with the expert's load (LOAD_STEP per application already held), so loads stay
balanced; an application → sink arc with a prohibitive cost absorbs whatever cannot be covered.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from azamat.accounts.models import PlatformRole, User
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.grants import errors
from azamat.grants.lifecycle import CALL
from azamat.grants.models import Application, Assignment, Call, Draw, Expert
from azamat.grants.permissions import can_run_draws
from azamat.grants.selectors.review import CAPACITY, CONFLICTS, LANGUAGE, REASONS
from azamat.grants.services.conflicts import conflicts_for
from azamat.registry.models import Organisation

NOT_ALLOWED = "not_allowed"
CALL_NOT_CLOSED = "call_not_closed"
SEED_REQUIRED = "seed_required"
SEED_TOO_LONG = "seed_too_long"
NOTHING_TO_ASSIGN = "nothing_to_assign"
COMPLIANCE_PENDING = "compliance_pending"
NOT_YOUR_ASSIGNMENT = "not_your_assignment"
NOT_RECUSABLE = "not_recusable"
RECUSAL_REASON_REQUIRED = "recusal_reason_required"

MESSAGES = {
    NOT_ALLOWED: _("Only the grant operator's staff can assign experts."),
    # The lifecycle's guards (grants/errors.py) of the draw, the recusal and the change of an expert.
    CALL_NOT_CLOSED: errors.MESSAGES[errors.CALL_NOT_CLOSED],
    SEED_REQUIRED: _("Enter the published seed of the draw."),
    SEED_TOO_LONG: _("The seed is too long: at most 64 characters."),
    NOTHING_TO_ASSIGN: _("No application that passed the compliance check is waiting for experts."),
    COMPLIANCE_PENDING: errors.MESSAGES[errors.COMPLIANCE_PENDING],
    NOT_YOUR_ASSIGNMENT: errors.MESSAGES[errors.NOT_YOUR_ASSIGNMENT],
    NOT_RECUSABLE: errors.MESSAGES[errors.NOT_RECUSABLE],
    RECUSAL_REASON_REQUIRED: _("Say why you recuse yourself."),
}


# The k-th application an expert takes (counting from 0) costs k × LOAD_STEP; an expertise mismatch costs
# MISMATCH_COST: the solver accepts up to MISMATCH_COST / LOAD_STEP applications of extra load on one expert
# to gain a match, no more.
LOAD_STEP = 1
MISMATCH_COST = 8
UNCOVERED_COST = 1_000_000


RANDOM = "random"
OPTIMISED = "optimised"


@dataclass(frozen=True)
class Candidate:
    """An expert as the algorithms see them."""

    id: int
    languages: frozenset[str]
    areas: frozenset[int]
    capacity: int  # how many more applications of this call they may take
    load: int = 0  # how many they already hold in this call


@dataclass(frozen=True)
class Item:
    """An application as the algorithms see it."""

    id: int
    number: str
    language: str
    areas: frozenset[int]
    need: int | None = None  # experts still needed; None: the draw's n
    taken: frozenset[int] = frozenset()  # experts already on it (or recused from it): never again


@dataclass
class Outcome:
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (application id, expert id)
    uncovered: list[dict] = field(default_factory=list)
    matched: int = 0

    @property
    def quality(self) -> Decimal | None:
        """The share of assignments whose expert's areas meet the applicant's."""
        if not self.pairs:
            return None
        return (Decimal(self.matched) / Decimal(len(self.pairs))).quantize(Decimal("0.001"))

    def loads(self) -> Counter:
        return Counter(expert_id for _application, expert_id in self.pairs)


def _order(items):
    return sorted(items, key=lambda i: (i.number, i.id))


def _eligible(item: Item, expert: Candidate, conflicts) -> bool:
    return (
        item.language in expert.languages
        and expert.id not in item.taken
        and (expert.id, item.id) not in conflicts
    )


def shortfall_reason(item: Item, experts, conflicts, need: int) -> str:
    """Too few experts read its language at all; or too few of them are free of conflicts and not already
    on it; or those are all full."""
    speakers = [e for e in experts if item.language in e.languages]
    if len(speakers) < need:
        return LANGUAGE
    if sum(1 for e in speakers if e.id not in item.taken and (e.id, item.id) not in conflicts) < need:
        return CONFLICTS
    return CAPACITY


def _uncovered(item: Item, assigned: int, need: int, experts, conflicts) -> dict:
    return {
        "application": item.id,
        "number": item.number,
        "assigned": assigned,
        "needed": need,
        "reason": shortfall_reason(item, experts, conflicts, need),
    }


def assign_random(applications, experts, conflicts, n: int, seed: str) -> Outcome:
    """The law's draw, reproducible by anyone with the seed (see the module's docstring)."""
    experts = sorted(experts, key=lambda e: e.id)
    load = {e.id: 0 for e in experts}
    by_language: dict[str, list[Candidate]] = {}
    for expert in experts:
        for language in expert.languages:
            by_language.setdefault(language, []).append(expert)
    outcome = Outcome()
    for item in _order(applications):
        need = n if item.need is None else item.need
        if need <= 0:
            continue
        eligible = [
            e
            for e in by_language.get(item.language, ())
            if load[e.id] < e.capacity and e.id not in item.taken and (e.id, item.id) not in conflicts
        ]
        rng = random.Random(f"{seed}:{item.number}")
        chosen = rng.sample(eligible, min(need, len(eligible)))
        for expert in chosen:
            load[expert.id] += 1
            outcome.pairs.append((item.id, expert.id))
            outcome.matched += bool(item.areas & expert.areas)
        if len(chosen) < need:
            outcome.uncovered.append(_uncovered(item, len(chosen), need, experts, conflicts))
    return outcome


def assign_optimised(
    applications,
    experts,
    conflicts,
    n: int,
    *,
    mismatch_cost: int = MISMATCH_COST,
    load_step: int = LOAD_STEP,
) -> Outcome:
    """Min-cost flow over every eligible (application, expert) pair (see the module's docstring)."""
    from ortools.graph.python.min_cost_flow import SimpleMinCostFlow

    items = [i for i in _order(applications) if (n if i.need is None else i.need) > 0]
    experts = sorted(experts, key=lambda e: e.id)
    outcome = Outcome()
    if not items:
        return outcome
    needs = np.array([n if i.need is None else i.need for i in items], dtype=np.int64)
    source, sink, first_item, first_expert = 0, 1, 2, 2 + len(items)
    flow = SimpleMinCostFlow()

    def arcs(tails, heads, capacities, costs):
        tails, heads = np.asarray(tails, dtype=np.int32), np.asarray(heads, dtype=np.int32)
        capacities = np.broadcast_to(np.asarray(capacities, dtype=np.int64), tails.shape)
        costs = np.broadcast_to(np.asarray(costs, dtype=np.int64), tails.shape)
        return flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)

    item_nodes = np.arange(first_item, first_expert, dtype=np.int32)
    arcs(np.full(len(items), source), item_nodes, needs, 0)
    arcs(item_nodes, np.full(len(items), sink), needs, UNCOVERED_COST)

    # Application → expert: every pair speaking the same language, less conflicts and experts already on it.
    area_index = {a: k for k, a in enumerate(sorted({a for x in [*items, *experts] for a in x.areas}))}
    pair_arcs, pair_items, pair_experts, pair_matched = [], [], [], []
    for language in sorted({i.language for i in items}):
        rows = [k for k, i in enumerate(items) if i.language == language]
        cols = [k for k, e in enumerate(experts) if language in e.languages and e.capacity > 0]
        if not rows or not cols:
            continue
        item_areas = np.zeros((len(rows), len(area_index)), dtype=bool)
        for r, k in enumerate(rows):
            item_areas[r, [area_index[a] for a in items[k].areas]] = True
        expert_areas = np.zeros((len(cols), len(area_index)), dtype=bool)
        for c, k in enumerate(cols):
            expert_areas[c, [area_index[a] for a in experts[k].areas]] = True
        matched = (item_areas.astype(np.int32) @ expert_areas.T.astype(np.int32)) > 0
        allowed = np.ones_like(matched)
        row_of = {items[k].id: r for r, k in enumerate(rows)}
        col_of = {experts[k].id: c for c, k in enumerate(cols)}
        for expert_id, item_id in conflicts:
            r, c = row_of.get(item_id), col_of.get(expert_id)
            if r is not None and c is not None:
                allowed[r, c] = False
        for r, k in enumerate(rows):
            for expert_id in items[k].taken:
                if (c := col_of.get(expert_id)) is not None:
                    allowed[r, c] = False
        rr, cc = np.nonzero(allowed)
        rows_a, cols_a = np.asarray(rows)[rr], np.asarray(cols)[cc]
        is_match = matched[rr, cc]
        pair_arcs.append(
            arcs(first_item + rows_a, first_expert + cols_a, 1, np.where(is_match, 0, mismatch_cost))
        )
        pair_items.append(rows_a)
        pair_experts.append(cols_a)
        pair_matched.append(is_match)

    # Expert → sink: one unit arc per place left, each dearer than the last (a convex cost of load).
    tails, costs = [], []
    for k, expert in enumerate(experts):
        for unit in range(max(expert.capacity, 0)):
            tails.append(first_expert + k)
            costs.append((expert.load + unit) * load_step)
    if tails:
        arcs(tails, np.full(len(tails), sink), 1, costs)
    total = int(needs.sum())
    supplies = np.zeros(first_expert + len(experts), dtype=np.int64)
    supplies[source], supplies[sink] = total, -total
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")

    assigned = Counter()
    if pair_arcs:
        all_arcs = np.concatenate(pair_arcs)
        used = flow.flows(all_arcs) > 0
        chosen_items = np.concatenate(pair_items)[used]
        chosen_experts = np.concatenate(pair_experts)[used]
        chosen_matched = np.concatenate(pair_matched)[used]
        order = np.lexsort((chosen_experts, chosen_items))
        for k in order:
            item = items[int(chosen_items[k])]
            outcome.pairs.append((item.id, experts[int(chosen_experts[k])].id))
            assigned[item.id] += 1
        outcome.matched = int(chosen_matched.sum())
    for item, need in zip(items, needs.tolist(), strict=True):
        if assigned[item.id] < need:
            outcome.uncovered.append(_uncovered(item, assigned[item.id], need, experts, conflicts))
    return outcome


def pick_one(item: Item, experts, conflicts, *, method: str, seed: str, tag: str) -> int | None:
    """One more expert for an application (a replacement, or an extra for disagreement), by the draw's method:
    random: random.Random(f"{seed}:{number}:{tag}").choice over the eligible experts sorted by code;
    optimised: the eligible expert with the lowest cost (expertise match, then load, then code)."""
    eligible = sorted(
        (e for e in experts if e.capacity > 0 and _eligible(item, e, conflicts)), key=lambda e: e.id
    )
    if not eligible:
        return None
    if method == RANDOM:
        return random.Random(f"{seed}:{item.number}:{tag}").choice(eligible).id
    return min(
        eligible, key=lambda e: ((0 if item.areas & e.areas else MISMATCH_COST) + e.load * LOAD_STEP, e.id)
    ).id


# --- The services: load a call, run a method, record the result. ---------------------------------------------


def _error(code: str, field_name: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field_name)


def _pool(call: Call, experts=None) -> tuple[list[Candidate], dict[int, Expert]]:
    """Active experts with their places left in this call (max_load less what they hold, recusals aside)."""
    experts = list(
        experts if experts is not None else Expert.objects.filter(active=True).select_related("user")
    )
    ids = [e.pk for e in experts]
    loads = dict(
        Assignment.objects.filter(application__call=call, expert_id__in=ids)
        .exclude(status=Assignment.Status.RECUSED)
        .values("expert_id")
        .annotate(n=Count("id"))
        .values_list("expert_id", "n")
    )
    areas: dict[int, set[int]] = {}
    for expert_id, area_id in Expert.areas.through.objects.filter(expert_id__in=ids).values_list(
        "expert_id", "activityarea_id"
    ):
        areas.setdefault(expert_id, set()).add(area_id)
    pool = [
        Candidate(
            id=e.pk,
            languages=frozenset(e.languages or []),
            areas=frozenset(areas.get(e.pk, ())),
            capacity=max(e.max_load - loads.get(e.pk, 0), 0),
            load=loads.get(e.pk, 0),
        )
        for e in experts
    ]
    return pool, {e.pk: e for e in experts}


def _items(applications: list[Application], n: int, scope=None) -> list[Item]:
    """Applications with how many experts each still needs and who is already (or was) on it. `scope`, a
    queryset of the same applications, keeps the queries free of long lists of ids for large calls."""
    scope = scope if scope is not None else Application.objects.filter(pk__in=[a.pk for a in applications])
    ids = scope.values("pk")
    regular: dict[int, int] = {}
    taken: dict[int, set[int]] = {}
    for application_id, expert_id, status, is_extra in Assignment.objects.filter(
        application_id__in=ids
    ).values_list("application_id", "expert_id", "status", "is_extra"):
        taken.setdefault(application_id, set()).add(expert_id)
        if status != Assignment.Status.RECUSED and not is_extra:
            regular[application_id] = regular.get(application_id, 0) + 1
    areas: dict[int, set[int]] = {}
    for org_id, area_id in Organisation.areas.through.objects.filter(
        organisation_id__in=scope.values("organisation_id")
    ).values_list("organisation_id", "activityarea_id"):
        areas.setdefault(org_id, set()).add(area_id)
    return [
        Item(
            id=a.pk,
            number=a.number or f"#{a.pk}",
            language=a.language,
            areas=frozenset(areas.get(a.organisation_id, ())),
            need=max(n - regular.get(a.pk, 0), 0),
            taken=frozenset(taken.get(a.pk, ())),
        )
        for a in applications
    ]


def _notify_experts(assignments: list[Assignment], experts: dict[int, Expert], call: Call) -> None:
    counts = Counter(a.expert_id for a in assignments)
    for expert_id, count in counts.items():
        notify(
            to=[experts[expert_id].user.email],
            template="grants/review/review_assigned",
            context={"call": call, "count": count},
        )


def operator_emails() -> list[str]:
    return sorted(
        set(
            User.objects.filter(
                platform_roles__role=PlatformRole.Role.GRANT_OPERATOR, is_active=True
            ).values_list("email", flat=True)
        )
    )


def _run(*, call: Call, by, method: str, seed: str) -> Draw:
    decision = can_run_draws(by)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    call = Call.objects.select_for_update(of=("self",)).select_related("grant_type").get(pk=call.pk)
    CALL.require(call, "draw", by)  # closed, every application's compliance decided (grants/lifecycle.py)
    n = call.grant_type.experts_per_application
    compliant = call.applications.filter(status=Application.Status.COMPLIANT)
    items = [i for i in _items(list(compliant.order_by("number", "pk")), n, compliant) if i.need > 0]
    if not items:
        raise _error(NOTHING_TO_ASSIGN)
    pool, experts = _pool(call)
    conflicts = conflicts_for(experts=list(experts.values()), applications=compliant)
    if method == RANDOM:
        outcome = assign_random(items, pool, conflicts, n, seed)
    else:
        outcome = assign_optimised(items, pool, conflicts, n)
    draw = Draw.objects.create(
        call=call,
        method=method,
        seed=seed,
        created_by=by,
        uncovered=outcome.uncovered,
        quality=outcome.quality,
    )
    assignments = [Assignment(application_id=a, expert_id=e, draw=draw) for a, e in outcome.pairs]
    bulk_create_with_history(assignments, Assignment, default_user=by)
    _notify_experts(assignments, experts, call)
    return draw


@transaction.atomic
def draw_random(*, call: Call, by, seed: str) -> Draw:
    """The law's random draw from a published seed, for every compliant application still short of experts."""
    seed = (seed or "").strip()
    if not seed:
        raise _error(SEED_REQUIRED, "seed")
    if len(seed) > 64:
        raise _error(SEED_TOO_LONG, "seed")
    return _run(call=call, by=by, method=RANDOM, seed=seed)


@transaction.atomic
def draw_optimised(*, call: Call, by) -> Draw:
    """The optimised assignment: expertise matched, loads balanced, same hard rules as the draw."""
    return _run(call=call, by=by, method=OPTIMISED, seed="")


def expert_add(
    *,
    application: Application,
    draw: Draw | None,
    is_extra: bool,
    tag: str,
    by,
    replaces: Assignment | None = None,
) -> Assignment | None:
    """One more expert for an application by its draw's method (a replacement or an extra), or None."""
    call = application.call
    draw = draw or call.draws.first()
    method = draw.method if draw else RANDOM
    seed = draw.seed if draw else call.code
    pool, experts = _pool(call)
    [item] = _items([application], 0)
    conflicts = conflicts_for(experts=list(experts.values()), applications=[application])
    expert_id = pick_one(item, pool, conflicts, method=method, seed=seed, tag=tag)
    if expert_id is None:
        return None
    assignment = Assignment(
        application=application, expert=experts[expert_id], draw=draw, is_extra=is_extra, replaces=replaces
    )
    assignment._history_user = by
    assignment.save()
    _notify_experts([assignment], experts, call)
    return assignment


def report_shortfall(*, application: Application, draw: Draw | None, template: str) -> None:
    """Tell the operator no expert could be found, and note it on the draw's page."""
    n = application.call.grant_type.experts_per_application
    pool, experts = _pool(application.call)
    [item] = _items([application], n)
    conflicts = conflicts_for(experts=list(experts.values()), applications=[application])
    entry = {
        "application": item.id,
        "number": item.number,
        "assigned": n - item.need,
        "needed": n,
        "reason": shortfall_reason(item, pool, conflicts, 1),
    }
    if draw is not None:
        draw.uncovered = [*draw.uncovered, entry]
        draw.save(update_fields=["uncovered"])
    notify(
        to=operator_emails(),
        template=template,
        context={"application": application, "reason": REASONS[entry["reason"]]},
    )


def expert_language(expert: Expert) -> str:
    """The language to write to an expert in: the first of the languages they read (their register entry lists
    them in their order), or the site's default."""
    known = dict(settings.LANGUAGES)
    return next((code for code in expert.languages or [] if code in known), settings.LANGUAGE_CODE)
