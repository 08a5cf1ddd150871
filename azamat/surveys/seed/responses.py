"""The demo surveys' responses: written in batches (COPY on PostgreSQL), quotas counted, flags and reviews set, the
interviewers' assignments filled up to their targets."""

import datetime
import itertools
import json
import random

from django.db import connection

from azamat.core.sealed import keyed_digest, seal
from azamat.surveys import definition as form
from azamat.surveys import quality
from azamat.surveys.models import (
    Assignment,
    Quota,
    Response,
    ReviewDecision,
    Survey,
    SurveyMember,
    SurveyVersion,
)
from azamat.surveys.seed.answers import CELL_BIAS, _cells, _first_page, _straightline
from azamat.surveys.seed.world import World

BATCH = 5000
RS = Response.Status
COLUMNS = [
    "survey_id",
    "version_id",
    "status",
    "mode",
    "language",
    "data",
    "personal",
    "page",
    "resume_token",
    "device_key",
    "respondent_id",
    "interviewer_id",
    "assignment_id",
    "region_code",
    "started_at",
    "updated_at",
    "completed_at",
    "duration_seconds",
    "too_fast",
    "straightlining",
    "duplicate",
    "fingerprint",
    "review",
    "review_reason",
    "weight",
]
REASONS = {
    "too_fast": "Слишком быстро для анкеты такой длины",
    "straightlining": "Один и тот же ответ во всех вопросах блока",
    "duplicate": "Повторная анкета: те же ответы, что в другой",
}
HOLD_REASON = "Уточнить у интервьюера"


def _insert(model, columns: list[str], rows) -> int:
    """Rows of plain values into the model's table: COPY on PostgreSQL, batched INSERTs elsewhere."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(c) for c in columns)
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    written += 1
            return written
        marks = ", ".join(["%s"] * len(columns))
        adapt = connection.ops.adapt_datetimefield_value
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 — names from the models
        batch = []
        for row in rows:
            batch.append(tuple(adapt(v) if isinstance(v, datetime.datetime) else v for v in row))
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                written += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


# Responses -------------------------------------------------------------------------------------------------------


class Quotas:
    """The survey's quotas, counted as the responses are made: a completed response of a full cell is screened out."""

    def __init__(self, survey: Survey):
        self.quotas = list(survey.quotas.order_by("pk"))
        self.done = [0] * len(self.quotas)
        # Quotas on the same questions, found by the tuple of answers (one lookup a response, not one per quota).
        self.groups: dict[tuple, dict[tuple, list[int]]] = {}
        for index, quota in enumerate(self.quotas):
            names = tuple(sorted(quota.conditions))
            table = self.groups.setdefault(names, {})
            for values in itertools.product(*(quota.conditions[name] for name in names)):
                table.setdefault(values, []).append(index)

    def matching(self, answers: dict) -> list[int]:
        found = []
        for names, table in self.groups.items():
            found += table.get(tuple(answers.get(name) for name in names), [])
        return found

    def full(self, indices: list[int]) -> bool:
        return any(self.done[i] >= self.quotas[i].target for i in indices)

    def save(self) -> None:
        for quota, done in zip(self.quotas, self.done, strict=True):
            quota.completed = done
        Quota.objects.bulk_update(self.quotas, ["completed"], batch_size=1000)


def _responses(world: World, survey: Survey, version: SurveyVersion, make, count: int) -> int:
    """`count` responses of the survey, written in batches; quotas counted, flags and reviews set."""
    rng, now = world.rng, world.now
    quotas = Quotas(survey)
    definition = version.definition
    opens = survey.opens_at or world.ago(30)
    ends = min(now, survey.closes_at) if survey.closes_at else now
    span = max(60.0, (ends - opens).total_seconds() - 3600)
    assignments: dict[str, list[Assignment]] = {}
    for assignment in survey.assignments.filter(active=True).order_by("pk"):
        assignments.setdefault(assignment.region.kato if assignment.region_id else "", []).append(assignment)
    interviewer_share = 0.85 if assignments else 0.0
    # An interviewer stops at the assignment's target; interviewer@ is two thirds of the way, with interviews
    # still to make (the workspace said "347 of 160 interviews done").
    demo = world.demo.get("interviewer@azamat.kz")
    cap = {
        a.pk: a.target * 2 // 3 if demo is not None and a.interviewer_id == demo.pk else a.target
        for here in assignments.values()
        for a in here
    }
    taken = dict.fromkeys(cap, 0)
    paper_share = 0.15 if Survey.Mode.PAPER in survey.modes else 0.0
    previous: list[dict] = []
    reviewed: list[tuple[int, str, str]] = []  # (row number, review, reason)
    tag = f"{survey.pk:x}"
    threshold = survey.min_seconds or 120
    closed = survey.status == Survey.Status.CLOSED
    n_pages = len(form.pages(definition))
    plan, weights = _plan(world, survey, count, closed) if survey.weight_questions else ([], {})

    def rows():
        nonlocal previous
        for i in range(count):
            if plan:
                world.forced_cell = plan[i][0]
            answers, personal, language, duration = make(world, rng)
            x = rng.random()
            flags = {"too_fast": False, "duplicate": False}
            same = [p for p in previous if not plan or _cell_of(p) == plan[i][0]]
            if same and x < 0.012:
                answers = dict(rng.choice(same))
                flags["duplicate"] = True
            elif x < 0.032:
                _straightline(definition, answers, rng)
            if rng.random() < 0.03:
                duration = rng.randint(max(20, threshold // 5), max(21, int(threshold * 0.8)))
            if len(previous) < 200:
                previous.append(answers)
            started = opens + datetime.timedelta(seconds=rng.random() * span)
            status = RS.IN_PROGRESS if rng.random() < (0.03 if closed else 0.07) else RS.COMPLETED
            if plan:
                status = plan[i][1]
            matching = quotas.matching(answers) if status != RS.IN_PROGRESS else []
            if not plan and matching and quotas.full(matching):
                status = RS.SCREENED_OUT
            mode, interviewer, assignment, device = Survey.Mode.OPEN, None, None, ""
            here = [a for a in assignments.get(answers.get("region", ""), []) if taken[a.pk] < cap[a.pk]]
            if here and rng.random() < interviewer_share:
                assignment = here[rng.randrange(len(here))]
                mode, interviewer = Survey.Mode.INTERVIEWER, assignment.interviewer_id
                taken[assignment.pk] += status == RS.COMPLETED
            elif rng.random() < paper_share:
                mode = Survey.Mode.PAPER
            else:
                device = keyed_digest("survey-device", f"{survey.pk}:{tag}-{i}")
            completed_at = duration_s = None
            fingerprint = ""
            too_fast = straight = duplicate = False
            review, reason = "", ""
            if status == RS.IN_PROGRESS:
                answers = _first_page(definition, answers)
                personal = {}
                page = 1
            elif status == RS.SCREENED_OUT:
                answers = {
                    k: answers[k] for k in ("region", "sex", "age_group", "disability_group") if k in answers
                }
                personal = {}
                page = 1
            else:
                page = n_pages
                duration_s = duration
                completed_at = min(now, started + datetime.timedelta(seconds=duration))
                fingerprint = quality.fingerprint(answers)
                too_fast = duration < threshold
                straight = quality.straightlining(definition, answers)
                duplicate = flags["duplicate"]
                for index in matching:
                    quotas.done[index] += 1
                if too_fast or straight or duplicate:
                    y = rng.random()
                    why = REASONS["duplicate" if duplicate else "straightlining" if straight else "too_fast"]
                    if y < 0.35:
                        review, reason = Response.Review.REJECTED, why
                    elif y < 0.5:
                        review, reason = Response.Review.ON_HOLD, HOLD_REASON
                elif rng.random() < 0.08:
                    review = Response.Review.APPROVED
                if review:
                    reviewed.append((i, review, reason))
            yield (
                survey.pk,
                version.pk,
                status,
                mode,
                language,
                json.dumps(answers, ensure_ascii=False),
                seal(json.dumps(personal, ensure_ascii=False)) if personal else "",
                page,
                f"s{tag}-{i:x}-{rng.getrandbits(96):024x}",
                device,
                None,
                interviewer,
                assignment.pk if assignment else None,
                answers.get("region", "") if isinstance(answers.get("region"), str) else "",
                started,
                completed_at or started + datetime.timedelta(seconds=min(duration, 900)),
                completed_at,
                duration_s,
                too_fast,
                straight,
                duplicate,
                fingerprint,
                review,
                reason,
                weights.get(_cell_of(answers), 1.0) if status == RS.COMPLETED else 1.0,
            )

    written = _insert(Response, COLUMNS, rows())
    quotas.save()
    _reviews(world, survey, reviewed)
    if world.citizen is not None and survey.status == Survey.Status.CLOSED:
        first = survey.responses.filter(status=RS.COMPLETED, mode=Survey.Mode.OPEN).order_by("pk").first()
        if first is not None:
            Response.objects.filter(pk=first.pk).update(respondent=world.citizen)
    return written


def _reviews(world: World, survey: Survey, reviewed: list[tuple[int, str, str]]) -> None:
    """A ReviewDecision for each reviewed response, by the survey's first manager."""
    if not reviewed:
        return
    by = survey.team.filter(role=SurveyMember.Role.MANAGER).order_by("pk").first().user
    tag = f"s{survey.pk:x}-"
    ids = dict(
        Response.objects.filter(survey=survey).exclude(review="").values_list("resume_token", "pk").iterator()
    )
    by_number = {int(token[len(tag) :].split("-")[0], 16): pk for token, pk in ids.items()}
    rows = (
        (
            by_number[i],
            review,
            reason,
            "{}",
            by.pk,
            world.now - datetime.timedelta(days=world.rng.random() * 5),
        )
        for i, review, reason in reviewed
        if i in by_number
    )
    _insert(
        ReviewDecision, ["response_id", "review", "reason", "changes", "decided_by_id", "decided_at"], rows
    )


def _cell_of(answers: dict) -> tuple:
    return (answers.get("region"), answers.get("sex"), answers.get("age_group"))


def _plan(world: World, survey: Survey, count: int, closed: bool) -> tuple[list[tuple], dict]:
    """For a weighted quota survey, each response's cell and status drawn first (the quotas screen out the late
    respondents of full cells), so that the post-stratification weights — each cell's population share over its
    share of the completed responses — are known when the rows are written: no UPDATE of a million rows after."""
    plan_rng = random.Random(world.rng.random())
    cells = _cells()
    keys = [(k, s, a) for k, s, a, _share in cells]
    cumulative = list(itertools.accumulate(share * CELL_BIAS.get((s, a), 1.0) for _k, s, a, share in cells))
    quotas = Quotas(survey)
    done: dict[tuple, int] = {}
    plan = []
    for _i in range(count):
        cell = plan_rng.choices(keys, cum_weights=cumulative)[0]
        status = RS.IN_PROGRESS if plan_rng.random() < (0.03 if closed else 0.07) else RS.COMPLETED
        if status == RS.COMPLETED:
            matching = quotas.matching(dict(zip(("region", "sex", "age_group"), cell, strict=True)))
            if matching and quotas.full(matching):
                status = RS.SCREENED_OUT
            else:
                for index in matching:
                    quotas.done[index] += 1
                done[cell] = done.get(cell, 0) + 1
        plan.append((cell, status))
    total = sum(done.values())
    shares = {(k, s, a): share for k, s, a, share in cells}
    weights = {cell: round(shares[cell] / (n / total), 6) for cell, n in done.items()}
    return plan, weights
