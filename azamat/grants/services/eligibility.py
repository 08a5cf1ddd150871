"""Who may apply and what may be submitted: each rule a failure with a code and plain words."""

import datetime
from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from azamat.grants.models import Application, Call, Direction
from azamat.grants.selectors import applications as selectors
from azamat.registry.models import Organisation
from azamat.registry.report_models import due_on
from azamat.registry.report_selectors import is_report_current, report_required_year

NOT_IN_NGO_DATABASE = "not_in_ngo_database"
REPORT_NOT_CURRENT = "report_not_current"
TOO_YOUNG = "too_young"
LEGAL_FORM = "legal_form"
REGION = "region"
WRONG_DIRECTION = "wrong_direction"
BUDGET_EMPTY = "budget_empty"
BUDGET_OUT_OF_RANGE = "budget_out_of_range"
LIMITS_UNKNOWN = "limits_unknown"
DURATION = "duration"
ACTIVITY_BEYOND_DURATION = "activity_beyond_duration"
NO_ACTIVITIES = "no_activities"
NO_INDICATORS = "no_indicators"
DOCUMENT_MISSING = "document_missing"

MESSAGES = {
    NOT_IN_NGO_DATABASE: _(
        "%(name)s is not in the state NGO database; only organisations in it can take part in grants."
    ),
    REPORT_NOT_CURRENT: _(
        "%(name)s has not filed its annual report on %(year)s to the state NGO database (due %(date)s); only "
        "organisations with a current report can take part in grants. File it on the organisation's "
        "Annual reports page."
    ),
    TOO_YOUNG: _(
        "%(name)s was registered on %(date)s, %(years)s full years ago; this grant type is for "
        "organisations registered at least %(required)s years ago."
    ),
    LEGAL_FORM: _(
        "Organisations of the legal form “%(form)s” cannot apply for this grant type; it is open to: "
        "%(allowed)s."
    ),
    REGION: _("This direction is for organisations of %(region)s; %(name)s is registered in %(own)s."),
    WRONG_DIRECTION: _("The direction “%(direction)s” belongs to another call."),
    BUDGET_EMPTY: _("Add at least one budget line."),
    BUDGET_OUT_OF_RANGE: _(
        "The budget totals %(total)s ₸; this grant type allows from %(minimum)s ₸ to %(maximum)s ₸."
    ),
    LIMITS_UNKNOWN: _(
        "The МРП for %(date)s is not known yet, so the budget cannot be checked against the limits; "
        "the operator has to add it."
    ),
    DURATION: _(
        "The project lasts %(months)s months; this grant type allows from %(minimum)s to %(maximum)s months."
    ),
    ACTIVITY_BEYOND_DURATION: _(
        "The activity “%(title)s” runs to month %(month)s, beyond the project’s %(months)s months."
    ),
    NO_ACTIVITIES: _("Add at least one activity to the plan."),
    NO_INDICATORS: _("Add at least one indicator of results."),
    DOCUMENT_MISSING: _("Attach the required document: %(name)s."),
}


@dataclass(frozen=True)
class Failure:
    code: str
    message: str

    def __str__(self) -> str:
        return self.message


def _failure(code: str, **params) -> Failure:
    message = MESSAGES[code]
    return Failure(code, str(message % params if params else message))


def tenge(amount) -> str:
    return formats.number_format(amount, decimal_pos=0, use_l10n=True, force_grouping=True)


def in_ngo_database(organisation: Organisation, on: datetime.date | None = None) -> bool:
    """The rule "in the state NGO database with a current report": registered in Azamat's registry and the
    annual report required on `on` filed (the registry's `is_report_current` says which year that is)."""
    if organisation.pk is None or not Organisation.objects.filter(pk=organisation.pk).exists():
        return False
    return is_report_current(organisation, on)


def full_years(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def eligibility_check(
    *, organisation: Organisation, call: Call, direction: Direction, on: datetime.date | None = None
) -> list[Failure]:
    """What keeps the organisation from applying to this call's direction; empty when it may."""
    grant_type = call.grant_type
    on = on or timezone.localdate()
    failures = []
    if direction.call_id != call.pk:
        failures.append(_failure(WRONG_DIRECTION, direction=direction.title))
    if organisation.pk is None or not Organisation.objects.filter(pk=organisation.pk).exists():
        failures.append(_failure(NOT_IN_NGO_DATABASE, name=organisation.name))
    elif not in_ngo_database(organisation, on):
        year = report_required_year(on)
        failures.append(
            _failure(
                REPORT_NOT_CURRENT,
                name=organisation.name,
                year=year,
                date=formats.date_format(due_on(year), "SHORT_DATE_FORMAT"),
            )
        )
    years = full_years(organisation.registered_on, on)
    if years < grant_type.min_years_registered:
        failures.append(
            _failure(
                TOO_YOUNG,
                name=organisation.name,
                years=years,
                date=formats.date_format(organisation.registered_on, "SHORT_DATE_FORMAT"),
                required=grant_type.min_years_registered,
            )
        )
    allowed = grant_type.allowed_legal_forms or []
    if allowed and organisation.legal_form not in allowed:
        failures.append(
            _failure(
                LEGAL_FORM,
                form=organisation.get_legal_form_display(),
                allowed=", ".join(selectors.legal_form_names(allowed)),
            )
        )
    if grant_type.same_region_only and direction.region_id and organisation.region_id != direction.region_id:
        failures.append(
            _failure(
                REGION, region=direction.region.name, name=organisation.name, own=organisation.region.name
            )
        )
    return failures


def content_check(application: Application) -> list[Failure]:
    """What the application still lacks: budget within limits, duration, plan, indicators, documents."""
    grant_type = application.call.grant_type
    failures = []
    lines = list(application.budget_lines.all())
    if not lines:
        failures.append(_failure(BUDGET_EMPTY))
    else:
        total = sum((line.total for line in lines), start=0)
        limits = selectors.amount_range(application.call)
        if not limits.known:
            failures.append(
                _failure(LIMITS_UNKNOWN, date=formats.date_format(limits.mrp_on, "SHORT_DATE_FORMAT"))
            )
        elif not limits.contains(total):
            failures.append(
                _failure(
                    BUDGET_OUT_OF_RANGE,
                    total=tenge(total),
                    minimum=tenge(limits.minimum),
                    maximum=tenge(limits.maximum),
                )
            )
    months = application.duration_months
    if not grant_type.min_months <= months <= grant_type.max_months:
        failures.append(
            _failure(DURATION, months=months, minimum=grant_type.min_months, maximum=grant_type.max_months)
        )
    activities = list(application.activities.all())
    if not activities:
        failures.append(_failure(NO_ACTIVITIES))
    for activity in activities:
        if activity.ends_month > months:
            failures.append(
                _failure(
                    ACTIVITY_BEYOND_DURATION, title=activity.title, month=activity.ends_month, months=months
                )
            )
    if not application.indicators.exists():
        failures.append(_failure(NO_INDICATORS))
    attached = {a.document_code for a in application.attachments.all()}
    for code, name in selectors.required_documents(grant_type):
        if code not in attached:
            failures.append(_failure(DOCUMENT_MISSING, name=name))
    return failures


def submission_check(application: Application, *, on: datetime.date | None = None) -> list[Failure]:
    """Everything that keeps the application from being submitted, in the order a person fixes it."""
    return eligibility_check(
        organisation=application.organisation, call=application.call, direction=application.direction, on=on
    ) + content_check(application)
