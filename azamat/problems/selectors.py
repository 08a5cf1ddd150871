"""Reads the register's pages and API share: which problems a person sees, the register's list with its
filters, one problem with everything on its page, how widespread problems are, and the fate of their
recommendations (from accountability)."""

import re
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q, QuerySet

from azamat.accountability.selectors import items
from azamat.core.stemming import texts_matching
from azamat.problems.models import Area, Endorsement, Problem, Recommendation
from azamat.problems.permissions import PRIVATE_STATES, acting_organisations, is_working_group

S = Problem.Status
PUBLIC_STATES = [S.REGISTERED, S.SENT, S.PARTLY_SOLVED, S.SOLVED, S.ARCHIVED]


def visible_problems(user) -> QuerySet:
    """Problems in the public register, and the proposals this person may read (their own, their
    organisation's; all of them for the working group). Merged problems are not listed: they live on in
    the one they were merged into."""
    queryset = Problem.objects.exclude(status=S.MERGED)
    if is_working_group(user):
        return queryset
    allowed = Q(status__in=PUBLIC_STATES)
    if user.is_authenticated:
        allowed |= Q(proposed_by=user)
        organisations = acting_organisations(user)
        if organisations:
            allowed |= Q(organisation_id__in=organisations)
    return queryset.filter(allowed)


def public_problems() -> QuerySet:
    return Problem.objects.filter(status__in=PUBLIC_STATES)


def with_counts(queryset: QuerySet) -> QuerySet:
    """Each problem with its area and the number of organisations that endorsed it (besides the author's)."""
    return queryset.select_related("area").annotate(endorsement_count=Count("endorsements", distinct=True))


def register(*, user, area: str = "", status: str = "", query: str = "", region: str = "") -> QuerySet:
    """The register's list for this person, filtered by area (code), status, region (KATO) and words."""
    queryset = visible_problems(user)
    if area:
        queryset = queryset.filter(area__code=area)
    if status:
        queryset = queryset.filter(status=status)
    if region:
        queryset = queryset.filter(
            Q(regions__kato=region) | Q(endorsements__organisation__region__kato=region)
        ).distinct()
    if query.strip():
        queryset = matching(queryset, query)
    return with_counts(queryset).order_by("-updated_at", "-pk")


def matching(queryset: QuerySet, query: str) -> QuerySet:
    """The problems of `queryset` whose number is the one typed ("49", "pr-0049") or whose title and description
    hold the query as typed or each of its words in another form (core.stemming): «гранты» finds «грантов»,
    «шыгындарын» typed without Kazakh letters finds «шығындарын», «бiлiм» with a Latin i finds «білім». One narrow
    query of the texts, stemmed here (a register holds hundreds of problems, not millions)."""
    texts = {
        pk: [number or "", title, description]
        for pk, number, title, description in queryset.values_list("pk", "number", "title", "description")
    }
    found = texts_matching(query, texts)
    return queryset.filter(Q(pk__in=found) | Q(number=number_as_written(query)))


def number_as_written(text: str) -> str:
    """A problem's number as people type it when they refer to one ("12", "pr-12", "PR 0012", "№ PR-0012") written
    as the register writes it ("PR-0012"); anything else is returned stripped and upper-cased, to find nothing."""
    text = (text or "").strip().upper()
    digits = re.fullmatch(r"(?:№\s*)?(?:PR)?[\s\-–—]*0*(\d{1,9})", text)
    return f"PR-{int(digits.group(1)):04d}" if digits else text


def problem_detail(number: str) -> Problem:
    return (
        Problem.objects.select_related(
            "area", "merged_into", "proposed_by", "organisation", "organisation__region"
        )
        .prefetch_related(
            "regions",
            "activity_areas",
            "legal_acts",
            Prefetch("recommendations", queryset=Recommendation.objects.select_related("body")),
            Prefetch(
                "endorsements",
                queryset=Endorsement.objects.select_related("organisation__region", "by"),
            ),
            "evidence__organisation",
            "status_changes__by",
            "merged_problems",
        )
        .get(number=number)
    )


def affected_organisations(problem: Problem) -> list:
    """The organisations a problem affects: its author's organisation, then those that endorsed it."""
    organisations = [problem.organisation] if problem.organisation_id else []
    seen = {o.pk for o in organisations}
    for endorsement in problem.endorsements.all():
        if endorsement.organisation_id not in seen:
            seen.add(endorsement.organisation_id)
            organisations.append(endorsement.organisation)
    return organisations


def by_region(organisations) -> dict[int, int]:
    """{region id: number of organisations} for the tile map."""
    counts: dict[int, int] = defaultdict(int)
    for organisation in organisations:
        counts[organisation.region_id] += 1
    return dict(counts)


def register_spread(queryset: QuerySet) -> dict[int, int]:
    """{region id: organisations affected by the problems of `queryset`}, counted in the database: each
    organisation once per region, whether it filed problems or endorsed them."""
    ids = queryset.values("pk")
    endorsing = Endorsement.objects.filter(problem__in=ids).values_list(
        "organisation_id", "organisation__region_id"
    )
    filing = Problem.objects.filter(pk__in=ids, organisation__isnull=False).values_list(
        "organisation_id", "organisation__region_id"
    )
    pairs = set(endorsing) | set(filing)
    counts: dict[int, int] = defaultdict(int)
    for _organisation, region in pairs:
        counts[region] += 1
    return dict(counts)


def areas_with_counts(queryset: QuerySet) -> list[Area]:
    """The eight areas, each with its number of problems in `queryset` and of organisations they affect."""
    ids = queryset.values("pk")
    problems = dict(queryset.order_by().values_list("area_id").annotate(n=Count("pk", distinct=True)))
    endorsing = set(
        Endorsement.objects.filter(problem__in=ids).values_list("problem__area_id", "organisation_id")
    )
    filing = set(
        Problem.objects.filter(pk__in=ids, organisation__isnull=False).values_list(
            "area_id", "organisation_id"
        )
    )
    organisations: dict[int, int] = defaultdict(int)
    for area_id, _organisation in endorsing | filing:
        organisations[area_id] += 1
    areas = list(Area.objects.all())
    for area in areas:
        area.problem_count = problems.get(area.pk, 0)
        area.organisation_count = organisations.get(area.pk, 0)
    return areas


def fates(recommendations) -> dict[int, list]:
    """{recommendation id: [its accountability items, with their status today]}: what the bodies did."""
    ids = [r.pk for r in recommendations]
    if not ids:
        return {}
    content_type = ContentType.objects.get_for_model(Recommendation)
    result: dict[int, list] = defaultdict(list)
    found = items(public_only=False).filter(source_type=content_type, source_id__in=ids).order_by("pk")
    for item in found:
        result[item.source_id].append(item)
    return dict(result)


def working_group_queue() -> QuerySet:
    """What waits for the working group: proposals and problems under review, oldest first."""
    return (
        Problem.objects.filter(status__in=PRIVATE_STATES).select_related("area").order_by("created_at", "pk")
    )
