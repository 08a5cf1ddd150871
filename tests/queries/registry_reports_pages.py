"""The query-count cases of the annual reports' pages (an organisation's reports by year) and of its API list,
registered into `PAGE_CASES` and `API_CASES` on import. Rows vary: drafts and filed reports, corrections, years.
The API list is private, so it is measured signed in as the person whose organisations' reports it lists
(`API_SIGNED_IN`)."""

from django.urls import reverse

from azamat.registry.report_models import AnnualReport
from tests.queries.support import SERIALS, api_case, other_region, page_case

API_USER_EMAIL = "reports-api@example.kz"


def _reports_of(organisation, k: int) -> list[str]:
    from azamat.testing.factories import AnnualReportFactory

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        year = 1000 + serial % 900  # distinct years for one organisation, none the factory files
        status = AnnualReport.Status.FILED if serial % 2 else AnnualReport.Status.DRAFT
        report = AnnualReportFactory(organisation=organisation, year=year, status=status)
        rows.append(f"{report.year}</a>")
    return rows


@page_case(
    "an organisation's annual reports",
    persona="alice",
    url=lambda ctx: reverse("registry:reports", args=[ctx["ngo"].bin]),
)
def _reports(k, ctx):
    return _reports_of(ctx["ngo"], k)


def api_user():
    from azamat.accounts.models import User
    from azamat.testing.factories import UserFactory

    return User.objects.filter(email=API_USER_EMAIL).first() or UserFactory(email=API_USER_EMAIL)


@api_case("annual-report")
def _api_reports(k):
    from azamat.registry.models import Membership
    from azamat.testing.factories import MembershipFactory, OrganisationFactory

    rows = []
    for _ in range(k):
        organisation = OrganisationFactory(region=other_region(next(SERIALS)), current_report=False)
        MembershipFactory(user=api_user(), organisation=organisation, role=Membership.Role.MEMBER)
        _reports_of(organisation, 1)
        rows.append((organisation, organisation.bin))
    return rows


API_SIGNED_IN = {"annual-report": api_user}
LIST_PAGES = {"registry:reports": "an organisation's annual reports"}
ONE_RECORD = "one record and its own bounded parts (sections, a handful of lines), not a list of records"
FORM_OR_ACTION = "a form or an action: it shows no list of records"
NOT_LISTS = {
    "registry:report": ONE_RECORD + " (and its few versions)",
    "registry:report_edit": ONE_RECORD + " (each table capped by its formset)",
    "registry:report_review": ONE_RECORD,
    "registry:report_file": FORM_OR_ACTION,
    "registry:report_correct": FORM_OR_ACTION,
    "registry:report_export": "a file download of one record",
}
