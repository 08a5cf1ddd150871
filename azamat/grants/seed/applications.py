"""Applications of the generated calls: written as drafts, their documents attached through the checking
service, submitted before the call closed with the numbers the service gives, and checked for compliance
through the operator's service, every date where it happened."""

import datetime
from decimal import Decimal

from django.utils import timezone

from azamat.grants.models import (
    Activity,
    Application,
    ApplicationVersion,
    BudgetLine,
    ComplianceCheck,
    Indicator,
)
from azamat.grants.seed import content
from azamat.grants.seed.documents import Documents
from azamat.grants.selectors.review import compliance_due_on
from azamat.grants.services.application_versions import snapshot
from azamat.grants.services.applications import application_number_prefix
from azamat.grants.services.compliance import checklist_items, compliance_decide

S = Application.Status

REJECTION_REASONS = {
    "kk": "Жарғының көшірмесі толық емес: соңғы өзгерістер енгізілген беттер жоқ.",
    "ru": "Копия устава неполная: нет страниц с последними изменениями.",
}
CLARIFICATION_REASONS = {
    "kk": "Бюджеттегі жалдау шығынын негіздеңіз: үй-жайдың ауданы мен бір айлық бағасын көрсетіңіз.",
    "ru": "Обоснуйте расходы на аренду в бюджете: укажите площадь помещения и цену за месяц.",
}


def status_for(phase: str, rng) -> str:
    """Where an application of a call in that phase stands; the review and the commission move it further."""
    if phase == "open":
        return rng.choice([S.DRAFT, S.DRAFT, S.SUBMITTED])
    if phase == "compliance":
        return rng.choice([S.SUBMITTED, S.SUBMITTED, S.COMPLIANT, S.REJECTED, S.CLARIFICATION])
    return S.REJECTED if rng.random() < 0.12 else S.COMPLIANT


def build(
    ctx, *, call, direction, organisation, town, lo, hi, created_by, modest=False, months=None
) -> tuple[Application, list]:
    """A draft and its budget lines (category, description, quantity, unit cost), all in its language; a
    modest one asks for little, so that it fits any direction's budget."""
    rng = ctx.rng
    language = "kk" if rng.random() < 0.6 else "ru"
    words = content.texts(
        rng, direction_key=direction.seed_key, language=language, organisation=organisation, town=town
    )
    grant_type = call.grant_type
    drawn = rng.randint(grant_type.min_months, min(grant_type.max_months, 18))
    months = months or drawn
    amount = content.money(Decimal(rng.uniform(float(lo), float(lo + (hi - lo) * Decimal("0.6")))))
    if modest:
        amount = content.money(lo + (hi - lo) * Decimal("0.05"))
    application = Application(
        call=call,
        direction=direction,
        organisation=organisation,
        created_by=created_by,
        status=S.DRAFT,
        language=language,
        duration_months=months,
        **words,
    )
    i = 0 if language == "kk" else 1
    lines = []
    for category, descriptions, share in content.CATEGORY_SHARES:
        quantity = Decimal(months if category in {"salaries", "taxes", "rent"} else rng.randint(1, 10))
        lines.append((category, descriptions[i], quantity, content.money(amount * share / quantity)))
    return application, lines


def save_children(ctx, applications: list[Application], all_lines: list[list]) -> None:
    rng = ctx.rng
    lines, indicators, activities = [], [], []
    for application, app_lines in zip(applications, all_lines, strict=True):
        lines += [
            BudgetLine(application=application, category=c, description=d, quantity=q, unit_cost=u)
            for c, d, q, u in app_lines
        ]
        (people, people_unit), (share, share_unit) = content.INDICATORS[application.language]
        target = rng.choice([50, 120, 300, 500])
        indicators += [
            Indicator(
                application=application,
                kind="output",
                name=people,
                unit=people_unit,
                baseline=0,
                target=target,
            ),
            Indicator(
                application=application, kind="outcome", name=share, unit=share_unit, baseline=40, target=80
            ),
        ]
        activities += [
            Activity(application=application, title=title, starts_month=start, ends_month=end)
            for title, start, end in content.activities(
                rng, application.language, application.direction.seed_key, application.duration_months
            )
        ]
    BudgetLine.objects.bulk_create(lines, batch_size=5000)
    Indicator.objects.bulk_create(indicators, batch_size=5000)
    Activity.objects.bulk_create(activities, batch_size=5000)


def _moment_between(rng, start: datetime.datetime, end: datetime.datetime) -> datetime.datetime:
    seconds = max(0, int((end - start).total_seconds()))
    return start + datetime.timedelta(seconds=rng.randint(0, seconds))


def submit_and_check(ctx, plans, *, operator, now) -> None:
    """For every call: attach the documents of the applications that go further than a draft (and of the demo
    NGO's draft), submit them in the order they came, then record the operator's compliance decisions."""
    rng = ctx.rng
    documents = Documents()
    demo = ctx.data.get("demo_organisation")
    versions = []
    for plan in plans:
        call = plan.call
        submitted = []
        for application, lines, target in zip(plan.applications, plan.lines, plan.targets, strict=True):
            if target != S.DRAFT:
                documents.attach(application=application, by=application.created_by, lines=lines)
            elif demo and application.organisation_id == demo.pk:  # what is on its profile is offered instead
                on_file = ctx.data.get("demo_on_file", ())
                documents.attach(
                    application=application, by=application.created_by, lines=lines, skip=on_file
                )
            if target != S.DRAFT:
                submitted.append(application)
        end = min(now, call.closes_at)
        for application in submitted:
            application.submitted_at = _moment_between(rng, call.opens_at, end)
        submitted.sort(key=lambda a: a.submitted_at)
        prefix = application_number_prefix(call)
        for counter, application in enumerate(submitted, start=1):
            application.number = f"{prefix}{counter:04d}"
            application.status = S.SUBMITTED
            application.version = 1
        for application in plan.applications:
            first = application.submitted_at or now
            application.created_at = _moment_between(rng, call.opens_at, min(first, now))
            application.updated_at = first
        Application.objects.bulk_update(
            plan.applications,
            ["number", "status", "submitted_at", "version", "created_at", "updated_at"],
            batch_size=1000,
        )
        for application in submitted:
            versions.append(
                ApplicationVersion(
                    application=application,
                    number=1,
                    snapshot=snapshot(application),
                    created_by=application.created_by,
                )
            )
    ApplicationVersion.objects.bulk_create(versions, batch_size=1000)
    for version in versions:  # each version is as old as its submission
        version.created_at = version.application.submitted_at
    ApplicationVersion.objects.bulk_update(versions, ["created_at"], batch_size=1000)
    for plan in plans:
        if plan.call.closes_at <= now:
            _compliance(ctx, plan, operator=operator, now=now)


def _compliance(ctx, plan, *, operator, now) -> None:
    """The operator's checks, through the service, dated within the ten working days the rules allow."""
    rng = ctx.rng
    call = plan.call
    due = compliance_due_on(call)
    last = min(now, timezone.make_aware(datetime.datetime.combine(due, datetime.time(18))))
    checks = []
    for application, target in zip(plan.applications, plan.targets, strict=True):
        if target in {S.DRAFT, S.SUBMITTED}:
            continue
        reasons = ""
        if target == S.REJECTED:
            reasons = REJECTION_REASONS[application.language]
        elif target == S.CLARIFICATION:
            reasons = CLARIFICATION_REASONS[application.language]
        check = compliance_decide(
            application=application,
            by=operator,
            decision=target,
            checklist={key: target == S.COMPLIANT for key, _label in checklist_items(application)},
            reasons=reasons,
        )
        application.status = target
        checks.append((check, _moment_between(rng, call.closes_at, last)))
    for check, decided_at in checks:
        ComplianceCheck.objects.filter(pk=check.pk).update(decided_at=decided_at)
        Application.objects.filter(pk=check.application_id).update(updated_at=decided_at)
