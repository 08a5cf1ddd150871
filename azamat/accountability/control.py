"""Every write of public-control checks: start a check, its team, findings, final document, completion, and
its recommendations sent in one step as accountability items (`services.items_send`, source = the check).

The check's status is computed (`Check.status_on`): planned before its start date, in progress from it,
completed once `check_complete` records the day. Its one table (`CHECK`) guards the completion. Every function
takes dates, so the data generator can run a check that happened in the past (`quiet=True`: no emails).
"""

import datetime
import os
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from azamat.accountability.control_permissions import can_create_check, can_edit_check
from azamat.accountability.models import Check, CheckMember, CheckRecommendation, Item
from azamat.accountability.services import items_send
from azamat.core import twice, uploads
from azamat.core.errors import DomainError
from azamat.core.permissions import ALLOW, deny
from azamat.core.public_cache import topics_bump
from azamat.core.statemachine import Machine, Transition, guard
from azamat.registry.permissions import is_platform_admin

ENDS_BEFORE_START = "control_ends_before_start"
SUBJECT_REQUIRED = "control_subject_required"
UNKNOWN_METHOD = "control_unknown_method"
BODY_REQUIRED = "control_body_required"
ORGANISATION_REQUIRED = "control_organisation_required"
NOT_ALLOWED = "control_not_allowed"
COMPLETED = "control_completed"
NOT_STARTED = "control_not_started"
FINDINGS_REQUIRED = "control_findings_required"
COMPLETED_BEFORE_START = "control_completed_before_start"
COMPLETED_IN_FUTURE = "control_completed_in_future"
NO_FINDINGS_FOR_RECOMMENDATIONS = "control_recommendations_before_findings"
NO_RECOMMENDATIONS = "control_no_recommendations"
ALREADY_SENT = "control_recommendations_already_sent"
RECOMMENDATION_BODY_REQUIRED = "control_recommendation_body_required"
RECOMMENDATION_TEXT_REQUIRED = "control_recommendation_text_required"
RECOMMENDATION_TITLE_REQUIRED = "control_recommendation_title_required"
PERSON_REQUIRED = "control_person_required"
ALREADY_IN_TEAM = "control_already_in_team"
LAST_PERSON = "control_last_person"
FILE_EMPTY = "control_file_empty"
FILE_TOO_LARGE = "control_file_too_large"
FILE_TYPE = "control_file_type"
FILE_CONTENT = "control_file_content"
FILE_ENCRYPTED = "control_file_encrypted"
CHECK_TOO_LONG = "control_check_too_long"
STARTS_TOO_EARLY = "control_starts_too_early"
STARTS_TOO_LATE = "control_starts_too_late"
CHECK_EXISTS = "control_check_exists"

MESSAGES = {
    ENDS_BEFORE_START: _("The check cannot end before it starts."),
    SUBJECT_REQUIRED: _("Write what the check is about."),
    UNKNOWN_METHOD: _("Choose one of the forms of public control the law names."),
    BODY_REQUIRED: _("Choose the body the check is about."),
    ORGANISATION_REQUIRED: _("Choose the organisation that runs the check."),
    COMPLETED: _("The check is completed: it can no longer be changed."),
    NOT_STARTED: _("The check has not started yet: it can be completed from its start date."),
    FINDINGS_REQUIRED: _("Write the findings first: a check is completed with its findings."),
    COMPLETED_BEFORE_START: _("A check cannot be completed before it starts (%(date)s)."),
    COMPLETED_IN_FUTURE: _("A check cannot be completed on a date still to come."),
    NO_FINDINGS_FOR_RECOMMENDATIONS: _("Write the findings first: the recommendations follow from them."),
    NO_RECOMMENDATIONS: _("Add at least one recommendation to send."),
    ALREADY_SENT: _("The recommendations of this check have already been sent."),
    RECOMMENDATION_BODY_REQUIRED: _("Choose the body the recommendation is addressed to."),
    RECOMMENDATION_TEXT_REQUIRED: _("Write the recommendation."),
    RECOMMENDATION_TITLE_REQUIRED: _("Give the recommendation a short title."),
    PERSON_REQUIRED: _("Give the email of a person registered on Azamat, or a name."),
    ALREADY_IN_TEAM: _("%(name)s is already in the team."),
    LAST_PERSON: _("The team needs at least one person registered on Azamat to run the check."),
    FILE_EMPTY: _("The file is empty."),
    FILE_TOO_LARGE: _("The file is too large: at most %(limit)s MB."),
    FILE_TYPE: _("Attach the final document as a PDF or DOCX file; “%(name)s” is neither."),
    FILE_CONTENT: _("“%(name)s” is not a genuine %(kind)s file; save it again as %(kind)s and attach it."),
    FILE_ENCRYPTED: _("“%(name)s” is protected with a password; save it without the password and attach it."),
    CHECK_TOO_LONG: _("A check lasts at most a year: it can end on %(date)s at the latest. Check the year."),
    STARTS_TOO_EARLY: _("A check started before %(date)s cannot be recorded now. Check the year."),
    STARTS_TOO_LATE: _("A check can be planned at most a year ahead, to start by %(date)s. Check the year."),
    CHECK_EXISTS: _("This check is already started: “%(subject)s”, from %(date)s. It was not started again."),
}

# How far dates of a check may lie: beyond them a date is a typed year (1900, 9999), shown as such on public pages.
LONGEST_CHECK = datetime.timedelta(days=366)
LONGEST_AHEAD = datetime.timedelta(days=366)
LONGEST_BEHIND = datetime.timedelta(days=3 * 366)

MAX_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# core.uploads' refusals in this module's codes.
UPLOAD_CODES = {
    uploads.FILE_TYPE: FILE_TYPE,
    uploads.FILE_EMPTY: FILE_EMPTY,
    uploads.FILE_TOO_LARGE: FILE_TOO_LARGE,
    uploads.FILE_CONTENT: FILE_CONTENT,
    uploads.FILE_ENCRYPTED: FILE_ENCRYPTED,
}
S = Check.Status


def _error(code: str, field: str | None = None, **values) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, message % values if values else message, field=field)


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


# --- The check's table --------------------------------------------------------------------------------------


@guard(NOT_ALLOWED)
def team(check, user):
    return can_edit_check(user, check)


@guard(FINDINGS_REQUIRED)
def findings_written(check, user):
    return ALLOW if check.findings.strip() else deny(MESSAGES[FINDINGS_REQUIRED])


def _changed(check: Check) -> None:
    """What the public pages show of checks changed: the list and the check's page."""
    topics_bump("accountability:control", f"accountability:control:{check.pk}")


CHECK = Machine(
    Check,
    state=lambda check: check.status_on(),
    states=dict(S.choices),
    initial=S.PLANNED,
    transitions=[
        Transition(
            "complete",
            {S.IN_PROGRESS},
            S.COMPLETED,
            _("Complete the check"),
            [team, findings_written],
            wrong_state={S.PLANNED: MESSAGES[NOT_STARTED], S.COMPLETED: MESSAGES[COMPLETED]},
            wrong_state_code={S.PLANNED: NOT_STARTED, S.COMPLETED: COMPLETED},
        ),
    ],
    derived={S.IN_PROGRESS: "the start date came"},
    after=_changed,
)


# --- Starting and editing a check ---------------------------------------------------------------------------


def _validate(*, subject: str, body, method: str, starts_on, ends_on, stored_start=None) -> None:
    """`stored_start`: an edited check's start as kept, which stays valid however long ago it was."""
    if not subject:
        raise _error(SUBJECT_REQUIRED, "subject")
    if body is None:
        raise _error(BODY_REQUIRED, "body")
    if method not in Check.Method.values:
        raise _error(UNKNOWN_METHOD, "method")
    if starts_on != stored_start:
        today = timezone.localdate()
        if starts_on < today - LONGEST_BEHIND:
            raise _error(STARTS_TOO_EARLY, "starts_on", date=_day(today - LONGEST_BEHIND))
        if starts_on > today + LONGEST_AHEAD:
            raise _error(STARTS_TOO_LATE, "starts_on", date=_day(today + LONGEST_AHEAD))
    if ends_on < starts_on:
        raise _error(ENDS_BEFORE_START, "ends_on")
    if ends_on > starts_on + LONGEST_CHECK:
        raise _error(CHECK_TOO_LONG, "ends_on", date=_day(starts_on + LONGEST_CHECK))


def same_check(*, by, organisation, subject: str, body, starts_on, ends_on) -> Check | None:
    """The check this one repeats: the same form sent again (a double tap, the back button) by its organisation."""
    twins = Check.objects.filter(
        organisation=organisation,
        body=body,
        starts_on=starts_on,
        ends_on=ends_on,
        completed_on__isnull=True,
        **({} if organisation is not None else {"created_by": by}),
    ).order_by("pk")
    return next((c for c in twins if twice.same_words(c.subject, subject)), None)


def _editable(check: Check, by) -> None:
    """Refuse a stranger, and any change to a completed check."""
    decision = can_edit_check(by, check)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    if check.is_completed:
        raise _error(COMPLETED)


def _locked(check: Check) -> Check:
    fresh = Check.objects.select_for_update().get(pk=check.pk)
    for field in ("findings", "completed_on", "recommendations_sent_on", "document", "ends_on", "starts_on"):
        setattr(check, field, getattr(fresh, field))
    return check


@transaction.atomic
def check_create(
    *,
    by,
    subject: str,
    body,
    method: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    organisation=None,
    description: str = "",
) -> Check:
    """Start a check of `body` for `organisation` (one `by` is an active member of); `by` leads its team."""
    decision = can_create_check(by, organisation)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason, field="organisation")
    if organisation is None and not is_platform_admin(by):
        raise _error(ORGANISATION_REQUIRED, "organisation")
    subject, description = (subject or "").strip(), (description or "").strip()
    _validate(subject=subject, body=body, method=method, starts_on=starts_on, ends_on=ends_on)
    # Two sends at once are checked one after the other: the organisation's row (or the person's) is locked.
    if organisation is not None:
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
    else:
        twice.lock(by)
    twin = same_check(
        by=by, organisation=organisation, subject=subject, body=body, starts_on=starts_on, ends_on=ends_on
    )
    if twin is not None:
        error = _error(CHECK_EXISTS, subject=twin.subject, date=_day(twin.starts_on))
        error.check = twin
        raise error
    check = Check(
        subject=subject,
        description=description,
        body=body,
        organisation=organisation,
        method=method,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )
    check.full_clean(exclude=["body", "organisation", "document"])
    check._history_user = by
    check.save()
    member = CheckMember(check_record=check, user=by, role=CheckMember.Role.LEAD)
    member._history_user = by
    member.save()
    _changed(check)
    return check


@transaction.atomic
def check_update(
    *,
    check: Check,
    by,
    subject: str,
    body,
    method: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    description: str = "",
) -> Check:
    _locked(check)
    _editable(check, by)
    subject, description = (subject or "").strip(), (description or "").strip()
    _validate(
        subject=subject,
        body=body,
        method=method,
        starts_on=starts_on,
        ends_on=ends_on,
        stored_start=check.starts_on,
    )
    check.subject, check.description, check.body, check.method = subject, description, body, method
    check.starts_on, check.ends_on = starts_on, ends_on
    check.full_clean(exclude=["body", "organisation", "document"])
    check._history_user = by
    check.save()
    _changed(check)
    return check


@transaction.atomic
def check_findings_save(*, check: Check, by, findings: str) -> Check:
    """Write (or rewrite) the findings until the check is completed."""
    _locked(check)
    _editable(check, by)
    check.findings = (findings or "").strip()
    if not check.findings:
        raise _error(FINDINGS_REQUIRED, "findings")
    check.full_clean(exclude=["body", "organisation", "document"])
    check._history_user = by
    check.save(update_fields=["findings"])
    _changed(check)
    return check


@transaction.atomic
def check_complete(*, check: Check, by, completed_on: datetime.date | None = None) -> Check:
    """Complete the check on `completed_on` (today): it needs its findings; its final document becomes public."""
    completed_on = completed_on or timezone.localdate()
    if completed_on > timezone.localdate():
        raise _error(COMPLETED_IN_FUTURE, "completed_on")
    CHECK.require(check, "complete", by)
    if completed_on < check.starts_on:
        raise _error(COMPLETED_BEFORE_START, "completed_on", date=_day(check.starts_on))
    return CHECK.apply(check, "complete", by=by, completed_on=completed_on)


# --- The team -----------------------------------------------------------------------------------------------


@transaction.atomic
def check_member_add(
    *, check: Check, by, email: str = "", name: str = "", role: str = "member"
) -> CheckMember:
    """Add a person registered on Azamat (by email: they may then edit the check) or a name to the team."""
    _locked(check)
    _editable(check, by)
    email, name = (email or "").strip(), (name or "").strip()
    if role not in CheckMember.Role.values:
        role = CheckMember.Role.MEMBER
    user = None
    if email:
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise _error(PERSON_REQUIRED, "email")
        if check.team.filter(user=user).exists():
            raise _error(ALREADY_IN_TEAM, "email", name=user.full_name or user.email)
    elif not name:
        raise _error(PERSON_REQUIRED, "name")
    member = CheckMember(check_record=check, user=user, name="" if user else name, role=role)
    member.full_clean(exclude=["check_record", "user"])
    member._history_user = by
    member.save()
    _changed(check)
    return member


@transaction.atomic
def check_member_remove(*, member: CheckMember, by) -> None:
    check = _locked(member.check_record)
    _editable(check, by)
    if member.user_id and not check.team.filter(user__isnull=False).exclude(pk=member.pk).exists():
        raise _error(LAST_PERSON)
    member._history_user = by
    member.delete()
    _changed(check)


# --- The final document -------------------------------------------------------------------------------------


@transaction.atomic
def check_document_upload(*, check: Check, by, upload) -> Check:
    """Attach (or replace) the final document: a PDF or DOCX, checked by its content; public once completed."""
    _locked(check)
    _editable(check, by)
    refused = uploads.refusal(upload, kinds=CONTENT_TYPES, max_bytes=MAX_BYTES)
    if refused:
        code, values = refused
        raise _error(UPLOAD_CODES[code], "file", **values)
    name = os.path.basename(getattr(upload, "name", "") or "")[:255]
    kind = uploads.extension(name)
    old = check.document.name if check.document else ""
    check.document.save(f"{uuid.uuid4().hex}.{kind}", upload, save=False)
    check.document_name, check.document_type, check.document_size = name, CONTENT_TYPES[kind], upload.size
    check._history_user = by
    check.save(update_fields=["document", "document_name", "document_type", "document_size"])
    if old:  # the old file goes once the new one is committed; history keeps the name
        storage = check.document.storage
        transaction.on_commit(lambda: storage.delete(old))
    _changed(check)
    return check


# --- Recommendations ----------------------------------------------------------------------------------------


def _recommendation_fields(*, body, title: str, text: str, justification: str) -> dict:
    title, text, justification = (title or "").strip(), (text or "").strip(), (justification or "").strip()
    if body is None:
        raise _error(RECOMMENDATION_BODY_REQUIRED, "body")
    if not text:
        raise _error(RECOMMENDATION_TEXT_REQUIRED, "text")
    if not title:
        raise _error(RECOMMENDATION_TITLE_REQUIRED, "title")
    return {"body": body, "title": title, "text": text, "justification": justification}


def _open_for_recommendations(check: Check, by) -> None:
    decision = can_edit_check(by, check)
    if not decision:
        raise DomainError(NOT_ALLOWED, decision.reason)
    if check.recommendations_sent_on:
        raise _error(ALREADY_SENT)


@transaction.atomic
def recommendation_add(
    *, check: Check, by, body, title: str, text: str, justification: str = ""
) -> CheckRecommendation:
    """Draft one recommendation to a body; drafts are sent together by `recommendations_send`."""
    _locked(check)
    _open_for_recommendations(check, by)
    fields = _recommendation_fields(body=body, title=title, text=text, justification=justification)
    recommendation = CheckRecommendation(
        check_record=check, position=check.recommendations.count(), created_by=by, **fields
    )
    recommendation.full_clean(exclude=["check_record", "body", "item"])
    recommendation._history_user = by
    recommendation.save()
    return recommendation


@transaction.atomic
def recommendation_remove(*, recommendation: CheckRecommendation, by) -> None:
    check = _locked(recommendation.check_record)
    _open_for_recommendations(check, by)
    recommendation._history_user = by
    recommendation.delete()


@transaction.atomic
def recommendations_send(
    *, check: Check, by, sent_on: datetime.date | None = None, quiet: bool = False
) -> list[Item]:
    """Send every drafted recommendation in one step, each as an accountability item to its body (kind
    "recommendation", rule "public_control": 30 calendar days to answer), all or none; each draft keeps its item."""
    _locked(check)
    _open_for_recommendations(check, by)
    if not check.findings.strip():
        raise _error(NO_FINDINGS_FOR_RECOMMENDATIONS)
    drafts = list(check.recommendations.select_related("body").order_by("position", "pk"))
    if not drafts:
        raise _error(NO_RECOMMENDATIONS)
    sent_on = sent_on or timezone.localdate()
    items = items_send(
        items=[
            {"body": d.body, "title": d.title, "text": d.text, "justification": d.justification}
            for d in drafts
        ],
        kind=Item.Kind.RECOMMENDATION,
        rule="public_control",
        source=check,
        author=by,
        organisation=check.organisation,
        sent_on=sent_on,
        is_public=True,
        by=by,
        quiet=quiet,
    )
    for draft, item in zip(drafts, items, strict=True):
        draft.item = item
        draft._history_user = by
        draft.save(update_fields=["item"])
    check.recommendations_sent_on = sent_on
    check._history_user = by
    check._change_reason = "recommendations_send"
    check.save(update_fields=["recommendations_sent_on"])
    _changed(check)
    return items
