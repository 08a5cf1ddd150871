"""Writes to annual reports: start a report (pre-filled from last year's and from the platform's own data), save
a section, list what keeps it from being filed, file it, correct a filed one, and remind the administrators.

In parts: the error codes with their messages and the problems a refused report lists (`errors`); what the parts
share (`common`); the checks shared by saving and filing (`checks`); starting a report (`starting`); saving a
section (`saving`); filing and correcting (`filing`); the weekly reminders (`reminders`).
"""

from azamat.registry.report_services.checks import (
    FOREIGN,
    beneficiary_problems,
    expenditure_problems,
    founder_problems,
    income_problems,
    report_problems,
)
from azamat.registry.report_services.common import S
from azamat.registry.report_services.errors import (
    CORRECTION_OPEN,
    DUPLICATE_CATEGORY,
    EDITED_MEANWHILE,
    EXPENDITURE_MISMATCH,
    FILED_TWICE,
    FOREIGN_COUNTRY,
    FOREIGN_DONOR,
    FROZEN,
    INCOME_MISMATCH,
    MESSAGES,
    NO_ACTIVITIES,
    NO_AREAS,
    NO_BENEFICIARY_NUMBER,
    NO_FOUNDERS,
    NO_REGIONS,
    NOT_ALLOWED,
    NOT_FILED,
    REPORT_EXISTS,
    TOO_EARLY,
    UNKNOWN_COUNTRY,
    YEAR_BEFORE_REGISTRATION,
    YEAR_IN_FUTURE,
    Problem,
    ReportInvalid,
)
from azamat.registry.report_services.filing import report_correct, report_file
from azamat.registry.report_services.reminders import REMINDER_INTERVAL, REMINDERS_FROM, reminders_send
from azamat.registry.report_services.saving import SECTION_FIELDS, SECTIONS, report_save
from azamat.registry.report_services.starting import RECEIVED_HOOK, platform_received, report_create

__all__ = [
    "CORRECTION_OPEN",
    "DUPLICATE_CATEGORY",
    "EDITED_MEANWHILE",
    "EXPENDITURE_MISMATCH",
    "FILED_TWICE",
    "FOREIGN",
    "FOREIGN_COUNTRY",
    "FOREIGN_DONOR",
    "FROZEN",
    "INCOME_MISMATCH",
    "MESSAGES",
    "NOT_ALLOWED",
    "NOT_FILED",
    "NO_ACTIVITIES",
    "NO_AREAS",
    "NO_BENEFICIARY_NUMBER",
    "NO_FOUNDERS",
    "NO_REGIONS",
    "RECEIVED_HOOK",
    "REMINDERS_FROM",
    "REMINDER_INTERVAL",
    "REPORT_EXISTS",
    "SECTIONS",
    "SECTION_FIELDS",
    "TOO_EARLY",
    "UNKNOWN_COUNTRY",
    "YEAR_BEFORE_REGISTRATION",
    "YEAR_IN_FUTURE",
    "Problem",
    "ReportInvalid",
    "S",
    "beneficiary_problems",
    "expenditure_problems",
    "founder_problems",
    "income_problems",
    "platform_received",
    "report_correct",
    "report_create",
    "report_file",
    "report_problems",
    "reminders_send",
    "report_save",
]
