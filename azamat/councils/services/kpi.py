"""Members' KPIs: a council's secretary opens an assessment period (with a copy of the criteria), weighs its
criteria and designates its assessors; assessors score the members with a justification; the secretary publishes
the results. A refused step changes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import twice
from azamat.core.errors import DomainError
from azamat.core.numbers import format_number
from azamat.core.public_cache import topics_bump
from azamat.councils import kpi_errors as errors
from azamat.councils.kpi_models import AssessmentPeriod, Criterion, PeriodAssessor, Score
from azamat.councils.kpi_permissions import can_manage_kpi, can_score_period
from azamat.councils.kpi_selectors import criteria_templates
from azamat.councils.models import Council, Member


def _require(decision) -> None:
    if not decision:
        raise DomainError(errors.NOT_ALLOWED, decision.reason)


def _save(obj, by, reason: str = "") -> None:
    obj._history_user = by
    if reason:
        obj._change_reason = reason
    obj.full_clean()
    obj.save()


def _open_period(period: AssessmentPeriod) -> AssessmentPeriod:
    period = AssessmentPeriod.objects.select_for_update().select_related("council").get(pk=period.pk)
    if period.is_published:
        raise DomainError(
            errors.PERIOD_PUBLISHED, _("The period's results are published; the period can no longer change.")
        )
    return period


SCALE_LIMIT = 100  # a score is stored with five digits, two of them decimals


def _check_scale(scale_min: int, scale_max: int, weight: Decimal) -> None:
    if scale_min < -SCALE_LIMIT or scale_max > SCALE_LIMIT:
        raise DomainError(
            errors.BAD_SCALE,
            _("A scale runs between %(low)s and %(high)s at most.")
            % {"low": -SCALE_LIMIT, "high": SCALE_LIMIT},
            field="scale_min",
        )
    if scale_max <= scale_min:
        raise DomainError(
            errors.BAD_SCALE, _("The highest score must be above the lowest one."), field="scale_max"
        )
    if weight is None or weight <= 0:
        raise DomainError(errors.BAD_WEIGHT, _("A criterion's weight must be above zero."), field="weight")


@transaction.atomic
def period_open(
    *,
    council: Council,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    by,
    check_permission: bool = True,
) -> AssessmentPeriod:
    """Open a period of the council's term, with its own copy of the criteria templates."""
    if check_permission:
        _require(can_manage_kpi(by, council))
    if ends_on <= starts_on:
        raise DomainError(errors.BAD_PERIOD, _("The period must end after it starts."), field="ends_on")
    if starts_on < council.term_starts_on or ends_on > council.term_ends_on:
        raise DomainError(
            errors.PERIOD_OUTSIDE_TERM,
            _("The period must lie within the council's term, %(start)s – %(end)s.")
            % {"start": f"{council.term_starts_on:%d.%m.%Y}", "end": f"{council.term_ends_on:%d.%m.%Y}"},
            field="starts_on",
        )
    # The same form sent twice (a double tap, the back button) opens one period: the council's row is locked so that
    # two sends at once are checked one after the other.
    Council.objects.select_for_update().filter(pk=council.pk).first()
    twin = next(
        (
            p
            for p in council.kpi_periods.filter(starts_on=starts_on, ends_on=ends_on).order_by("pk")
            if twice.same_words(p.name, name)
        ),
        None,
    )
    if twin is not None:
        error = DomainError(
            errors.PERIOD_EXISTS,
            _("This period is already open: “%(name)s”, %(start)s – %(end)s. It was not opened again.")
            % {"name": twin.name, "start": f"{twin.starts_on:%d.%m.%Y}", "end": f"{twin.ends_on:%d.%m.%Y}"},
        )
        error.period = twin
        raise error
    period = AssessmentPeriod(
        council=council, name=name.strip(), starts_on=starts_on, ends_on=ends_on, created_by=by
    )
    _save(period, by)
    for template in criteria_templates():
        copy = Criterion(
            period=period,
            code=template.code,
            name_kk=template.name_kk,
            name_ru=template.name_ru,
            name_en=template.name_en,
            weight=template.weight,
            scale_min=template.scale_min,
            scale_max=template.scale_max,
            source=template.source,
            position=template.position,
        )
        _save(copy, by)
    return period


@transaction.atomic
def criterion_add(
    *,
    period: AssessmentPeriod,
    code: str,
    name_kk: str,
    name_ru: str,
    by,
    name_en: str = "",
    weight: Decimal = Decimal(1),
    scale_min: int = 0,
    scale_max: int = 10,
    check_permission: bool = True,
) -> Criterion:
    """A further criterion scored by the period's assessors."""
    if check_permission:
        _require(can_manage_kpi(by, period.council))
    period = _open_period(period)
    _check_scale(scale_min, scale_max, weight)
    if period.criteria.filter(code=code).exists():
        raise DomainError(
            errors.CRITERION_EXISTS, _("The period already has a criterion with this code."), field="code"
        )
    last = period.criteria.order_by("-position").values_list("position", flat=True).first() or 0
    criterion = Criterion(
        period=period,
        code=code,
        name_kk=name_kk.strip(),
        name_ru=name_ru.strip(),
        name_en=name_en.strip(),
        weight=weight,
        scale_min=scale_min,
        scale_max=scale_max,
        source=Criterion.Source.ASSESSOR,
        position=last + 1,
    )
    _save(criterion, by)
    return criterion


@transaction.atomic
def criterion_change(
    *,
    criterion: Criterion,
    by,
    weight: Decimal,
    scale_min: int,
    scale_max: int,
    check_permission: bool = True,
) -> Criterion:
    """A period's criterion reweighed or rescaled; a new scale must still hold every score already given."""
    period = criterion.period
    if check_permission:
        _require(can_manage_kpi(by, period.council))
    _open_period(period)
    criterion = Criterion.objects.select_for_update().get(pk=criterion.pk)
    _check_scale(scale_min, scale_max, weight)
    outside = criterion.scores.exclude(value__gte=scale_min, value__lte=scale_max).count()
    if outside:
        raise DomainError(
            errors.SCALE_HAS_SCORES,
            _("%(count)s scores already given lie outside the new scale; the scale stays as it is.")
            % {"count": outside},
            field="scale_min",
        )
    criterion.weight, criterion.scale_min, criterion.scale_max = weight, scale_min, scale_max
    _save(criterion, by)
    return criterion


@transaction.atomic
def assessor_designate(
    *, period: AssessmentPeriod, user, by, check_permission: bool = True
) -> PeriodAssessor:
    if check_permission:
        _require(can_manage_kpi(by, period.council))
    period = _open_period(period)
    if period.assessors.filter(user=user).exists():
        raise DomainError(
            errors.ALREADY_ASSESSOR, _("This person is already an assessor of the period."), field="email"
        )
    assessor = PeriodAssessor(period=period, user=user, designated_by=by)
    _save(assessor, by)
    return assessor


@transaction.atomic
def score_give(*, criterion: Criterion, member: Member, value: Decimal, justification: str, by) -> Score:
    """An assessor's score of a member on a criterion, given or changed, with its justification."""
    period = criterion.period
    _require(can_score_period(by, period))
    period = _open_period(period)
    if criterion.is_computed:
        raise DomainError(
            errors.CRITERION_COMPUTED,
            _("“%(criterion)s” is computed from the council's records; it is not scored by hand.")
            % {"criterion": criterion.name},
            field="criterion",
        )
    seated = (
        member.council_id == period.council_id
        and member.joined_on <= period.ends_on
        and (member.left_on is None or member.left_on >= period.starts_on)
    )
    if not seated:
        raise DomainError(
            errors.NOT_SEATED,
            _("%(person)s did not sit on the council during this period.") % {"person": member.full_name},
            field="member",
        )
    if member.user_id is not None and member.user_id == by.pk:
        # An assessor who also sits on the council (a member designated an assessor) scores the others, never herself.
        raise DomainError(
            errors.OWN_SCORE,
            _("You sit on the council yourself: your own KPIs are scored by the other assessors."),
            field="member",
        )
    if value is None or not (criterion.scale_min <= value <= criterion.scale_max):
        raise DomainError(
            errors.SCORE_OUT_OF_SCALE,
            _("A score on “%(criterion)s” must be from %(low)s to %(high)s; %(value)s is outside the scale.")
            % {
                "criterion": criterion.name,
                "low": format_number(criterion.scale_min),
                "high": format_number(criterion.scale_max),
                "value": "—" if value is None else format_number(value),
            },
            field="value",
        )
    justification = (justification or "").strip()
    if not justification:
        raise DomainError(
            errors.JUSTIFICATION_REQUIRED, _("Write why you give this score."), field="justification"
        )
    score = Score.objects.select_for_update().filter(
        criterion=criterion, member=member, assessor=by
    ).first() or Score(criterion=criterion, member=member, assessor=by)
    score.value = value
    score.justification = justification
    _save(score, by)
    return score


@transaction.atomic
def period_publish(*, period: AssessmentPeriod, by, check_permission: bool = True) -> AssessmentPeriod:
    if check_permission:
        _require(can_manage_kpi(by, period.council))
    period = _open_period(period)
    if not period.criteria.exists():
        raise DomainError(errors.NO_CRITERIA, _("The period has no criteria to publish results for."))
    period.published_at = timezone.now()
    period.published_by = by
    _save(period, by, reason="published")
    topics_bump("councils")
    return period
