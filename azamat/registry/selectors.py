"""Reads the pages and the API share: the organisation directory and its search, government bodies."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import get_language

from azamat.core.collation import sorted_alphabetically, sorted_choices
from azamat.core.public_cache import cached_data
from azamat.core.stemming import query_terms, stem_pattern, texts_matching
from azamat.registry.models import (
    NAME_FIELDS,
    ActivityArea,
    AllianceMembership,
    GovernmentBody,
    Invitation,
    Membership,
    Organisation,
    Region,
)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def organisations_search(
    *,
    query: str = "",
    region: str = "",
    area: str = "",
    legal_form: str = "",
    alliance: str = "",
) -> QuerySet[Organisation]:
    """Organisations matching a free-text query and filters, best matches first when searching.

    Three ways to match, ranked in this order: the query as a substring of the case-folded names, BIN and
    address; every query word meeting a stem of the names and address by one of its own stems (word forms:
    «балалар» finds «бала», «фонды» finds «фонд», see `core.stemming`); on PostgreSQL, word similarity
    (typos). On PostgreSQL all three are served by trigram indexes (migrations 0003 and 0008); elsewhere the
    first two are LIKE on columns folded in Python (SQLite's LIKE folds only ASCII).
    """
    qs = Organisation.objects.select_related("region").defer(
        "search_text", "search_stems", "about_kk", "about_ru", "about_en", "name_order_kk", "name_order_ru"
    )
    by_name = name_order()
    if region:
        region_id = Region.objects.filter(kato=region).values_list("pk", flat=True).first()
        qs = qs.filter(region_id=region_id)
    if area:
        qs = qs.filter(areas__code=area)
    if legal_form:
        qs = qs.filter(legal_form=legal_form)
    if alliance:
        qs = qs.filter(alliance_memberships__alliance__bin=alliance)
    text = " ".join(query.split()).casefold()[:200]
    if not text:
        return qs.order_by(by_name, "pk")
    digits = text.replace(" ", "")
    if (
        digits.isdigit()
    ):  # a BIN or part of one, typed in groups or not: exact digits, never "similar" numbers
        return qs.filter(search_text__contains=digits).order_by(by_name, "pk")
    forms = stems_match(query_terms(text), "search_stems")
    matched = Q(search_text__contains=text) | forms
    fuzzy: Value | TrigramWordSimilarity = Value(0.0)
    if _is_postgres():
        matched |= Q(search_text__trigram_word_similar=text)
        fuzzy = TrigramWordSimilarity(text, "search_text")
    # Exact substrings rank first, then word forms, without computing a similarity; only fuzzy matches pay.
    qs = qs.filter(matched).annotate(
        similarity=Case(
            When(search_text__contains=text, then=Value(2.0)),
            When(forms, then=Value(1.5)),
            default=fuzzy,
            output_field=FloatField(),
        )
    )
    return qs.order_by(F("similarity").desc(), by_name, "pk")


def name_order() -> str:
    """The column that lists organisations alphabetically by their names in the reader's language: Kazakh names
    in the Kazakh alphabet on a Kazakh page (it listed them by their Russian names), Russian ones elsewhere."""
    return "name_order_kk" if (get_language() or "kk")[:2] == "kk" else "name_order_ru"


def stems_match(terms: list[frozenset[str]], column: str) -> Q:
    """Every query word's stems meeting a whole stem of a stem column (`core.stemming.index_text`):
    LIKE '%|stem|%', which a trigram index serves on PostgreSQL."""
    condition = Q()
    for term in terms:
        either = Q()
        for stem in sorted(term):
            either |= Q(**{f"{column}__contains": stem_pattern(stem)})
        condition &= either
    return condition if terms else Q(pk__in=[])


LINKED_ORGANISATION = (
    "bin",
    "name_kk",
    "name_ru",
)  # what a link to an organisation writes (`.name`, its URL)


def organisation_profile(*, bin: str) -> Organisation:
    return (
        Organisation.objects.select_related("region")
        .prefetch_related(
            "areas",
            # Of the alliances it belongs to, their names and BINs (a link each).
            Prefetch(
                "alliance_memberships",
                queryset=AllianceMembership.objects.select_related("alliance").only(
                    "kind", "member_id", *(f"alliance__{field}" for field in LINKED_ORGANISATION)
                ),
            ),
        )
        .get(bin=bin)
    )


MEMBERS_SHOWN = 200  # an alliance's profile lists this many members; the directory's filter lists them all


def alliance_members(*, organisation: Organisation, limit: int = MEMBERS_SHOWN) -> list[AllianceMembership]:
    """The first members and branches of an alliance, by kind and name, with their names, BINs and regions; none
    for an organisation that is not one (without a query)."""
    if not organisation.is_alliance:
        return []
    return list(
        AllianceMembership.objects.filter(alliance=organisation)
        .select_related("member__region")
        .only("kind", "alliance_id", "member__region", *(f"member__{field}" for field in LINKED_ORGANISATION))
        .order_by("kind", f"member__{name_order()}", "pk")[:limit]
    )


def organisation_people(
    *, organisation: Organisation, status: str = Membership.Status.ACTIVE
) -> list[Membership]:
    """Its people: the administrators first, then the members, each in the alphabetical order of the reader's
    language (the database's order put "member" before "admin", and Әйгерім after Яна)."""
    people = organisation.memberships.filter(status=status).select_related("user")
    by_name = sorted_alphabetically(people, key=lambda membership: str(membership.user))
    return sorted(by_name, key=lambda membership: membership.role != Membership.Role.ADMIN)


def alliances() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_alliance=True).only("bin", "name_kk", "name_ru").order_by("name_ru")


def areas() -> QuerySet[ActivityArea]:
    return ActivityArea.objects.all()


# The filters' choices, in the alphabetical order of the reader's language, read and sorted once and kept in the
# cache until what they list changes: regions and areas with the reference data (topic "reference", moved by
# their admin), alliances with the registry (an organisation's services move "registry").


def region_choices() -> list[tuple[str, str]]:
    """(KATO code, name) of every region."""
    return cached_data(
        f"choices:regions:{get_language()}",
        ["reference"],
        lambda: sorted_choices([(region.kato, region.name) for region in Region.objects.all()]),
    )


def area_choices() -> list[tuple[str, str]]:
    """(code, name) of every area of activity."""
    return cached_data(
        f"choices:areas:{get_language()}",
        ["reference"],
        lambda: sorted_choices([(area.code, area.name) for area in areas()]),
    )


def alliance_choices() -> list[tuple[str, str]]:
    """(BIN, name) of every alliance or network."""
    return cached_data(
        f"choices:alliances:{get_language()}",
        ["registry"],
        lambda: sorted_choices([(alliance.bin, alliance.name) for alliance in alliances()]),
    )


def bodies_list(*, query: str = "", region: str = "", kind: str = "") -> QuerySet[GovernmentBody]:
    """Bodies with what their list shows (code, names, kind and level, the region's and the parent's names), by
    level and kind (republican first, ministries first), then by name in the reader's alphabetical order (the stored `name_order_<language>`:
    the database orders and pages them, as the directory's organisations). A query matches a name in any language
    as typed or by its words' forms («әкімдік» finds «әкімдігі», «министерства» «Министерство»): the names alone
    are read to match them, a few thousand at most."""
    qs = GovernmentBody.objects.all()
    if region:
        qs = qs.filter(region__kato=region)
    if kind:
        qs = qs.filter(kind=kind)
    if query.strip():
        names = {pk: names for pk, *names in qs.values_list("pk", *NAME_FIELDS)}
        qs = qs.filter(pk__in=texts_matching(query, names))
    language = (get_language() or "kk")[:2]
    order = f"name_order_{language if language in ('kk', 'ru', 'en') else 'ru'}"
    return (
        qs.select_related("region", "parent")
        .only(
            "code",
            "kind",
            "level",
            *NAME_FIELDS,
            *(f"region__{name}" for name in NAME_FIELDS),
            *(f"parent__{name}" for name in NAME_FIELDS),
        )
        .order_by(
            _in_declared_order("level", GovernmentBody.Level),
            _in_declared_order("kind", GovernmentBody.Kind),
            order,
            "pk",
        )
    )


def _in_declared_order(field: str, choices) -> Case:
    """A choice field ordered as its choices are declared (republican bodies before regional ones, ministries
    before akimats), not by its stored codes' spelling ("city" before "republican")."""
    return Case(
        *(When(**{field: value}, then=Value(place)) for place, value in enumerate(choices.values)),
        default=Value(len(choices.values)),
    )


def memberships_of(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation__region")
        .order_by(f"organisation__{name_order()}", "pk")
    )


def membership_pending(*, user, organisation: Organisation) -> bool:
    """Whether the person has asked to join the organisation and waits for its administrators' answer."""
    return (
        bool(user.is_authenticated)
        and Membership.objects.filter(
            user=user, organisation=organisation, status=Membership.Status.PENDING
        ).exists()
    )


def is_last_administrator(*, membership: Membership) -> bool:
    """Whether this is its organisation's only active administrator, who may neither step down nor leave."""
    if membership.role != Membership.Role.ADMIN or membership.status != Membership.Status.ACTIVE:
        return False
    return not has_other_administrators(membership=membership)


def has_other_administrators(*, membership: Membership) -> bool:
    """Whether the organisation keeps an active administrator besides this membership (the services' guard too)."""
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id,
            role=Membership.Role.ADMIN,
            status=Membership.Status.ACTIVE,
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def invitations_for(*, user) -> list[Invitation]:
    """The invitations waiting for a signed-in person: those sent to their address."""
    if not user.is_authenticated or not user.email:
        return []
    return list(
        Invitation.objects.filter(email__iexact=user.email)
        .select_related("organisation", "invited_by")
        .order_by("created_at")
    )


def invitations_of(*, organisation: Organisation) -> list[Invitation]:
    """The invitations an organisation's administrators sent and no one answered yet, the newest first."""
    return list(organisation.invitations.select_related("invited_by").order_by("-created_at", "-pk"))
