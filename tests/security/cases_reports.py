"""The annual reports' rows of the authorisation matrix, and the objects they need in the world.

The first NGO's reports are private: its administrator ("owner") prepares and files them, its member and the
platform's administrators read them, everyone else gets 403 (pages) or 404 (API). The world's NGO has its report
on the required year filed (the factory's default); a draft on the current year is added here."""

from tests.security.matrix import Case
from tests.security.world import World

READERS = ("owner", "member", "platform_admin")
PREPARERS = ("owner",)


def build(w: World) -> None:
    from django.utils import timezone

    from azamat.registry.report_models import AnnualReport
    from azamat.testing.factories import AnnualReportFactory

    w.report_filed = AnnualReport.objects.filter(organisation=w.ngo, status=AnnualReport.Status.FILED).latest(
        "year"
    )
    w.report_draft = AnnualReportFactory(organisation=w.ngo, year=timezone.localdate().year)


def _filed(w):
    return {"bin": w.ngo.bin, "pk": w.report_filed.pk}


def _draft(w):
    return {"bin": w.ngo.bin, "pk": w.report_draft.pk}


def _export(kind, report=_filed):
    return lambda w: {**report(w), "format": kind}


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, allow, table

    return {
        # Starting a report: an empty form is refused with its message (400), nothing written.
        "registry:reports": [
            Case(
                "",
                lambda w: {"bin": w.ngo.bin},
                allow(READERS),
                allow(PREPARERS, "400"),
                PREPARERS,
            )
        ],
        "registry:report": [
            Case("filed", _filed, allow(READERS)),
            Case("draft", _draft, allow(READERS)),
        ],
        # An empty POST saves no section (400) and changes nothing.
        "registry:report_edit": [Case("", _draft, allow(PREPARERS), allow(PREPARERS, "400"), PREPARERS)],
        "registry:report_review": [Case("", _draft, allow(READERS))],
        # Without the confirmation box: back to the review (302), nothing filed.
        "registry:report_file": [Case("", _draft, POST_ONLY, allow(PREPARERS, "302"), PREPARERS)],
        "registry:report_correct": [Case("", _filed, POST_ONLY, allow(PREPARERS, "302"), PREPARERS)],
        "registry:report_export": [
            Case("xlsx", _export("xlsx"), allow(READERS)),
            Case("json", _export("json"), allow(READERS)),
            Case("pdf", _export("pdf", _draft), allow(READERS)),
            Case("unknown format", _export("csv"), table("404", anonymous="login")),
        ],
        "v1:annual-report-list": [Case("", lambda w: {}, table("200", anonymous="401"))],
        "v1:annual-report-detail": [
            Case(
                "",
                lambda w: {"pk": w.report_filed.pk},
                table("404", anonymous="401", **dict.fromkeys(READERS, "200")),
            )
        ],
    }


CASES: dict[str, list] = _cases()
