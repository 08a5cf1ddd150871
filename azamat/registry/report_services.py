"""Writes to annual reports: start a report (pre-filled from last year's and from the platform's own data), save
a section, list what keeps it from being filed, file it, correct a filed one, and remind the administrators."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from azamat.core.errors import DomainError
from azamat.core.hooks import app_modules
from azamat.core.notifications import notify
from azamat.core.numbers import format_number
from azamat.core.public_cache import topics_bump
from azamat.registry.models import Membership, Organisation
from azamat.registry.report_countries import is_country, normalise
from azamat.registry.report_models import (
    AnnualReport,
    ReportBeneficiary,
    ReportExpense,
    ReportFounder,
    ReportIncome,
    ReportProject,
    ReportReminder,
    due_on,
)
from azamat.registry.report_permissions import can_prepare_reports
from azamat.registry.report_selectors import last_filed, report_required_year

if TYPE_CHECKING:  # people come from accounts, a layer above: the registry only names them
    from azamat.accounts.models import User

S = AnnualReport.Status
FOREIGN = ReportIncome.Source.FOREIGN
# The hook other apps provide (see `platform_received`): grants says what an organisation received in a year.
RECEIVED_HOOK = "ngo_report"
REMINDERS_FROM = (2, 1)  # month, day: weekly reminders start on 1 February
REMINDER_INTERVAL = datetime.timedelta(days=7)

# --- Error codes, each with the message a person sees ---------------------------------------------------------
NOT_ALLOWED = "report_not_allowed"
YEAR_IN_FUTURE = "report_year_in_future"
YEAR_BEFORE_REGISTRATION = "report_year_before_registration"
REPORT_EXISTS = "report_exists"
FROZEN = "report_frozen"
FILED_TWICE = "report_filed_twice"
TOO_EARLY = "report_too_early"
NOT_FILED = "report_not_filed"
CORRECTION_OPEN = "report_correction_open"
INCOME_MISMATCH = "report_income_mismatch"
EXPENDITURE_MISMATCH = "report_expenditure_mismatch"
FOREIGN_DONOR = "report_foreign_donor"
FOREIGN_COUNTRY = "report_foreign_country"
UNKNOWN_COUNTRY = "report_unknown_country"
DUPLICATE_CATEGORY = "report_duplicate_category"
NO_ACTIVITIES = "report_no_activities"
NO_AREAS = "report_no_areas"
NO_REGIONS = "report_no_regions"
NO_FOUNDERS = "report_no_founders"
NO_BENEFICIARY_NUMBER = "report_no_beneficiary_number"

MESSAGES = {
    NOT_ALLOWED: _("Only the organisation's administrators prepare and file its annual report."),
    YEAR_IN_FUTURE: _(
        "The year %(year)s has not begun yet: a report can be prepared for %(current)s at the latest."
    ),
    YEAR_BEFORE_REGISTRATION: _(
        "The organisation was registered in %(registered)s, so it has no report on %(year)s to file."
    ),
    REPORT_EXISTS: _(
        "A report on %(year)s already exists: open it from the list instead of starting another."
    ),
    FROZEN: _("This version of the report is filed and can no longer be changed; make a correction instead."),
    FILED_TWICE: _("This report is already filed; to change it, make a correction."),
    TOO_EARLY: _("The report on %(year)s can be filed from 1 January %(next)s, once the year has ended."),
    NOT_FILED: _("Only the filed version of a report can be corrected."),
    CORRECTION_OPEN: _("A correction of the report on %(year)s is already being prepared: continue it."),
    INCOME_MISMATCH: _(
        "The income lines add up to %(sum)s ₸, but the total income stated is %(total)s ₸. Correct a line or "
        "the total."
    ),
    EXPENDITURE_MISMATCH: _(
        "The expenditure lines add up to %(sum)s ₸, but the total expenditure stated is %(total)s ₸. Correct a "
        "line or the total."
    ),
    FOREIGN_DONOR: _("Income line %(number)s is from a foreign source: name the donor."),
    FOREIGN_COUNTRY: _(
        "Income line %(number)s is from a foreign source: give the donor's country (a code such as DE)."
    ),
    UNKNOWN_COUNTRY: _(
        "“%(code)s” is not a country code: use the two-letter ISO 3166 code, for example KZ, DE or US."
    ),
    DUPLICATE_CATEGORY: _("The category “%(category)s” is listed twice: put its people on one line."),
    NO_ACTIVITIES: _("Describe the organisation's activities in the year."),
    NO_AREAS: _("Choose at least one area of activity."),
    NO_REGIONS: _("Choose at least one region the organisation worked in."),
    NO_FOUNDERS: _("Name at least one founder."),
    NO_BENEFICIARY_NUMBER: _("Give the number of people for the beneficiaries “%(category)s”."),
}


@dataclass(frozen=True)
class Problem:
    """One thing that keeps a report from being saved or filed: in which section, on which line (from 1)."""

    code: str
    message: str
    section: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.message


class ReportInvalid(DomainError):
    """Refused input: every problem found, each with its section, line and field."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems[0].code, " ".join(p.message for p in problems))
        self.problems = problems


def _message(code: str, /, **params) -> str:
    message = MESSAGES[code]
    return str(message % params if params else message)


def _error(code: str, /, **params) -> DomainError:
    return DomainError(code, _message(code, **params))


def _problem(
    error_code: str, section: str, /, *, line: int | None = None, field: str | None = None, **params
) -> Problem:
    return Problem(error_code, _message(error_code, **params), section, line, field)


def _tenge(value) -> str:
    return format_number(Decimal(value or 0), decimal_places=2)


def _require_admin(organisation: Organisation, by: User) -> None:
    decision = can_prepare_reports(by, organisation)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


# --- Checks shared by saving and filing ------------------------------------------------------------------------


def income_problems(lines: list[dict], total: Decimal | None) -> list[Problem]:
    """Foreign lines name their donor and a real country; the stated total equals the lines' sum."""
    problems = []
    for number, line in enumerate(lines, start=1):
        country = normalise(line.get("country", ""))
        if line["source"] == FOREIGN:
            if not (line.get("donor") or "").strip():
                problems.append(_problem(FOREIGN_DONOR, "income", line=number, field="donor", number=number))
            if not country:
                problems.append(
                    _problem(FOREIGN_COUNTRY, "income", line=number, field="country", number=number)
                )
        if country and not is_country(country):
            problems.append(_problem(UNKNOWN_COUNTRY, "income", line=number, field="country", code=country))
    total_sum = sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))
    if total is not None and Decimal(total) != total_sum:
        problems.append(
            _problem(
                INCOME_MISMATCH, "income", field="income_total", sum=_tenge(total_sum), total=_tenge(total)
            )
        )
    return problems


def expenditure_problems(lines: list[dict], total: Decimal | None) -> list[Problem]:
    total_sum = sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))
    if total is not None and Decimal(total) != total_sum:
        return [
            _problem(
                EXPENDITURE_MISMATCH,
                "expenditure",
                field="expenditure_total",
                sum=_tenge(total_sum),
                total=_tenge(total),
            )
        ]
    return []


def founder_problems(lines: list[dict]) -> list[Problem]:
    return [
        _problem(UNKNOWN_COUNTRY, "founders", line=number, field="country", code=normalise(line["country"]))
        for number, line in enumerate(lines, start=1)
        if not is_country(line.get("country", ""))
    ]


def beneficiary_problems(lines: list[dict]) -> list[Problem]:
    seen, problems = set(), []
    labels = dict(ReportBeneficiary.Category.choices)
    for number, line in enumerate(lines, start=1):
        if line["category"] in seen:
            problems.append(
                _problem(
                    DUPLICATE_CATEGORY,
                    "activities",
                    line=number,
                    field="category",
                    category=labels.get(line["category"], line["category"]),
                )
            )
        seen.add(line["category"])
    return problems


def report_problems(report: AnnualReport, *, on: datetime.date | None = None) -> list[Problem]:
    """Everything that keeps the report from being filed, in the order of the form's sections."""
    on = on or timezone.localdate()
    problems = []
    if on.year <= report.year:
        problems.append(_problem(TOO_EARLY, "file", year=report.year, next=report.year + 1))
    if not report.activities.strip():
        problems.append(_problem(NO_ACTIVITIES, "activities", field="activities"))
    if not report.areas.exists():
        problems.append(_problem(NO_AREAS, "activities", field="areas"))
    if not report.regions.exists():
        problems.append(_problem(NO_REGIONS, "activities", field="regions"))
    for number, line in enumerate(report.beneficiaries.all(), start=1):
        if not line.number:
            problems.append(
                _problem(
                    NO_BENEFICIARY_NUMBER,
                    "activities",
                    line=number,
                    field="number",
                    category=line.get_category_display(),
                )
            )
    founders = list(report.founders.values("kind", "name", "country", "identifier"))
    if not founders:
        problems.append(_problem(NO_FOUNDERS, "founders"))
    problems += founder_problems(founders)
    problems += income_problems(
        list(report.income.values("source", "amount", "donor", "country")), report.income_total
    )
    problems += expenditure_problems(
        list(report.expenses.values("category", "amount")), report.expenditure_total
    )
    return problems


# --- Starting a report ------------------------------------------------------------------------------------------


def platform_received(organisation: Organisation, year: int) -> list[dict]:
    """What the platform knows the organisation received in `year`, from every app with an `ngo_report` module
    (grants: its projects and the payments made on them). Each item: title, amount (paid in the year), source
    (a ReportIncome source), project_amount."""
    received: list[dict] = []
    for module in app_modules(RECEIVED_HOOK):
        received.extend(module.received(organisation=organisation, year=year))
    return received


def _check_year(organisation: Organisation, year: int, on: datetime.date) -> None:
    if year > on.year:
        raise DomainError(YEAR_IN_FUTURE, _message(YEAR_IN_FUTURE, year=year, current=on.year), field="year")
    if year < organisation.registered_on.year:
        raise DomainError(
            YEAR_BEFORE_REGISTRATION,
            _message(YEAR_BEFORE_REGISTRATION, year=year, registered=organisation.registered_on.year),
            field="year",
        )
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        raise DomainError(REPORT_EXISTS, _message(REPORT_EXISTS, year=year), field="year")


@transaction.atomic
def report_create(
    *, organisation: Organisation, year: int, by: User, on: datetime.date | None = None
) -> AnnualReport:
    """A new draft on `year`, pre-filled: founders, areas, regions, people, property and the beneficiary
    categories (numbers left at 0 to be given again) from the last filed report, and the projects and state
    income the platform knows of."""
    on = on or timezone.localdate()
    _require_admin(organisation, by)
    Organisation.objects.select_for_update().get(
        pk=organisation.pk
    )  # one new report at a time per organisation
    _check_year(organisation, year, on)
    previous = last_filed(organisation=organisation, before_year=year)
    report = AnnualReport(organisation=organisation, year=year, created_by=by)
    if previous:
        for field in (
            "activities",
            "staff_count",
            "volunteer_count",
            "property_value",
            "property_description",
        ):
            setattr(report, field, getattr(previous, field))
    report._history_user = by
    report.save()
    if previous:
        report.areas.set(previous.areas.all())
        report.regions.set(previous.regions.all())
        _bulk(ReportFounder, by)(
            ReportFounder(
                report=report,
                kind=f.kind,
                name=f.name,
                country=f.country,
                identifier=f.identifier,
                position=i,
            )
            for i, f in enumerate(previous.founders.all())
        )
        _bulk(ReportBeneficiary, by)(
            ReportBeneficiary(report=report, category=b.category, number=0)
            for b in previous.beneficiaries.all()
        )
    else:
        report.areas.set(organisation.areas.all())
        report.regions.set([organisation.region_id])
        report.staff_count = organisation.staff_count or 0
        report.volunteer_count = organisation.volunteer_count or 0
        report.save(update_fields=["staff_count", "volunteer_count"])
    received = platform_received(organisation, year)
    _bulk(ReportProject, by)(
        ReportProject(report=report, title=item["title"][:500], amount=item["project_amount"], position=i)
        for i, item in enumerate(received)
    )
    paid = [item for item in received if item["amount"]]
    _bulk(ReportIncome, by)(
        ReportIncome(
            report=report,
            source=item["source"],
            amount=item["amount"],
            donor=item.get("donor", "")[:300],
            position=i,
        )
        for i, item in enumerate(paid)
    )
    if paid:
        report.income_total = sum((item["amount"] for item in paid), Decimal(0))
        report.save(update_fields=["income_total"])
    return report


def _bulk(model, by):
    """Create lines in one INSERT with their history (`bulk_create` alone would leave no trace)."""

    def create(objects):
        return bulk_create_with_history(list(objects), model, default_user=by)

    return create


# --- Saving a section -----------------------------------------------------------------------------------------

SECTIONS = ("activities", "founders", "people", "income", "expenditure")
SECTION_FIELDS = {
    "activities": ["activities"],
    "founders": [],
    "people": ["staff_count", "volunteer_count", "property_value", "property_description"],
    "income": ["income_total"],
    "expenditure": ["expenditure_total"],
}


def _replace(model, report: AnnualReport, lines: list[dict], fields: list[str]) -> None:
    model.objects.filter(report=report).delete()
    objects = []
    for position, line in enumerate(lines):
        values = {name: line.get(name) for name in fields}
        if "position" in {f.name for f in model._meta.fields}:
            values["position"] = position
        objects.append(model(report=report, **values))
    _bulk(model, None)(objects)


def _lines_sum(lines: list[dict]) -> Decimal:
    return sum((Decimal(line["amount"] or 0) for line in lines), Decimal(0))


@transaction.atomic
def report_save(
    *, report: AnnualReport, by: User, section: str, data: dict, lines: dict[str, list[dict]] | None = None
) -> AnnualReport:
    """Save one section of a draft; the others stay as they are. A blank stated total takes the lines' sum;
    a stated total that differs from it is refused, as is a foreign line without donor or country."""
    lines = lines or {}
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.is_frozen:
        raise _error(FILED_TWICE if report.status == S.FILED else FROZEN)
    if section == "income":
        income = [{**line, "country": normalise(line.get("country", ""))} for line in lines.get("income", [])]
        if data.get("income_total") is None:
            data = {**data, "income_total": _lines_sum(income)}
        problems = income_problems(income, data["income_total"])
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportIncome, report, income, ["source", "amount", "donor", "country"])
    elif section == "expenditure":
        expenses = lines.get("expenses", [])
        if data.get("expenditure_total") is None:
            data = {**data, "expenditure_total": _lines_sum(expenses)}
        problems = expenditure_problems(expenses, data["expenditure_total"])
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportExpense, report, expenses, ["category", "amount"])
    elif section == "founders":
        founders = [
            {**line, "country": normalise(line.get("country", ""))} for line in lines.get("founders", [])
        ]
        problems = founder_problems(founders)
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportFounder, report, founders, ["kind", "name", "country", "identifier"])
    elif section == "activities":
        beneficiaries = lines.get("beneficiaries", [])
        problems = beneficiary_problems(beneficiaries)
        if problems:
            raise ReportInvalid(problems)
        _replace(ReportBeneficiary, report, beneficiaries, ["category", "number"])
        _replace(
            ReportProject, report, lines.get("projects", []), ["title", "area", "amount", "beneficiaries"]
        )
        report.areas.set(data.get("areas", []))
        report.regions.set(data.get("regions", []))
    elif section != "people":
        raise ValueError(section)
    for field in SECTION_FIELDS[section]:
        if field in data:
            setattr(report, field, data[field] if data[field] is not None else 0)
    report._history_user = by
    report.full_clean(exclude=["organisation", "created_by", "filed_by"])
    report.save()
    return report


# --- Filing and correcting ------------------------------------------------------------------------------------


@transaction.atomic
def report_file(*, report: AnnualReport, by: User, on: datetime.date | None = None) -> AnnualReport:
    """File a complete draft: it is frozen; the filed version it corrects, if any, becomes superseded and its
    first filing date carries over."""
    on = on or timezone.localdate()
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.is_frozen:
        raise _error(FILED_TWICE if report.status == S.FILED else FROZEN)
    problems = report_problems(report, on=on)
    if problems:
        raise ReportInvalid(problems)
    previous = (
        AnnualReport.objects.select_for_update()
        .filter(organisation_id=report.organisation_id, year=report.year, status=S.FILED)
        .first()
    )
    if previous:
        previous.status = S.SUPERSEDED
        previous._history_user = by
        previous.save(update_fields=["status", "updated_at"])
    report.status = S.FILED
    report.filed_at = timezone.now()
    report.filed_by = by
    report.first_filed_on = (previous.first_filed_on if previous else None) or on
    report._history_user = by
    report.save()
    ReportReminder.objects.filter(organisation_id=report.organisation_id, year=report.year).delete()
    topics_bump("registry")  # the directory and the profile show whether the report is current
    return report


def _copy_lines(model, source: AnnualReport, target: AnnualReport) -> None:
    fields = [f.name for f in model._meta.fields if f.name not in {"id", "report"}]
    _bulk(model, None)(
        model(report=target, **{name: getattr(line, name) for name in fields})
        for line in model.objects.filter(report=source).order_by("pk")
    )


@transaction.atomic
def report_correct(*, report: AnnualReport, by: User) -> AnnualReport:
    """A new draft version copying everything of the filed one; the filed one stays in force until it is filed."""
    _require_admin(report.organisation, by)
    report = _locked(report)
    if report.status != S.FILED:
        raise _error(NOT_FILED)
    if AnnualReport.objects.filter(
        organisation_id=report.organisation_id, year=report.year, status=S.DRAFT
    ).exists():
        raise _error(CORRECTION_OPEN, year=report.year)
    latest = AnnualReport.objects.filter(organisation_id=report.organisation_id, year=report.year).aggregate(
        v=Max("version")
    )["v"]
    copy = AnnualReport(
        organisation_id=report.organisation_id,
        year=report.year,
        version=latest + 1,
        created_by=by,
        first_filed_on=report.first_filed_on,
        **{
            f: getattr(report, f)
            for f in (
                "activities",
                "staff_count",
                "volunteer_count",
                "property_value",
                "property_description",
                "income_total",
                "expenditure_total",
            )
        },
    )
    copy._history_user = by
    copy.save()
    copy.areas.set(report.areas.all())
    copy.regions.set(report.regions.all())
    for model in (ReportFounder, ReportBeneficiary, ReportProject, ReportIncome, ReportExpense):
        _copy_lines(model, report, copy)
    return copy


# --- Reminders ---------------------------------------------------------------------------------------------------


def _admin_emails_by_organisation(organisation_ids) -> dict[int, list[str]]:
    emails: dict[int, list[str]] = {}
    for organisation_id, email in Membership.objects.filter(
        organisation_id__in=organisation_ids, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).values_list("organisation_id", "user__email"):
        emails.setdefault(organisation_id, []).append(email)
    return emails


def reminders_send(on: datetime.date | None = None) -> int:
    """The daily task (`azamat registry_report_reminders`): from 1 February, once a week until filed, tell the
    administrators of each organisation whose report on the year just ended (or on an earlier required year)
    is not filed. Returns how many organisations were reminded."""
    on = on or timezone.localdate()
    years = {report_required_year(on)}  # late once its due date passed: reminded until filed
    if (on.month, on.day) >= REMINDERS_FROM:
        years.add(on.year - 1)  # the year just ended: from 1 February
    sent = 0
    organisations = (
        Organisation.objects.filter(memberships__role=Membership.Role.ADMIN, memberships__status="active")
        .distinct()
        .order_by("pk")
    )
    for year in sorted(years):
        candidates = organisations.filter(registered_on__lte=datetime.date(year, 12, 31)).exclude(
            annual_reports__year=year, annual_reports__status__in=[S.FILED, S.SUPERSEDED]
        )
        recent = set(
            ReportReminder.objects.filter(year=year, sent_on__gt=on - REMINDER_INTERVAL).values_list(
                "organisation_id", flat=True
            )
        )
        batch = [o for o in candidates if o.pk not in recent]
        emails = _admin_emails_by_organisation([o.pk for o in batch])
        for organisation in batch:
            days_left = (due_on(year) - on).days
            with transaction.atomic():
                notify(
                    to=emails.get(organisation.pk, []),
                    template="registry/email/report_reminder",
                    context={
                        "organisation": organisation,
                        "year": year,
                        "due_on": date_format(due_on(year), "DATE_FORMAT"),
                        "days_left": days_left,
                        "late": days_left < 0,
                        "days_late": -days_left,
                    },
                )
                ReportReminder.objects.update_or_create(
                    organisation=organisation, year=year, defaults={"sent_on": on}
                )
                sent += 1
    return sent
