"""The query-count case of the sector statistics page (annual reports), registered into `PAGE_CASES` on import.
Each row is an organisation in a region and an area of its own, with a filed report (income and beneficiaries),
so that a query per region, area or report cannot hide behind one shared row. `LIST_PAGES` says the same for the
page, for `test_every_page_declares_whether_it_lists_rows` to take in."""

import datetime
from decimal import Decimal

from django.urls import reverse

from azamat.registry.models import ActivityArea
from azamat.registry.report_models import AnnualReport, ReportBeneficiary, ReportIncome
from azamat.registry.report_selectors import report_required_year
from tests.queries.support import SERIALS, page_case, regions


@page_case("sector statistics", persona=None, url=lambda ctx: reverse("registry:statistics"))
def _statistics(k, ctx):
    from azamat.testing.factories import AnnualReportFactory, OrganisationFactory

    year = report_required_year()
    rows = []
    for region in regions(k):
        serial = next(SERIALS)
        area = ActivityArea.objects.create(
            code=f"stats-area-{serial}",
            name_kk=f"Сала {serial}",
            name_ru=f"Сфера {serial}",
            name_en=f"Area {serial}",
        )
        organisation = OrganisationFactory(region=region, current_report=False)
        organisation.areas.add(area)
        report = AnnualReportFactory(organisation=organisation, year=year, status=AnnualReport.Status.FILED)
        source = ["state_grant", "foreign", "donations"][serial % 3]
        ReportIncome.objects.create(report=report, source=source, amount=Decimal(1000 + serial))
        ReportBeneficiary.objects.create(report=report, category="youth", number=serial)
        if serial % 2:  # filed late
            report.first_filed_on = datetime.date(year + 1, 4, 5)
            report.save()
        rows += [region.name_en, area.name_en]
    return rows


LIST_PAGES = {"registry:statistics": "sector statistics"}
