"""Reads the petition pages, exports and API share: the public list, one petition, the signatures by region
and the latest public signers (both from the counted rows: confirmed at or before the watermark, not struck
out), the moderation queue, a person's own petitions."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import get_language

from azamat.campaigns.canonical import email_key
from azamat.campaigns.counting import counted_until
from azamat.campaigns.models import Petition, Signature
from azamat.core.public_cache import cached_data
from azamat.core.stemming import query_terms

S = Petition.Status
PUBLIC_STATES = (S.OPEN, S.CLOSED, S.SENT)


def public_petitions() -> QuerySet:
    """Every published petition (open, closed, sent), listed or not: the API and direct links read these."""
    return Petition.objects.filter(status__in=PUBLIC_STATES).select_related("body", "region", "item")


def listed_petitions(tab: str = "open", *, query: str = "", body: str = "", region: str = "") -> QuerySet:
    """The public list: listed petitions (past their listing threshold), open ones most signed first; the
    "closed" tab the closed and sent ones, latest first. Narrowed to an addressee (its code), a region (KATO) and
    the words of a search (`petitions_matching`)."""
    listed = petitions_filtered(
        public_petitions().filter(listed_at__isnull=False), query=query, body=body, region=region
    )
    if tab == "closed":
        return listed.filter(Q(status__in=(S.CLOSED, S.SENT)) | Q(closed_at__isnull=False)).order_by(
            "-closed_at", "-pk"
        )
    return listed.filter(status__in=(S.OPEN, S.SENT), closed_at__isnull=True).order_by(
        "-signature_count", "-pk"
    )


def petitions_filtered(petitions: QuerySet, *, query: str = "", body: str = "", region: str = "") -> QuerySet:
    """What the list's filters and the API's share: the addressee's code, the region's KATO, the words."""
    if body:
        petitions = petitions.filter(body__code=body)
    if region:
        petitions = petitions.filter(region__kato=region)
    if query.strip():
        petitions = petitions_matching(petitions, query)
    return petitions


def petitions_matching(petitions: QuerySet, query: str) -> QuerySet:
    """The petitions whose title, text or demands hold each word of the query in some form (core.stemming:
    «пандусов» finds «Пандусы», «саябак» typed without Kazakh letters «саябақтарды»), from the stored stems
    (`Petition.search_stems`, trigram-indexed on PostgreSQL), or whose title holds the query as typed."""
    from azamat.registry.selectors import stems_match

    return petitions.filter(
        stems_match(query_terms(query), "search_stems") | Q(title__icontains=" ".join(query.split()))
    )


def addressee_choices() -> list[tuple[str, str]]:
    """(code, name) of the bodies listed petitions are addressed to, in the reader's alphabetical order: the
    list's filter offers no addressee that would find nothing. Kept in the cache until the petitions move."""
    from azamat.core.collation import sorted_choices
    from azamat.registry.models import GovernmentBody

    def compute():
        bodies = GovernmentBody.objects.filter(
            petitions__status__in=PUBLIC_STATES, petitions__listed_at__isnull=False
        ).distinct()
        return sorted_choices([(body.code, body.name) for body in bodies])

    return cached_data(f"choices:petition-bodies:{get_language()}", ["petitions"], compute)


def petition_detail(pk: int) -> Petition:
    return Petition.objects.select_related(
        "body", "region", "item", "campaign", "organisation", "created_by", "moderated_by"
    ).get(pk=pk)


def counted_signatures(petition: Petition) -> QuerySet:
    return Signature.objects.filter(
        petition=petition, confirmed_at__lte=counted_until(), invalidation__isnull=True
    )


def by_region(petition: Petition) -> list[dict]:
    """[{"region": Region or None, "count": n}], most first."""
    from azamat.registry.models import Region

    rows = (
        counted_signatures(petition).values("region_id").annotate(n=Count("pk")).order_by("-n", "region_id")
    )
    regions = Region.objects.in_bulk([r["region_id"] for r in rows if r["region_id"]])
    return [{"region": regions.get(r["region_id"]), "count": r["n"]} for r in rows]


def latest_public_signers(petition: Petition, limit: int = 10) -> list[Signature]:
    return list(
        counted_signatures(petition)
        .filter(show_name=True)
        .select_related("region")
        .only("name", "confirmed_at", "region")
        .order_by("-confirmed_at", "-pk")[:limit]
    )


def moderation_queue() -> QuerySet:
    return Petition.objects.filter(status=S.MODERATION).select_related("body", "created_by").order_by("pk")


def my_petitions(user) -> QuerySet:
    """Petitions this person wrote or manages (their campaigns', their organisations')."""
    from azamat.campaigns.permissions import acting_organisations, team_roles

    if not user.is_authenticated:
        return Petition.objects.none()
    mine = Q(created_by=user)
    organisations = acting_organisations(user)
    if organisations:
        mine |= Q(organisation_id__in=organisations)
    campaigns = list(team_roles(user))
    if campaigns:
        mine |= Q(campaign_id__in=campaigns)
    return (
        Petition.objects.filter(mine).exclude(status__in=PUBLIC_STATES).select_related("body").order_by("-pk")
    )


def own_email_key(user) -> str:
    """The key of a signed-in person's address if she has proved it is hers (a verified address), else "": an
    account made with someone else's address, never confirmed, learns nothing of what its owner signed."""
    from allauth.account.models import EmailAddress

    if not user.is_authenticated or not user.email:
        return ""
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return ""
    return email_key(user.email)


def own_signature(petition: Petition, key: str) -> Signature | None:
    """The signature made with this address key under this petition (one at most: the constraint)."""
    if not key:
        return None
    return Signature.objects.filter(petition=petition, email_key=key).first()


def own_signatures(key: str, limit: int = 20) -> list[Signature]:
    """The published petitions signed with this address key, latest signature first, with their addressees."""
    if not key:
        return []
    return list(
        Signature.objects.filter(email_key=key, petition__status__in=PUBLIC_STATES)
        .select_related("petition", "petition__body")
        .only(
            "created_at",
            "confirmed_at",
            "invalidation_id",
            "petition__title",
            "petition__status",
            "petition__body__name_kk",
            "petition__body__name_ru",
            "petition__body__name_en",
        )
        .order_by("-created_at", "-pk")[:limit]
    )


def confirmed_for_export(petition: Petition) -> QuerySet:
    """The confirmed, valid signatures for submission to the addressee (names, regions, dates; no emails)."""
    return (
        Signature.objects.filter(petition=petition, confirmed_at__isnull=False, invalidation__isnull=True)
        .select_related("region")
        .only("name", "region", "confirmed_at")
        .order_by("confirmed_at", "pk")
    )


SOURCES_SHOWN = 8


def source_groups(petition: Petition, field: str) -> QuerySet:
    """The signatures not struck out grouped by a source (`email_domain` or `ip_key`), two or more a group, with
    how many are confirmed, most first. Read from the partial covering indexes `signature_source_domain` and
    `signature_source_address` (the petition, the source, `confirmed_at`; only rows not struck out): PostgreSQL
    walks the petition's entries in the index's order without the table or a sort of the rows
    (`tests/test_signature_sources_plan.py` asserts the plan)."""
    return (
        Signature.objects.filter(petition=petition, invalidation__isnull=True)
        .exclude(**{field: ""})
        .values(field)
        # COUNT(*) and COUNT(confirmed_at) (its non-null stamps): no column the indexes do not hold.
        .annotate(n=Count("*"), confirmed=Count("confirmed_at"))
        .filter(n__gte=2)
        .order_by("-n", field)
    )


def signature_sources(petition: Petition, limit: int = SOURCES_SHOWN) -> dict[str, list[dict]]:
    """For the moderators striking out fraud: the email domains and the address keys (a keyed digest of the
    signer's IP) holding the most signatures not struck out (two or more: one signature is no batch), with how
    many are confirmed, most first. Without it the "strike out" form asked for a domain or a key that no page
    showed."""

    def top(field: str) -> list[dict]:
        grouped = source_groups(petition, field)[:limit]
        return [{"value": r[field], "count": r["n"], "confirmed": r["confirmed"]} for r in grouped]

    return {"domains": top("email_domain"), "addresses": top("ip_key")}
