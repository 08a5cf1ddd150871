"""Collection's writes: starting a response (open link, invitation, interviewer, paper), taking a page of answers
(next, back, save for later), completing it under the quotas' locks with its quality flags, screening out, the
team's review and corrections, invitations and interviewers' assignments."""

import contextlib
import csv
import io
import json
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from azamat.core import edits
from azamat.core.errors import DomainError
from azamat.core.sealed import keyed_digest
from azamat.surveys import definition as form
from azamat.surveys import engine, quality, quota_services
from azamat.surveys.collect_selectors import latest_review
from azamat.surveys.models import Assignment, Invitation, Quota, Response, ReviewDecision, Survey

CLOSED = "survey_closed"
NO_FORM = "survey_no_form"
NOT_IN_PROGRESS = "response_not_in_progress"
DEVICE_DONE = "device_already_answered"
PERSON_DONE = "person_already_answered"
INVITATION_USED = "invitation_used"
MODE_OFF = "mode_off"
REASON_REQUIRED = "reason_required"
UNKNOWN_PERSON = "unknown_person"
FOREIGN_ASSIGNMENT = "foreign_assignment"
NO_ADDRESSES = "no_addresses"
BAD_FILE = "bad_invitation_file"

MESSAGES = {
    CLOSED: _("This survey is not collecting responses now. Thank you for your interest."),
    NO_FORM: _("This survey has no form yet."),
    NOT_IN_PROGRESS: _("This response has already been finished."),
    DEVICE_DONE: _("This survey has already been answered from this device. Thank you!"),
    PERSON_DONE: _("You have already answered this survey. Thank you!"),
    INVITATION_USED: _("This invitation has already been answered. Thank you!"),
    MODE_OFF: _("This survey does not take responses this way."),
    REASON_REQUIRED: _("Give the reason for rejecting the response."),
    UNKNOWN_PERSON: _("No one is registered on Azamat with the email %(email)s."),
    FOREIGN_ASSIGNMENT: _("This assignment is not yours or not on this survey."),
    NO_ADDRESSES: _(
        "No email addresses found: paste them one a line or upload a CSV or XLSX file with a column of them."
    ),
    BAD_FILE: _("The file could not be read: upload a CSV or an XLSX file."),
}
DEFAULT_SCREEN_OUT = _(
    "Thank you for your time! We already have enough answers from people like you, so the survey ends here."
)
EMAIL_RE = re.compile(r"[^\s,;<>\"']+@[^\s,;<>\"']+\.[^\s,;<>\"']+")
MAX_INVITATIONS = 5000
DURATIONS_SAMPLE = 2000  # the median of the most recent completed durations


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, str(message) % params if params else message, field=field)


# ---- answers ---------------------------------------------------------------------------------------------


def answers_of(response: Response) -> dict:
    """The response's answers, the personal ones unsealed back in."""
    personal = {}
    if response.personal:
        with contextlib.suppress(ValueError):
            personal = json.loads(response.personal)
    return engine.join_personal(response.data or {}, personal)


def _store(response: Response, answers: dict) -> None:
    plain, personal = engine.split_personal(response.version.definition, answers)
    response.data = plain
    response.personal = json.dumps(personal, ensure_ascii=False) if personal else ""
    response.region_code = _region(response.survey, answers, response.assignment) or response.region_code


def _region(survey: Survey, answers: dict, assignment: Assignment | None) -> str:
    if survey.region_question:
        value = answers.get(survey.region_question)
        if isinstance(value, str) and value.isdigit():
            return value[:9]
    if assignment is not None and assignment.region_id:
        return assignment.region.kato
    return ""


def page_of(definition: dict, name: str) -> int:
    base = name.split("-")[0]
    for index, nodes in enumerate(form.pages(definition)):
        for node in form.walk(nodes):
            if node.get("name") in (name, base) or f"{node.get('name')}_other" == name:
                return index
    return 0


def device_key(survey: Survey, device: str) -> str:
    return keyed_digest("survey-device", f"{survey.pk}:{device}") if device else ""


def screen_out_message(survey: Survey) -> str:
    return survey.screen_out_message or str(DEFAULT_SCREEN_OUT)


# ---- starting --------------------------------------------------------------------------------------------


def _version(survey: Survey):
    version = survey.current_version()
    if version is None:
        raise _error(NO_FORM)
    return version


def _existing(queryset, done_code: str) -> Response | None:
    found = queryset.order_by("-started_at").first()
    if found is None:
        return None
    if found.status != Response.Status.IN_PROGRESS:
        raise _error(done_code)
    return found


def _new(**fields) -> Response:
    """A new response with the form's defaults and calculations, on its first relevant page."""
    response = Response(started_at=timezone.now(), **fields)
    definition = response.version.definition
    answers = engine.initial_answers(definition)
    _store(response, answers)
    response.page = engine.first_page(definition, answers) or 0
    response.save()
    return response


def start_open(*, survey: Survey, user, device: str, language: str) -> tuple[Response, bool]:
    """Start (or resume) an open-link response: one per person when sign-in is required, one per device when
    the survey says so. Returns (response, created)."""
    if not survey.is_collecting():
        raise _error(CLOSED)
    if Survey.Mode.OPEN not in (survey.modes or []):
        raise _error(MODE_OFF)
    key = device_key(survey, device)
    with transaction.atomic():
        if survey.sign_in_required and user.is_authenticated:
            found = _existing(survey.responses.filter(respondent=user), PERSON_DONE)
            if found:
                return found, False
        if survey.one_per_device and key:
            found = _existing(survey.responses.filter(device_key=key, mode=Survey.Mode.OPEN), DEVICE_DONE)
            if found:
                return found, False
        made = _new(
            survey=survey,
            version=_version(survey),
            mode=Survey.Mode.OPEN,
            language=language,
            device_key=key,
            respondent=user if user.is_authenticated else None,
        )
    return made, True


def start_invitation(*, invitation: Invitation, language: str | None = None) -> Response:
    survey = invitation.survey
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        found = Response.objects.filter(invitation=invitation).first()
        if found is not None:
            if found.status != Response.Status.IN_PROGRESS:
                raise _error(INVITATION_USED)
            return found
        if not survey.is_collecting():
            raise _error(CLOSED)
        if Survey.Mode.INVITATION not in (survey.modes or []):
            raise _error(MODE_OFF)
        return _new(
            survey=survey,
            version=_version(survey),
            mode=Survey.Mode.INVITATION,
            language=language or invitation.language,
            invitation=invitation,
        )


def start_interview(*, survey: Survey, interviewer, assignment: Assignment, language: str) -> Response:
    if not survey.is_collecting():
        raise _error(CLOSED)
    if (
        assignment.survey_id != survey.pk
        or assignment.interviewer_id != interviewer.pk
        or not assignment.active
    ):
        raise _error(FOREIGN_ASSIGNMENT)
    return _new(
        survey=survey,
        version=_version(survey),
        mode=Survey.Mode.INTERVIEWER,
        language=language,
        interviewer=interviewer,
        assignment=assignment,
        region_code=assignment.region.kato if assignment.region_id else "",
    )


# ---- a page ----------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    response: Response
    page: int
    errors: dict = field(default_factory=dict)
    done: bool = False
    answers: dict = field(default_factory=dict)


def submit_page(*, response: Response, page: int, posted, action: str, language: str) -> Outcome:
    """Take page `page`'s posted answers. action "next": checked, then the next relevant page, screening out as
    soon as a full quota's questions are answered, completing after the last page; "back", "save" (for later)
    and "language": kept as typed (what parses), no checks. A page re-posted after the respondent went further
    is taken again; a finished response takes nothing (NOT_IN_PROGRESS); a closed survey takes nothing (CLOSED).
    """
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",))
            .select_related("survey", "version", "assignment__region")
            .get(pk=response.pk)
        )
        if response.status != Response.Status.IN_PROGRESS:
            raise _error(NOT_IN_PROGRESS)
        survey = response.survey
        if not survey.is_collecting():
            raise _error(CLOSED)
        definition = response.version.definition
        page = max(0, min(page, len(form.pages(definition)) - 1))
        answers, errors = engine.read_page(definition, page, answers_of(response), posted, language)
        if action == "language":
            response.language = language
        if action == "next" and any(
            key.startswith((engine.ADD_PREFIX, engine.REMOVE_PREFIX))
            for key in getattr(posted, "keys", list)()
        ):
            action = "save"  # a repeat's "add another" or "remove": the same page again, nothing checked
        if action != "next":
            _store(response, answers)
            target = page
            if action == "back":
                previous = engine.previous_page(definition, answers, page)
                target = page if previous is None else previous
            response.save()
            return Outcome(response, target, {}, answers=answers)
        if errors:
            return Outcome(response, page, errors, answers=answers)
        _store(response, answers)
        if quota_services.full_matching(survey, answers):
            _screen_out(response)
            return Outcome(response, page, done=True, answers=answers)
        following = engine.next_page(definition, answers, page)
        if following is not None:
            response.page = max(response.page, following)
            response.save()
            return Outcome(response, following, answers=answers)
        missing = engine.check_all(definition, answers, language)
        if missing:
            first = min(page_of(definition, name) for name in missing)
            response.save()
            return Outcome(response, first, missing, answers=answers)
        _complete(response, answers)
        return Outcome(response, page, done=True, answers=answers)


def _screen_out(response: Response) -> None:
    response.status = Response.Status.SCREENED_OUT
    response.completed_at = timezone.now()
    response.duration_seconds = int((response.completed_at - response.started_at).total_seconds())
    response.save()


def _complete(response: Response, answers: dict) -> None:
    """Inside the caller's transaction, the response locked: count it in its quotas (or screen it out when one
    filled meanwhile), set its times and its quality flags."""
    survey = response.survey
    if quota_services.count_completion(survey, answers):
        _screen_out(response)
        return
    now = timezone.now()
    response.status = Response.Status.COMPLETED
    response.completed_at = now
    if response.duration_seconds is None or response.mode != Survey.Mode.PAPER:
        response.duration_seconds = max(0, int((now - response.started_at).total_seconds()))
    _flag(response, answers)
    response.save()


def _flag(response: Response, answers: dict) -> None:
    survey = response.survey
    durations = list(
        survey.responses.filter(status=Response.Status.COMPLETED, duration_seconds__isnull=False)
        .exclude(pk=response.pk)
        .order_by("-completed_at")
        .values_list("duration_seconds", flat=True)[:DURATIONS_SAMPLE]
    )
    if response.mode != Survey.Mode.PAPER:
        threshold = quality.too_fast_threshold(survey.min_seconds, durations)
        response.too_fast = quality.too_fast(response.duration_seconds, threshold)
    response.straightlining = quality.straightlining(response.version.definition, answers)
    response.fingerprint = quality.fingerprint(answers)
    twins = survey.responses.filter(
        status=Response.Status.COMPLETED, fingerprint=response.fingerprint
    ).exclude(pk=response.pk)
    response.duplicate = twins.exists()
    if response.duplicate:
        twins.filter(duplicate=False).update(duplicate=True)


# ---- paper, review, corrections -------------------------------------------------------------------------


def read_whole(definition: dict, posted, language: str, answers: dict | None = None) -> tuple[dict, dict]:
    """Every page of the form read from one post, then the whole form checked."""
    answers = dict(answers or {})
    errors: dict = {}
    for index in range(len(form.pages(definition))):
        answers, page_errors = engine.read_page(definition, index, answers, posted, language)
        errors.update(page_errors)
    if not errors:
        errors = engine.check_all(definition, answers, language)
    return answers, errors


def paper_enter(
    *, survey: Survey, posted, language: str, by, interviewer=None, assignment: Assignment | None = None
) -> tuple[Response | None, dict, dict]:
    """A paper questionnaire typed in by the team: (response, errors, answers); with errors nothing is saved.
    Questionnaires filled on paper during the fieldwork are typed in after it too, so a closed survey takes
    them; a draft does not."""
    if survey.status == Survey.Status.DRAFT:
        raise _error(CLOSED)
    if Survey.Mode.PAPER not in (survey.modes or []):
        raise _error(MODE_OFF)
    if assignment is not None and assignment.survey_id != survey.pk:
        raise _error(FOREIGN_ASSIGNMENT)
    version = _version(survey)
    answers, errors = read_whole(version.definition, posted, language)
    if errors:
        return None, errors, answers
    with transaction.atomic():
        response = Response(
            survey=survey,
            version=version,
            mode=Survey.Mode.PAPER,
            language=language,
            interviewer=interviewer or (assignment.interviewer if assignment else None),
            assignment=assignment,
            started_at=timezone.now(),
        )
        _store(response, answers)
        response.save()
        _complete(response, answers)
    return response, {}, answers


def response_review(
    *, response: Response, review: str, reason: str, by, seen_decision: int | None = None
) -> Response:
    """Record the team's decision on a response. `seen_decision`: the last decision the reviewer's page showed (0
    for none); a decision made since by anyone (a colleague, the reviewer in another tab) refuses this one, with
    core.edits' words, unless it is this very decision sent twice, which is kept once."""
    reason = (reason or "").strip()
    if review not in Response.Review.values:
        raise DomainError("unknown_review", _("Choose approved, on hold or rejected."), field="review")
    if review == Response.Review.REJECTED and not reason:
        raise _error(REASON_REQUIRED, "reason")
    with transaction.atomic():
        response = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
        latest = latest_review(response)
        if seen_decision is not None and (latest.pk if latest else 0) != seen_decision:
            own = latest.decided_by_id == by.pk
            if own and (latest.review, latest.reason) == (review, reason):
                return response
            raise DomainError(edits.CHANGED_MEANWHILE, edits.MESSAGE_OWN if own else edits.MESSAGE)
        response.review = review
        response.review_reason = reason
        response.save(update_fields=["review", "review_reason", "updated_at"])
        ReviewDecision.objects.create(response=response, review=review, reason=reason, decided_by=by)
    return response


def response_correct(*, response: Response, posted, language: str, by, reason: str = "") -> tuple[dict, dict]:
    """The team corrects a response's answers: (changes {name: [old, new]}, errors); with errors nothing
    changes. The quotas are counted again from their responses, the flags recomputed."""
    with transaction.atomic():
        response = (
            Response.objects.select_for_update(of=("self",))
            .select_related("survey", "version", "assignment__region")
            .get(pk=response.pk)
        )
        definition = response.version.definition
        old = answers_of(response)
        new, errors = read_whole(definition, posted, language, old)
        if errors:
            return {}, errors
        changes = {
            name: [old.get(name), new.get(name)]
            for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name)
        }
        if not changes:
            return {}, {}
        _store(response, new)
        if response.status == Response.Status.COMPLETED:
            response.straightlining = quality.straightlining(definition, new)
            response.fingerprint = quality.fingerprint(new)
        response.save()
        ReviewDecision.objects.create(
            response=response,
            review=response.review,
            reason=(reason or "").strip()[:1000],
            changes=changes,
            decided_by=by,
        )
        for quota in Quota.objects.select_for_update().filter(survey=response.survey):
            count = quota_services.recount(quota)
            if count != quota.completed:
                quota.completed = count
                quota.save(update_fields=["completed"])
    return changes, {}


# ---- invitations -----------------------------------------------------------------------------------------


def addresses_from(text: str = "", upload=None) -> list[str]:
    """Email addresses pasted (any separators) or in a CSV/XLSX file's cells, lower-cased, in order, once."""
    chunks = [text or ""]
    if upload is not None:
        name = (upload.name or "").lower()
        raw = upload.read(5 * 1024 * 1024 + 1)
        if len(raw) > 5 * 1024 * 1024:
            raise _error(BAD_FILE, "file")
        if name.endswith(".xlsx"):
            try:
                from openpyxl import load_workbook

                book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
                for sheet in book.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        chunks.extend(str(cell) for cell in row if cell is not None)
            except Exception as exc:  # noqa: BLE001 — any broken workbook is the same "cannot read"
                raise _error(BAD_FILE, "file") from exc
        else:
            try:
                decoded = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                decoded = raw.decode("cp1251", errors="replace")
            for row in csv.reader(io.StringIO(decoded)):
                chunks.extend(row)
    seen: dict[str, None] = {}
    for chunk in chunks:
        for found in EMAIL_RE.findall(chunk):
            address = found.strip().strip(".").lower()
            try:
                validate_email(address)
            except ValidationError:
                continue
            seen.setdefault(address, None)
    return list(seen)


def email_key(address: str) -> str:
    return keyed_digest("survey-invitation", address.strip().lower())


def invitations_add(*, survey: Survey, addresses: list[str], language: str) -> tuple[int, int]:
    """One invitation per address (an address already invited is skipped): (added, skipped)."""
    if not addresses:
        raise _error(NO_ADDRESSES, "addresses")
    addresses = addresses[:MAX_INVITATIONS]
    known = set(survey.invitations.values_list("email_key", flat=True))
    added = 0
    for address in addresses:
        key = email_key(address)
        if key in known:
            continue
        try:
            with transaction.atomic():
                Invitation.objects.create(survey=survey, email=address, email_key=key, language=language)
        except IntegrityError:
            continue
        known.add(key)
        added += 1
    return added, len(addresses) - added


def invitations_send(*, survey: Survey, again: bool = False) -> int:
    """Queue the emails of the invitations not sent yet (or, `again`, of those not answered); returns how many."""
    from azamat.surveys.collect_tasks import survey_invitation_send

    if not survey.is_collecting():
        raise _error(CLOSED)
    rows = survey.invitations.filter(
        Q(response__isnull=True) | Q(response__status=Response.Status.IN_PROGRESS)
    )
    if not again:
        rows = rows.filter(sent_at__isnull=True)
    ids = list(rows.values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(lambda pk=pk: survey_invitation_send.enqueue(invitation_id=pk))
    return len(ids)


def send_invitation(invitation_id: int) -> bool:
    """The invitation's email with its personal link, in its language (run by the worker)."""
    from django.conf import settings
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from azamat.core.tasks import send_email

    invitation = Invitation.objects.select_related("survey").filter(pk=invitation_id).first()
    if invitation is None or not invitation.email:
        return False
    context = {
        "survey": invitation.survey,
        "name": invitation.name,
        "link": settings.SITE_URL.rstrip("/") + reverse("surveys:invitation", args=[invitation.token]),
    }
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("surveys/email/invitation_subject.txt", context).split())
        body = render_to_string("surveys/email/invitation_message.txt", context)
    send_email.call(subject=f"[Azamat] {subject}", body=body, to=[invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True


# ---- interviewers' assignments --------------------------------------------------------------------------


def assignment_save(
    *,
    survey: Survey,
    email: str,
    area: str,
    region=None,
    route: str = "",
    target: int = 0,
    assignment: Assignment | None = None,
    active: bool = True,
) -> Assignment:
    person = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if person is None:
        raise _error(UNKNOWN_PERSON, "email", email=email)
    assignment = assignment or Assignment(survey=survey)
    assignment.interviewer = person
    assignment.area = area.strip()
    assignment.region = region
    assignment.route = route.strip()
    assignment.target = max(0, int(target or 0))
    assignment.active = active
    assignment.full_clean()
    assignment.save()
    return assignment
