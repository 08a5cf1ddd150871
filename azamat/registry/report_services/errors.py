"""The annual report's error codes with the message a person sees, and the problems a refused report lists."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from azamat.core.errors import DomainError

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
EDITED_MEANWHILE = "report_edited_meanwhile"

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
    EDITED_MEANWHILE: _(
        "Someone else saved this section after you opened the report, so yours is not saved. What you typed "
        "is below; compare it with the saved report (open it in another tab) and save again to keep yours."
    ),
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
