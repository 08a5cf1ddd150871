"""Experts and their work: the register, a draw for every call past its compliance check, and the scores, all
dated when they happened; in the two calls under review now, the demo expert (expert@) still has
applications to score before the deadline."""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from azamat.accounts.models import PlatformRole, User
from azamat.core.names import person_name
from azamat.core.seeding import SeedContext, seeder
from azamat.grants.models import (
    Application,
    Assignment,
    Criterion,
    DeclarationConfirmation,
    Draw,
    Expert,
    Score,
)
from azamat.grants.seed.calls import operator_user, plans
from azamat.grants.selectors.review import scoring_due_on
from azamat.grants.services.scoring import application_settle
from azamat.registry.models import ActivityArea

DEMO_EXPERT = "expert@azamat.kz"
# When the draw ran, in days after the call closed, for calls reviewed in the past.
DRAW_AFTER_CLOSE = 12
# For the calls under review now: the draw ran this many days ago, so the deadline is still ahead.
DRAWN_DAYS_AGO = {"review": 4}

JUSTIFICATIONS = {
    "kk": (
        "Жоба мақсаттары айқын, бірақ бюджет негіздемесін нақтылау қажет.",
        "Мақсаттар, іс-шаралар мен бюджет өзара байланысты және негізделген.",
    ),
    "ru": (
        "Цели проекта ясны, но обоснование бюджета нужно уточнить.",
        "Цели, мероприятия и бюджет взаимосвязаны и обоснованы.",
    ),
}


def _experts(ctx: SeedContext) -> list[Expert]:
    rng = ctx.rng
    areas = list(ActivityArea.objects.all())
    count = max(24, round(5 * ctx.scale))
    password = ctx.password_hash()  # the demo password only with --demo-logins
    users = [
        User(email=f"expert{i:04d}@experts.example.kz", full_name=person_name(rng), password=password)
        for i in range(count)
    ]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(email__endswith="@experts.example.kz").order_by("email"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users], batch_size=1000
    )
    PlatformRole.objects.bulk_create(
        [PlatformRole(user=u, role=PlatformRole.Role.EXPERT) for u in users], batch_size=1000
    )
    experts = [
        Expert(
            user=u,
            languages=rng.choice([["kk", "ru"], ["kk", "ru"], ["ru"], ["kk"]]),
            max_load=rng.choice([20, 30, 40]),
            bio="Тәуелсіз сарапшы, ҮЕҰ жобаларын бағалау тәжірибесі бар.",
        )
        for u in users
    ]
    demo = User.objects.filter(email=DEMO_EXPERT).first()
    if demo:
        experts.append(
            Expert(
                user=demo,
                languages=["kk", "ru"],
                max_load=40,
                bio="Әлеуметтік жобаларды бағалау бойынша 10 жылдық тәжірибе.",
            )
        )
    Expert.objects.bulk_create(experts, batch_size=1000)
    experts = list(Expert.objects.select_related("user").order_by("pk"))
    Through = Expert.areas.through
    Through.objects.bulk_create(
        [Through(expert_id=e.pk, activityarea_id=a.pk) for e in experts for a in rng.sample(areas, k=3)],
        batch_size=5000,
    )
    return experts


def _moment(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    return start + datetime.timedelta(seconds=rng.randint(0, max(0, int((end - start).total_seconds()))))


@seeder(52)
def seed_review(ctx: SeedContext) -> None:
    """Experts, their draws, assignments and scores; the calls under review now still wait for some."""
    experts = _experts(ctx)
    criteria: dict[int, list] = {}
    for criterion in Criterion.objects.order_by("position", "pk"):
        criteria.setdefault(criterion.grant_type_id, []).append(criterion)
    now = timezone.now()
    operator = operator_user()
    for plan in plans(ctx, "results", "commission", "review"):
        call = plan.call
        if plan.phase in DRAWN_DAYS_AGO:
            drawn_at = now - datetime.timedelta(days=DRAWN_DAYS_AGO[plan.phase], hours=ctx.rng.randint(0, 30))
        else:
            drawn_at = call.closes_at + datetime.timedelta(days=DRAW_AFTER_CLOSE)
        _review(
            ctx, plan, experts, criteria[call.grant_type_id], drawn_at=drawn_at, now=now, operator=operator
        )
    ctx.log(f"  {len(experts)} experts")


def _review(ctx, plan, experts, criteria, *, drawn_at, now, operator) -> None:
    """Assign the grant type's number of experts to each compliant application; score what has been scored."""
    rng = ctx.rng
    call = plan.call
    ongoing = plan.phase == "review"
    draw = Draw.objects.create(
        call=call, method=Draw.Method.RANDOM, seed=f"{call.code}-{ctx.seed}", quality=Decimal("0.000")
    )
    Draw.objects.filter(pk=draw.pk).update(created_at=drawn_at)
    deadline = timezone.make_aware(datetime.datetime.combine(scoring_due_on(drawn_at), datetime.time(18)))
    demo_expert = next((e for e in experts if e.user.email == DEMO_EXPERT), None)
    demo_org = getattr(ctx.data.get("demo_organisation"), "pk", None)
    per_application = call.grant_type.experts_per_application
    compliant = [a for a in plan.applications if a.status == Application.Status.COMPLIANT]
    assignments, planned = [], []
    for index, application in enumerate(compliant):
        fit = [e for e in experts if application.language in e.languages and e is not demo_expert]
        panel = rng.sample(fit, k=min(per_application, len(fit)))
        # The demo expert sits on about half the panels of the calls under review now, first of all on
        # the first application, and has scored none of them yet.
        if demo_expert and ongoing and (index == 0 or rng.random() < 0.5):
            panel = [demo_expert, *panel[: per_application - 1]]
        everyone_done = not ongoing or rng.random() < 0.35
        quality = rng.uniform(0.45, 0.95)
        if application.organisation_id == demo_org:
            quality = 0.95  # the demo NGO's applications are strong: it wins, so its project can be walked
        for expert in panel:
            scored = expert is not demo_expert and (everyone_done or rng.random() < 0.5)
            submitted_at = _moment(rng, drawn_at, min(now, deadline)) if scored else None
            assignment = Assignment(
                application=application,
                expert=expert,
                draw=draw,
                status=Assignment.Status.SUBMITTED if scored else Assignment.Status.ASSIGNED,
                submitted_at=submitted_at,
            )
            assignments.append(assignment)
            planned.append((assignment, scored, quality))
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    Assignment.objects.filter(draw=draw).update(assigned_at=drawn_at)
    Score.objects.bulk_create(
        [row for a, scored, quality in planned if scored for row in _scores(rng, a, criteria, quality)],
        batch_size=5000,
    )
    # Experts confirmed their declaration of conflicts when they first opened the call, the day of the draw.
    confirmed = {a.expert.user_id for a, scored, _q in planned if scored}
    # The demo expert has confirmed in the first call under review (scores to give now) and not yet in the
    # second (a declaration to confirm before reading).
    if ongoing and demo_expert and not ctx.data.get("demo_expert_confirmed"):
        confirmed.add(demo_expert.user_id)
        ctx.data["demo_expert_confirmed"] = True
    DeclarationConfirmation.objects.bulk_create(
        [DeclarationConfirmation(person_id=user_id, call=call) for user_id in sorted(confirmed)],
        ignore_conflicts=True,
    )
    DeclarationConfirmation.objects.filter(call=call).update(confirmed_at=drawn_at)
    # The scoring service's own rule settles each fully scored application: its final score, or an extra
    # expert when the experts disagree too much (who, in a finished call, has scored as well).
    done = {a.application_id for a, scored, _q in planned if scored}
    waiting = {a.application_id for a, scored, _q in planned if not scored}
    for application in compliant:
        if application.pk not in done or application.pk in waiting:
            continue
        outcome = application_settle(application=application, by=operator)
        if outcome == "extra" and not ongoing:
            extra = application.assignments.get(is_extra=True)
            Score.objects.bulk_create(_scores(rng, extra, criteria, rng.uniform(0.45, 0.95)))
            moment = _moment(rng, drawn_at, min(now, deadline))
            Assignment.objects.filter(pk=extra.pk).update(
                status=Assignment.Status.SUBMITTED, submitted_at=moment, assigned_at=drawn_at
            )
            outcome = application_settle(application=application, by=operator)
        if outcome == "reviewed":
            application.status = Application.Status.REVIEWED
    Application.objects.filter(pk__in=[a.pk for a in compliant]).update(updated_at=min(now, deadline))


def _scores(rng, assignment, criteria, quality) -> list[Score]:
    """An expert's scores around the application's quality, with a justification in its language."""
    weak, strong = JUSTIFICATIONS[assignment.application.language]
    rows = []
    for criterion in criteria:
        value = max(0, min(criterion.max_score, round(rng.gauss(quality * criterion.max_score, 0.8))))
        rows.append(
            Score(
                assignment=assignment,
                criterion=criterion,
                value=value,
                justification=weak if value < criterion.max_score * 0.7 else strong,
            )
        )
    return rows
