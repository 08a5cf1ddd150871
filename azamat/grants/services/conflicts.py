"""Conflicts of interest between experts and applications: declared, and detected from the registry.

An expert is conflicted with an application when, towards the applicant organisation, they
- declared a tie (ConflictDeclaration, any relation; "kin" is reported as kinship with its leader);
- declared a tie to an organisation not on Azamat whose BIN is the applicant's, or, declared without a BIN,
  whose name is one of the applicant's names, case and quotes aside (it may have registered since);
- are an active member of it, in any role;
- are an active member of an organisation in the same alliance network as the applicant where either
  of the two is a regional branch (a branch and its head organisation count as one network too).
Members of the same alliance who are both ordinary members are independent organisations: no conflict.

Everything is computed in a handful of queries, whatever the number of experts and applications.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from azamat.core.bin import validate_bin
from azamat.core.errors import DomainError
from azamat.grants.models import Application, Call, ConflictDeclaration, DeclarationConfirmation, Expert
from azamat.registry.models import AllianceMembership, Membership, Organisation

NOT_ALLOWED = "not_allowed"
BAD_RELATION = "bad_relation"
ALREADY_DECLARED = "already_declared"
NOTE_TOO_LONG = "note_too_long"
DECLARATION_CONFIRMED = "declaration_confirmed"
NOT_DECLARED = "not_declared"
NAME_REQUIRED = "name_required"
NAME_TOO_LONG = "name_too_long"
BAD_BIN = "bad_bin"
CORRECTION_CONFIRMED = "correction_confirmed"
CONFIRMED_ELSEWHERE = "confirmed_elsewhere"

MESSAGES = {
    NOT_ALLOWED: _("Sign in to declare conflicts of interest."),
    BAD_RELATION: _("Choose how you are related to the organisation."),
    ALREADY_DECLARED: _("You have already declared this tie to this organisation."),
    NOTE_TOO_LONG: _("The note is too long: at most 300 characters."),
    DECLARATION_CONFIRMED: _(
        "Your declaration for this call is confirmed, so a declared tie can no longer be removed. "
        "Ask the operator if it was declared by mistake."
    ),
    NOT_DECLARED: _("You have not declared this tie."),
    NAME_REQUIRED: _("Give the organisation's name."),
    NAME_TOO_LONG: _("The name is too long: at most 300 characters."),
    CORRECTION_CONFIRMED: _(
        "Your declaration for this call is confirmed, so a declared tie can no longer be changed. "
        "Declare the right tie as a new one, or ask the operator if it was declared by mistake."
    ),
    CONFIRMED_ELSEWHERE: _(
        "This tie is part of a declaration you confirmed for another call, so it can no longer be removed or "
        "changed. Declare the right tie as a new one, or ask the operator if it was declared by mistake."
    ),
}

# The kinds of tie, in the order they are explained.
DECLARED = "declared"
KIN = "kin"
MEMBER = "member"
NETWORK = "network"
OUTSIDE = "outside"

# Quotation marks that names of organisations are written with, or without: «Жарқын болашақ», "Жарқын болашақ".
_QUOTES = str.maketrans(dict.fromkeys("«»\"“”„‘’'`", " "))


def folded_name(name: str) -> str:
    """A name as it is compared: case folded, quotation marks and repeated spaces left out."""
    return " ".join((name or "").translate(_QUOTES).casefold().split())


def _error(code: str, field_name: str | None = None) -> DomainError:
    return DomainError(code, MESSAGES[code], field=field_name)


@dataclass
class _Ties:
    """For each expert user, the organisations they are tied to and how: {user_id: {org_id: [(kind, detail)]}}."""

    by_user: dict[int, dict[int, list[tuple[str, object]]]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, user_id: int, organisation_id: int, kind: str, detail=None) -> None:
        self.by_user[user_id].setdefault(organisation_id, []).append((kind, detail))


def _ids(objects, *fields: str) -> list[tuple]:
    if isinstance(objects, QuerySet):
        return list(objects.values_list(*fields))
    return [tuple(getattr(o, f) for f in fields) for o in objects]


def _outside_matches(outside: list[tuple[int, str, str, str]]) -> list[tuple[int, int, str, str, str]]:
    """The organisations on Azamat that ties declared outside it are to, in one query: by BIN when one was
    declared, else by name. [(user_id, relation, name, bin)] → [(user_id, org_id, relation, name, bin)]."""
    if not outside:
        return []
    bins = {bin_ for _u, _r, _n, bin_ in outside if bin_}
    # Candidates by a word of each name (search_text is case folded), then the whole name compared here.
    words = {
        max(folded_name(name).split(), key=len)
        for _u, _r, name, bin_ in outside
        if not bin_ and folded_name(name)
    }
    query = Q(bin__in=bins)
    for word in words:
        query |= Q(search_text__contains=word)
    by_bin: dict[str, int] = {}
    by_name: dict[str, set[int]] = defaultdict(set)
    for pk, bin_, *names in Organisation.objects.filter(query).values_list(
        "pk", "bin", "name_kk", "name_ru", "short_name"
    ):
        by_bin[bin_] = pk
        for name in names:
            if name:
                by_name[folded_name(name)].add(pk)
    matches = []
    for user_id, relation, name, bin_ in outside:
        org_ids = (
            ({by_bin[bin_]} if bin_ in by_bin else set()) if bin_ else by_name.get(folded_name(name), set())
        )
        matches.extend((user_id, org_id, relation, name, bin_) for org_id in sorted(org_ids))
    return matches


def outside_tie_organisation_ids(declarations: Iterable[ConflictDeclaration]) -> set[int]:
    """The organisations on Azamat that these declared ties to organisations not on it point to (by BIN, or by
    name without one); no query when none of them is such a tie."""
    outside = [
        (d.person_id, d.relation, d.outside_name, d.outside_bin)
        for d in declarations
        if d.organisation_id is None
    ]
    return {org_id for _u, org_id, *_rest in _outside_matches(outside)}


def _ties(user_ids: Iterable[int]) -> _Ties:
    """Three queries for any number of people: declarations, memberships, and their alliance networks (and
    one more when someone declared an organisation not on Azamat)."""
    user_ids = list(set(user_ids))
    ties = _Ties()
    outside = []
    for user_id, org_id, relation, name, bin_ in ConflictDeclaration.objects.filter(
        person_id__in=user_ids
    ).values_list("person_id", "organisation_id", "relation", "outside_name", "outside_bin"):
        if org_id is None:
            outside.append((user_id, relation, name, bin_))
        else:
            ties.add(
                user_id, org_id, KIN if relation == ConflictDeclaration.Relation.KIN else DECLARED, relation
            )
    for user_id, org_id, relation, name, bin_ in _outside_matches(outside):
        ties.add(user_id, org_id, OUTSIDE, (relation, name, bin_))

    memberships = list(
        Membership.objects.filter(user_id__in=user_ids, status=Membership.Status.ACTIVE).values_list(
            "user_id", "organisation_id"
        )
    )
    orgs_of: dict[int, set[int]] = defaultdict(set)
    for user_id, org_id in memberships:
        ties.add(user_id, org_id, MEMBER)
        orgs_of[user_id].add(org_id)
    own_orgs = {org_id for _u, org_id in memberships}
    if not own_orgs:
        return ties

    # Networks the experts' organisations are in (as members, branches, or as the alliance itself), then
    # everyone in those networks: {alliance_id: {org_id: is_branch}}; the alliance is in its own network.
    alliance_ids = set(
        AllianceMembership.objects.filter(member_id__in=own_orgs).values_list("alliance_id", flat=True)
    ) | set(AllianceMembership.objects.filter(alliance_id__in=own_orgs).values_list("alliance_id", flat=True))
    networks: dict[int, dict[int, bool]] = defaultdict(dict)
    for alliance_id, member_id, kind in AllianceMembership.objects.filter(
        alliance_id__in=alliance_ids
    ).values_list("alliance_id", "member_id", "kind"):
        networks[alliance_id][alliance_id] = False
        networks[alliance_id][member_id] = kind == AllianceMembership.Kind.BRANCH
    for user_id, orgs in orgs_of.items():
        for own in orgs:
            for alliance_id, members in networks.items():
                own_is_branch = members.get(own)
                if own_is_branch is None:
                    continue
                for other, other_is_branch in members.items():
                    if other != own and (own_is_branch or other_is_branch):
                        ties.add(user_id, other, NETWORK, (own, alliance_id))
    return ties


def conflicts_for(*, experts, applications) -> set[tuple[int, int]]:
    """Every (expert_id, application_id) pair with a conflict of interest. Experts and applications may be
    querysets (read as plain values) or lists of model instances."""
    expert_rows = _ids(experts, "pk", "user_id")
    application_rows = _ids(applications, "pk", "organisation_id")
    ties = _ties(user_id for _pk, user_id in expert_rows)
    experts_by_org: dict[int, list[int]] = defaultdict(list)
    for expert_id, user_id in expert_rows:
        for org_id in ties.by_user.get(user_id, {}):
            experts_by_org[org_id].append(expert_id)
    return {
        (expert_id, application_id)
        for application_id, org_id in application_rows
        for expert_id in experts_by_org.get(org_id, ())
    }


def is_conflicted(*, expert: Expert, application: Application) -> bool:
    return bool(conflicts_for(experts=[expert], applications=[application]))


def conflict_reasons(expert: Expert, application: Application) -> list[str]:
    """Why this expert may not review this application, in words, for the operator and the expert."""
    ties = _ties([expert.user_id]).by_user.get(expert.user_id, {}).get(application.organisation_id, [])
    relations = dict(ConflictDeclaration.Relation.choices)
    names = {}
    wanted = {detail[i] for kind, detail in ties if kind == NETWORK for i in (0, 1)}
    if wanted:
        names = {o.pk: o.name for o in Organisation.objects.filter(pk__in=wanted)}
    reasons = []
    for kind, detail in ties:
        if kind == KIN:
            reasons.append(str(_("Declared: kin of the applicant organisation's leader.")))
        elif kind == DECLARED:
            reasons.append(
                str(
                    _("Declared tie to the applicant organisation: %(relation)s.")
                    % {"relation": relations.get(detail, detail)}
                )
            )
        elif kind == OUTSIDE:
            relation, name, bin_ = detail
            values = {"name": name, "bin": bin_, "relation": relations.get(relation, relation)}
            if bin_:
                reasons.append(
                    str(
                        _("Declared tie to “%(name)s”, BIN %(bin)s, the applicant's BIN: %(relation)s.")
                        % values
                    )
                )
            else:
                reasons.append(
                    str(_("Declared tie to “%(name)s”, the applicant's name: %(relation)s.") % values)
                )
        elif kind == MEMBER:
            reasons.append(str(_("An active member of the applicant organisation.")))
        else:
            own, alliance = detail
            reasons.append(
                str(
                    _("A member of %(own)s, in the same branch network (%(alliance)s) as the applicant.")
                    % {"own": names.get(own, own), "alliance": names.get(alliance, alliance)}
                )
            )
    return reasons


@transaction.atomic
def expert_declare_conflict(
    *, expert_user, organisation: Organisation, relation: str, note: str = ""
) -> ConflictDeclaration:
    """Record a person's tie to an organisation; from then on they are never assigned its applications."""
    if not (expert_user and expert_user.is_authenticated):
        raise _error(NOT_ALLOWED)
    if relation not in ConflictDeclaration.Relation.values:
        raise _error(BAD_RELATION, "relation")
    note = (note or "").strip()
    if len(note) > 300:
        raise _error(NOTE_TOO_LONG, "note")
    declaration = ConflictDeclaration(
        person=expert_user, organisation=organisation, relation=relation, note=note
    )
    declaration._history_user = expert_user
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError as exc:
        raise _error(ALREADY_DECLARED, "organisation") from exc
    return declaration


def _outside_party(name: str, bin_: str) -> tuple[Organisation | None, str, str]:
    """The organisation a tie declared by name and BIN is to: the one on Azamat with that BIN when there is
    one, else the name and BIN as given, checked."""
    name = " ".join((name or "").split())
    bin_ = "".join((bin_ or "").split())
    if not name:
        raise _error(NAME_REQUIRED, "name")
    if len(name) > 300:
        raise _error(NAME_TOO_LONG, "name")
    if bin_:
        try:
            validate_bin(bin_)
        except ValidationError as error:
            raise DomainError(BAD_BIN, " ".join(error.messages), field="bin") from error
        registered = Organisation.objects.filter(bin=bin_).first()
        if registered is not None:
            return registered, "", ""
    return None, name, bin_


def _check_tie(declaration: ConflictDeclaration) -> None:
    """Refuse a tie the person has already declared (the same organisation and relation), this one aside."""
    same = ConflictDeclaration.objects.filter(
        person=declaration.person, relation=declaration.relation
    ).exclude(pk=declaration.pk)
    if declaration.organisation_id is not None:
        duplicate = same.filter(organisation_id=declaration.organisation_id).exists()
    elif declaration.outside_bin:
        duplicate = same.filter(outside_bin=declaration.outside_bin).exists()
    else:
        wanted = folded_name(declaration.outside_name)
        duplicate = any(
            folded_name(name) == wanted
            for name in same.filter(organisation__isnull=True, outside_bin="").values_list(
                "outside_name", flat=True
            )
        )
    if duplicate:
        raise _error(ALREADY_DECLARED, "name" if declaration.organisation_id is None else "organisation")


def _save_tie(declaration: ConflictDeclaration, by) -> ConflictDeclaration:
    _check_tie(declaration)
    declaration._history_user = by
    try:
        with transaction.atomic():
            declaration.save()
    except IntegrityError as exc:  # the same tie declared at the same moment
        raise _error(ALREADY_DECLARED, "name") from exc
    return declaration


def _check_relation_and_note(relation: str, note: str) -> str:
    if relation not in ConflictDeclaration.Relation.values:
        raise _error(BAD_RELATION, "relation")
    note = (note or "").strip()
    if len(note) > 300:
        raise _error(NOTE_TOO_LONG, "note")
    return note


@transaction.atomic
def conflict_declare_outside(
    *, person, name: str, bin: str = "", relation: str, note: str = ""
) -> ConflictDeclaration:
    """Record a tie to an organisation not on Azamat, by its name and (when known) BIN. A BIN of an
    organisation on Azamat records the tie to that organisation."""
    if not (person and person.is_authenticated):
        raise _error(NOT_ALLOWED)
    note = _check_relation_and_note(relation, note)
    organisation, name, bin_ = _outside_party(name, bin)
    declaration = ConflictDeclaration(
        person=person,
        organisation=organisation,
        outside_name=name,
        outside_bin=bin_,
        relation=relation,
        note=note,
    )
    return _save_tie(declaration, person)


@transaction.atomic
def conflict_correct(
    *, person, declaration_id: int, call: Call, relation: str, note: str = "", name: str = "", bin: str = ""
) -> ConflictDeclaration:
    """Correct a declared tie while the declaration for this call is not confirmed: its relation and note,
    and for an organisation not on Azamat its name and BIN. The history keeps what it said before."""
    if not (person and person.is_authenticated):
        raise _error(NOT_ALLOWED)
    declaration = (
        ConflictDeclaration.objects.select_for_update().filter(pk=declaration_id, person=person).first()
    )
    if declaration is None:
        raise _error(NOT_DECLARED)
    if declaration_confirmed(person=person, call=call):
        raise _error(CORRECTION_CONFIRMED)
    if _kept(declaration):
        raise _error(CONFIRMED_ELSEWHERE)
    declaration.note = _check_relation_and_note(relation, note)
    declaration.relation = relation
    if declaration.organisation_id is None:
        declaration.organisation, declaration.outside_name, declaration.outside_bin = _outside_party(
            name, bin
        )
    return _save_tie(declaration, person)


@transaction.atomic
def conflict_withdraw(*, person, declaration_id: int, call: Call) -> None:
    """Remove a tie declared by mistake, only while the declaration for this call is not confirmed: once
    confirmed, assignments may rest on it."""
    if not (person and person.is_authenticated):
        raise _error(NOT_ALLOWED)
    declaration = (
        ConflictDeclaration.objects.select_for_update().filter(pk=declaration_id, person=person).first()
    )
    if declaration is None:
        raise _error(NOT_DECLARED)
    if declaration_confirmed(person=person, call=call):
        raise _error(DECLARATION_CONFIRMED)
    if _kept(declaration):
        raise _error(CONFIRMED_ELSEWHERE)
    declaration._history_user = person
    declaration.delete()


@transaction.atomic
def declaration_confirm(*, person, call: Call) -> DeclarationConfirmation:
    """A person states that their declaration of conflicts is complete for this call (idempotent)."""
    if not (person and person.is_authenticated):
        raise _error(NOT_ALLOWED)
    confirmation, _created = DeclarationConfirmation.objects.get_or_create(person=person, call=call)
    return confirmation


def declaration_confirmed(*, person, call: Call) -> bool:
    return DeclarationConfirmation.objects.filter(person=person, call=call).exists()


def _kept(declaration: ConflictDeclaration) -> bool:
    """True when a confirmed declaration, for any call, holds this tie (it was confirmed after the tie was
    declared). A tie is a person's, not a call's: once a declaration holding it is confirmed, draws and recusals
    may rest on it, so it stays as declared."""
    return DeclarationConfirmation.objects.filter(
        person=declaration.person_id, confirmed_at__gte=declaration.declared_at
    ).exists()


def declared_conflicts(*, person) -> QuerySet[ConflictDeclaration]:
    """A person's declared ties; `kept` tells those a confirmed declaration holds (they can be neither removed
    nor corrected)."""
    return (
        ConflictDeclaration.objects.filter(person=person)
        .annotate(
            kept=Exists(
                DeclarationConfirmation.objects.filter(
                    person=OuterRef("person"), confirmed_at__gte=OuterRef("declared_at")
                )
            )
        )
        .select_related("organisation")
        .order_by("organisation__name_ru", "outside_name", "relation", "pk")
    )
