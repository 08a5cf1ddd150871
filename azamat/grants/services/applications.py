"""Applications: drafting by the organisation's members, submission with its checks, clarification, withdrawal."""

import datetime
import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import twice
from azamat.core.errors import DomainError
from azamat.core.notifications import notify
from azamat.grants import errors
from azamat.grants.errors import SubmissionRefused  # noqa: F401 — raised here, named here for the views
from azamat.grants.lifecycle import APPLICATION
from azamat.grants.models import (
    Activity,
    Application,
    ApplicationVersion,
    BudgetLine,
    Call,
    Direction,
    Indicator,
)
from azamat.grants.permissions import (
    can_apply,
    can_edit_application,
    is_member_of,
)
from azamat.grants.services.application_versions import snapshot
from azamat.grants.services.compliance import compliance_decide
from azamat.grants.services.eligibility import submission_check
from azamat.grants.services.similarity import similarity_check_task
from azamat.registry.models import Membership, Organisation

NOT_ALLOWED = "not_allowed"
INVALID = "invalid"
CALL_NOT_OPEN = "call_not_open"
CALL_CLOSED = "call_closed"
WRONG_DIRECTION = "wrong_direction"
FROZEN = "frozen"
STALE = "stale"
ROW_NOT_FOUND = "row_not_found"
MONTHS_ORDER = "months_order"
NOT_POSITIVE = "not_positive"
NOT_SUBMITTABLE = "not_submittable"

MESSAGES = {
    # The lifecycle's (grants/errors.py): the call's dates and the frozen application guard its submission.
    CALL_NOT_OPEN: errors.MESSAGES[errors.CALL_NOT_OPEN],
    CALL_CLOSED: errors.MESSAGES[errors.CALL_CLOSED],
    WRONG_DIRECTION: _("Choose one of this call’s directions."),
    FROZEN: errors.MESSAGES[errors.FROZEN],
    STALE: _(
        "Someone else saved this application after you opened it. Your text is kept here: see theirs through "
        "the link below, then save again to put yours in its place (theirs stays in the history)."
    ),
    ROW_NOT_FOUND: _("That row is no longer in the application; reload the page."),
    MONTHS_ORDER: _("The activity “%(title)s” must end in the month it starts or later."),
    NOT_POSITIVE: _("“%(item)s”: the %(what)s must be above zero."),
    NOT_SUBMITTABLE: errors.MESSAGES[errors.NOT_SUBMITTABLE],
}
FROZEN_BY_STATUS = {
    Application.Status.WITHDRAWN: _("The application was withdrawn; it can no longer change."),
    Application.Status.REJECTED: _("The application is decided; it can no longer change."),
    Application.Status.AWARDED: _("The application is decided; it can no longer change."),
    Application.Status.NOT_AWARDED: _("The application is decided; it can no longer change."),
}

PROJECT_FIELDS = [
    "title",
    "summary",
    "problem",
    "target_group",
    "goals",
    "team",
    "duration_months",
    "language",
]
ROW_SECTIONS = {
    "activities": (Activity, ["title", "starts_month", "ends_month", "description"]),
    "budget": (BudgetLine, ["category", "description", "quantity", "unit_cost"]),
    "indicators": (Indicator, ["kind", "name", "unit", "baseline", "target"]),
}


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % params if params else message, field=field)


def _validation_error(exc: ValidationError, prefix: str = "") -> DomainError:
    if hasattr(exc, "error_dict"):
        field, messages = next(iter(exc.message_dict.items()))
    else:
        field, messages = None, exc.messages
    text = " ".join(str(m) for m in messages)
    return DomainError(INVALID, f"{prefix}{text}", field=None if field == "__all__" else field)


def _moment(value: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def frozen_reason(application: Application) -> str:
    return str(FROZEN_BY_STATUS.get(application.status, MESSAGES[FROZEN]))


def require_editor(application: Application, by) -> None:
    if not is_member_of(by, application.organisation):
        raise DomainError(NOT_ALLOWED, can_edit_application(by, application).reason)
    if not application.is_editable:
        raise DomainError(FROZEN, frozen_reason(application))


def locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__grant_type", "direction__region", "organisation__region")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_create(
    *,
    call: Call,
    direction: Direction,
    organisation: Organisation,
    by,
    title: str,
    language: str = Application.Language.KAZAKH,
) -> Application:
    """A draft for one direction of an open call; any active member of the organisation may start one."""
    decision = can_apply(by, organisation)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason, field="organisation")
    now = timezone.now()
    if not call.is_open(now):
        raise _error(CALL_NOT_OPEN, opens=_moment(call.opens_at), closes=_moment(call.closes_at))
    if direction.call_id != call.pk:
        raise _error(WRONG_DIRECTION, field="direction")
    fields = {"direction": direction, "organisation": organisation, "title": (title or "").strip()}
    same = twice.recent_twin(
        Application, by=by, call=call, language=language, status=Application.Status.DRAFT, **fields
    )
    if same is not None:
        return same  # the same form sent again (Back after starting, a double tap): the draft it made
    application = Application(call=call, created_by=by, language=language, **fields)
    try:
        application.full_clean(exclude=["number"])
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    application._history_user = by
    application.save()
    return application


@transaction.atomic
def application_update(
    *, application: Application, by, data: dict, loaded_at: datetime.datetime | None = None
) -> Application:
    """Save the project section. With `loaded_at`, refuse to overwrite another editor's newer save."""
    application = locked(application)
    require_editor(application, by)
    if loaded_at is not None and application.updated_at != loaded_at:
        raise _error(STALE)
    for name in PROJECT_FIELDS:
        if name in data:
            value = data[name]
            setattr(application, name, value.strip() if isinstance(value, str) else value)
    try:
        application.full_clean(exclude=["number"])
    except ValidationError as exc:
        raise _validation_error(exc) from exc
    application._history_user = by
    application.save()
    return application


def _row_check(section: str, row) -> None:
    if section == "activities":
        if row.ends_month < row.starts_month:
            raise _error(MONTHS_ORDER, field="ends_month", title=row.title)
    elif section == "budget":
        for name in ("quantity", "unit_cost"):
            if getattr(row, name) is None or getattr(row, name) <= 0:
                raise _error(
                    NOT_POSITIVE,
                    field=name,
                    item=row.description,
                    what=BudgetLine._meta.get_field(name).verbose_name,
                )
    elif section == "indicators" and (row.target is None or row.target <= 0):
        raise _error(
            NOT_POSITIVE, field="target", item=row.name, what=Indicator._meta.get_field("target").verbose_name
        )


@transaction.atomic
def application_rows_save(
    *, application: Application, by, section: str, rows: Iterable[dict], delete: Iterable[int] = ()
) -> list[int]:
    """Add, change and remove the rows of one section: activities, budget lines or indicators.

    Each row is a dict of the section's fields, with "id" for a row already there. Returns the ids of
    the saved rows in the order given, so that a page can tell its new rows their ids.
    """
    model, fields = ROW_SECTIONS[section]
    application = locked(application)
    require_editor(application, by)
    existing = {row.pk: row for row in model.objects.filter(application=application)}
    for pk in delete:
        if pk not in existing:
            raise _error(ROW_NOT_FOUND)
        existing.pop(pk).delete()
    saved = []
    for values in rows:
        pk = values.get("id")
        if pk and pk not in existing:
            raise _error(ROW_NOT_FOUND)
        row = existing[pk] if pk else model(application=application)
        for name in fields:
            if name in values:
                value = values[name]
                setattr(row, name, value.strip() if isinstance(value, str) else value)
        _row_check(section, row)
        try:
            row.full_clean()
        except ValidationError as exc:
            raise _validation_error(exc) from exc
        row.save()
        saved.append(row.pk)
    application._history_user = by
    application.save(update_fields=["updated_at"])
    return saved


# A year as a part of a call's code: "2026-mci-open", "mci-2026".
_YEAR_IN_CODE = re.compile(r"(?:^|-)((?:19|20)\d\d)(?=-|$)")
# The counter that ends every number, whatever the number's prefix was when it was given.
_COUNTER = re.compile(r"-(\d+)$")


def application_number_prefix(call: Call) -> str:
    """KZ-<year>-<call code>-, the year said once: the year in the call's code, taken out of the code, or else
    the year the call opens ("2026-mci-open" opening in 2026 gives KZ-2026-mci-open-, not KZ-2026-2026-…)."""
    match = _YEAR_IN_CODE.search(call.code)
    year = match.group(1) if match else str(timezone.localdate(call.opens_at).year)
    rest = "-".join(part for part in call.code.split("-") if part and part != year)
    prefix = f"KZ-{year}-{rest or call.pk}-"
    if len(prefix) + 4 > Application._meta.get_field("number").max_length:  # its id stands in for a long code
        prefix = f"KZ-{year}-{call.pk}-"
    return prefix


def _next_number(call: Call) -> str:
    """The call's next number: one more than the largest counter the call has given, whatever the prefix of
    the numbers given before (an older format, numbers set by the seed or an import), so the counter never
    restarts and never goes back. The caller holds the call's lock, so numbers of one call are given one at
    a time; a number taken elsewhere (another call whose code reads the same) is skipped."""
    prefix = application_number_prefix(call)
    numbers = Application.objects.filter(call=call, number__isnull=False).values_list("number", flat=True)
    counter = max((int(m.group(1)) for n in numbers if (m := _COUNTER.search(n))), default=0) + 1
    while Application.objects.filter(number=f"{prefix}{counter:04d}").exists():
        counter += 1
    return f"{prefix}{counter:04d}"


def _recipients(application: Application) -> list[str]:
    admins = Membership.objects.filter(
        organisation=application.organisation, role=Membership.Role.ADMIN, status=Membership.Status.ACTIVE
    ).values_list("user__email", flat=True)
    emails = [application.created_by.email if application.created_by else "", *admins]
    return list(dict.fromkeys(e for e in emails if e))


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Submit (or resubmit after a clarification): checks, a number, a frozen version, then near-duplicates.

    Nothing changes when any check fails. The first submission must come before the call closes (server
    time); a resubmission answers the operator's request and may come later.
    """
    call = Call.objects.select_for_update().get(pk=application.call_id)  # one number at a time per call
    application = locked(application)
    require_editor(application, by)
    now = timezone.now()
    step = "submit" if application.status == Application.Status.DRAFT else "resubmit"
    APPLICATION.require(application, step, by)  # the call's dates, before the content is checked
    failures = submission_check(application)
    if failures:
        raise SubmissionRefused(failures)
    if not application.number:
        application.number = _next_number(call)
    version = (application.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    APPLICATION.apply(application, step, by=by, submitted_at=now, version=version)
    ApplicationVersion.objects.create(
        application=application, number=version, snapshot=snapshot(application), created_by=by
    )
    notify(
        to=_recipients(application),
        template="grants/email/application_submitted",
        context={"application": application, "version": version},
    )
    transaction.on_commit(lambda: _check_similarity(application.pk))
    return application


def _check_similarity(application_id: int) -> None:
    similarity_check_task.enqueue(application_id=application_id)


def application_request_clarification(*, application: Application, by, message: str):
    """The operator asks the applicant to clarify: the compliance check records the request and emails the
    organisation; the application opens for editing until it is resubmitted as a new version."""
    return compliance_decide(
        application=application,
        by=by,
        decision=Application.Status.CLARIFICATION,
        checklist={},
        reasons=message,
    )


@transaction.atomic
def application_withdraw(*, application: Application, by) -> Application:
    """The organisation takes its application back; it keeps its number and versions."""
    application = locked(application)
    return APPLICATION.apply(application, "withdraw", by=by)
