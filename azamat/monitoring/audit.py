"""The log of reads: every view, export, download and name search of sensitive monitoring data is written here
with who, when and what (never the secret itself). Views call `read(...)` after the permission check passed, and
`refused(...)` when it did not; the organisation's administrators read the log."""

from azamat.monitoring.models import ReadLog


def _ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def read(request, record, action: str = ReadLog.Action.VIEW, *, what: str = "") -> ReadLog:
    """`record` is a monitoring model instance (with `organisation_id`, or an event's/case's child)."""
    return ReadLog.objects.create(
        organisation_id=_organisation_id(record),
        user=request.user if request.user.is_authenticated else None,
        action=action,
        record_type=record._meta.model_name,
        record_id=record.pk,
        what=(what or str(record))[:300],
        ip=_ip(request),
    )


def searched(request, organisation_id: int, *, found: int) -> ReadLog:
    return ReadLog.objects.create(
        organisation_id=organisation_id,
        user=request.user,
        action=ReadLog.Action.SEARCH,
        record_type="person",
        what=f"{found}",
        ip=_ip(request),
    )


def exported(request, organisation_id: int, *, what: str) -> ReadLog:
    return ReadLog.objects.create(
        organisation_id=organisation_id,
        user=request.user,
        action=ReadLog.Action.EXPORT,
        record_type="export",
        what=what[:300],
        ip=_ip(request),
    )


def refused(request, record) -> ReadLog | None:
    """A refused attempt on a record of an organisation: logged for its administrators."""
    organisation_id = _organisation_id(record)
    if organisation_id is None or not request.user.is_authenticated:
        return None
    return ReadLog.objects.create(
        organisation_id=organisation_id,
        user=request.user,
        action=ReadLog.Action.REFUSED,
        record_type=record._meta.model_name,
        record_id=record.pk,
        what=str(record)[:300],
        ip=_ip(request),
    )


def _organisation_id(record) -> int | None:
    for path in (
        "organisation_id",
        "event.organisation_id",
        "case.organisation_id",
        "person.organisation_id",
        "candidate.organisation_id",
        "detention.person.organisation_id",
        "site.organisation_id",
        "election.organisation_id",
        "act.event.organisation_id",
    ):
        value = record
        for part in path.split("."):
            value = getattr(value, part, None)
            if value is None:
                break
        if value is not None:
            return value
    return None
