"""Open data: awarded grants as CSV, XLSX and JSON with the 360Giving Data Standard's field names.

The field names (column titles) are the standard's and never translated; the names in the cells
(recipient, funder, programme, places) are in the active language, which the view sets from the request.
"""

import json

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import exports
from azamat.grants.models import Application
from azamat.grants.services.results import ORG_SCHEME, AwardedGrant

# 360Giving spreadsheet column titles, in the standard's order.
COLUMNS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Company Number",
    "Recipient Org:Location:0:Geographic Code",
    "Recipient Org:Location:0:Geographic Code Type",
    "Recipient Org:Location:0:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
    "Beneficiary Location:0:Name",
    "Beneficiary Location:0:Geographic Code",
    "Beneficiary Location:0:Geographic Code Type",
    "Last Modified",
    "Data Source",
]


TEXT, NUMBER, DATE, CODE = _("Text"), _("Number, with a decimal point"), _("Date, YYYY-MM-DD"), _("Code")
# The field dictionary on the open data page: for each column, what it holds, its type and an example.
FIELDS = {
    "Identifier": (
        _("The grant's identifier: the prefix and the application's number"),
        CODE,
        "360G-azamat-KZ-2026-mci-0001",
    ),
    "Title": (_("The application's title"), TEXT, ""),
    "Description": (_("The application's summary"), TEXT, ""),
    "Currency": (_("The currency of the amount"), CODE, "KZT"),
    "Amount Awarded": (
        _("The amount awarded: the agreement's, else the commission's decision, else the amount requested"),
        NUMBER,
        "2700000.00",
    ),
    "Award Date": (_("The date of the agreement, else of the commission's sitting"), DATE, "2026-04-01"),
    "Planned Dates:Start Date": (_("The project's start"), DATE, "2026-04-15"),
    "Planned Dates:End Date": (_("The project's end"), DATE, "2026-10-15"),
    "Planned Dates:Duration (months)": (_("The project's duration in months"), NUMBER, "6"),
    "Recipient Org:Identifier": (
        _("The recipient's identifier: KZ-BIN and its BIN"),
        CODE,
        "KZ-BIN-123456789012",
    ),
    "Recipient Org:Name": (_("The recipient organisation's name"), TEXT, ""),
    "Recipient Org:Company Number": (
        _("The recipient's business identification number (BIN)"),
        CODE,
        "123456789012",
    ),
    "Recipient Org:Location:0:Geographic Code": (
        _("The KATO code of the recipient's region"),
        CODE,
        "470000000",
    ),
    "Recipient Org:Location:0:Geographic Code Type": (_("The classifier of the code"), CODE, "KATO"),
    "Recipient Org:Location:0:Name": (_("The recipient's region"), TEXT, ""),
    "Funding Org:Identifier": (
        _("The funder's identifier: KZ-GOV and the government body's code"),
        CODE,
        "KZ-GOV-mci",
    ),
    "Funding Org:Name": (_("The government body that commissioned the grant"), TEXT, ""),
    "Grant Programme:Title": (_("The call's title"), TEXT, ""),
    "Beneficiary Location:0:Name": (_("The region where the project works"), TEXT, ""),
    "Beneficiary Location:0:Geographic Code": (_("The KATO code of the project's region"), CODE, "470000000"),
    "Beneficiary Location:0:Geographic Code Type": (_("The classifier of the code"), CODE, "KATO"),
    "Last Modified": (
        _("When the application's record last changed"),
        _("Date and time, ISO 8601"),
        "2026-04-01T10:00:00+05:00",
    ),
    "Data Source": (_("The page of the call's results on Azamat"), _("Web address"), ""),
}
assert list(FIELDS) == COLUMNS, "every column has its entry in the field dictionary"


def field_dictionary() -> list[tuple[str, str, str, str]]:
    """(column, meaning, type, example) in the columns' order, in the active language."""
    return [(column, *FIELDS[column]) for column in COLUMNS]


def last_update():
    """When the data last changed: the latest change of an awarded application in a call with published results,
    the same time the rows' "Last Modified" shows (one query)."""
    return Application.objects.filter(
        status=Application.Status.AWARDED, call__results_published=True
    ).aggregate(latest=Max("updated_at"))["latest"]


def _funder_id(body) -> str:
    return f"KZ-GOV-{body.code}"


def _row(grant: AwardedGrant) -> dict:
    app = grant.application
    project = grant.project
    region = app.direction.region or app.organisation.region
    start = project.starts_on if project else None
    end = project.ends_on if project else None
    return {
        "Identifier": grant.identifier,
        "Title": app.title,
        "Description": app.summary,
        "Currency": "KZT",
        "Amount Awarded": grant.amount,
        "Award Date": grant.award_date,
        "Planned Dates:Start Date": start,
        "Planned Dates:End Date": end,
        "Planned Dates:Duration (months)": app.duration_months,
        "Recipient Org:Identifier": f"{ORG_SCHEME}-{app.organisation.bin}",
        "Recipient Org:Name": app.organisation.name,
        "Recipient Org:Company Number": app.organisation.bin,
        "Recipient Org:Location:0:Geographic Code": app.organisation.region.kato,
        "Recipient Org:Location:0:Geographic Code Type": "KATO",
        "Recipient Org:Location:0:Name": app.organisation.region.name,
        "Funding Org:Identifier": _funder_id(app.call.customer),
        "Funding Org:Name": app.call.customer.name,
        "Grant Programme:Title": app.call.title,
        "Beneficiary Location:0:Name": region.name,
        "Beneficiary Location:0:Geographic Code": region.kato,
        "Beneficiary Location:0:Geographic Code Type": "KATO",
        "Last Modified": timezone.localtime(app.updated_at).isoformat(timespec="seconds"),
        "Data Source": settings.SITE_URL + app.call.get_absolute_url() + "results/",
    }


def to_csv(grants: list[AwardedGrant]) -> str:
    return exports.to_csv(COLUMNS, ([_row(g)[c] for c in COLUMNS] for g in grants))


def to_xlsx(grants: list[AwardedGrant]) -> bytes:
    return exports.to_xlsx(COLUMNS, ([_row(g)[c] for c in COLUMNS] for g in grants), title="grants")


def to_json(grants: list[AwardedGrant]) -> str:
    """The 360Giving JSON package: {"grants": [...]} with the schema's nested objects."""
    items = []
    for grant in grants:
        row = _row(grant)
        item = {
            "id": row["Identifier"],
            "title": row["Title"],
            "description": row["Description"],
            "currency": "KZT",
            "amountAwarded": float(grant.amount),
            "recipientOrganization": [
                {
                    "id": row["Recipient Org:Identifier"],
                    "name": row["Recipient Org:Name"],
                    "companyNumber": row["Recipient Org:Company Number"],
                    "location": [
                        {
                            "geoCode": row["Recipient Org:Location:0:Geographic Code"],
                            "geoCodeType": "KATO",
                            "name": row["Recipient Org:Location:0:Name"],
                        }
                    ],
                }
            ],
            "fundingOrganization": [{"id": row["Funding Org:Identifier"], "name": row["Funding Org:Name"]}],
            "grantProgramme": [{"title": row["Grant Programme:Title"]}],
            "beneficiaryLocation": [
                {
                    "name": row["Beneficiary Location:0:Name"],
                    "geoCode": row["Beneficiary Location:0:Geographic Code"],
                    "geoCodeType": "KATO",
                }
            ],
            "plannedDates": [{"duration": row["Planned Dates:Duration (months)"]}],
            "lastModified": row["Last Modified"],
            "dataSource": row["Data Source"],
        }
        if grant.award_date:
            item["awardDate"] = grant.award_date.isoformat()
        if grant.project:
            item["plannedDates"][0].update(
                {
                    "startDate": grant.project.starts_on.isoformat(),
                    "endDate": grant.project.ends_on.isoformat(),
                }
            )
        items.append(item)
    return json.dumps({"grants": items}, ensure_ascii=False, indent=1)
