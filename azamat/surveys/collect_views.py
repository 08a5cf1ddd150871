"""The respondent's web form (open link and invitations: intro, one page at a time, done), the invitations'
management and the team's paper entry. Every page works without JavaScript; the resume token is in the address
and in a cookie, so "continue later" needs no account."""

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.surveys import collect_services as services
from azamat.surveys import definition as form
from azamat.surveys import engine
from azamat.surveys.collect_forms import InvitationsForm
from azamat.surveys.models import Assignment, Invitation, Response, Survey
from azamat.surveys.permissions import can_manage_survey, can_respond, can_review_responses

DEVICE_COOKIE = "azamat_survey_device"
DEVICE_SALT = "surveys.device"
RESUME_SALT = "surveys.resume"
COOKIE_AGE = 2 * 365 * 24 * 3600


def _see_other(url: str):
    response = redirect(url)
    response.status_code = 303
    return response


def _resume_cookie(survey_id: int) -> str:
    return f"azamat_survey_{survey_id}"


def _languages(definition: dict) -> list[tuple[str, str]]:
    names = dict(settings.LANGUAGES)
    return [(code, names.get(code, code)) for code in definition.get("languages") or []]


def _default_language(definition: dict) -> str:
    codes = definition.get("languages") or []
    current = translation.get_language() or ""
    if current[:2] in codes:
        return current[:2]
    return codes[0] if codes else (current[:2] or settings.LANGUAGE_CODE)


def _ui_language(code: str):
    """The page's own words in the respondent's language when the site speaks it."""
    return translation.override(code if code in dict(settings.LANGUAGES) else None)


def _remember(http_response, response: Response) -> None:
    http_response.set_signed_cookie(
        _resume_cookie(response.survey_id),
        response.resume_token,
        salt=RESUME_SALT,
        max_age=COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=not settings.DEBUG and settings.SESSION_COOKIE_SECURE,
    )


def _page_url(response: Response, page: int | None = None) -> str:
    return reverse("surveys:page", args=[response.resume_token, response.page if page is None else page])


def _form_title(survey: Survey, language: str | None = None) -> str:
    """The survey's name in the respondent's language: the form's title has one per language, the survey's own
    title (the team's working name) only one."""
    version = survey.current_version()
    definition = version.definition if version else {}
    language = language or _default_language(definition)
    return form.text(definition.get("title"), language, definition.get("languages")) or survey.title


def _closed(request, survey: Survey, message: str = "", status: int = 200):
    return render(
        request,
        "surveys/collect/closed.html",
        {
            "survey": survey,
            "form_title": _form_title(survey),
            "message": message or services.MESSAGES[services.CLOSED],
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def respond(request, pk: int):
    """The open link: the survey's introduction and a start button (or "continue where you stopped")."""
    survey = get_object_or_404(Survey, pk=pk)
    decision = can_respond(request.user, survey)
    if not decision:
        if not survey.is_collecting():
            return _closed(request, survey, status=403)
        require(decision)
    resumable = None
    token = request.get_signed_cookie(_resume_cookie(survey.pk), default="", salt=RESUME_SALT)
    if token:
        resumable = Response.objects.filter(
            survey=survey, resume_token=token, status=Response.Status.IN_PROGRESS
        ).first()
    if request.method == "POST":
        device = request.get_signed_cookie(
            DEVICE_COOKIE, default="", salt=DEVICE_SALT
        ) or secrets.token_urlsafe(18)
        version = survey.current_version()
        language = _default_language(version.definition if version else {})
        try:
            response, _created = services.start_open(
                survey=survey, user=request.user, device=device, language=language
            )
        except DomainError as error:
            return _closed(request, survey, str(error), status=409)
        http = _see_other(_page_url(response))
        http.set_signed_cookie(
            DEVICE_COOKIE, device, salt=DEVICE_SALT, max_age=COOKIE_AGE, httponly=True, samesite="Lax"
        )
        _remember(http, response)
        return http
    device = request.get_signed_cookie(DEVICE_COOKIE, default="", salt=DEVICE_SALT)
    if resumable is None and device and survey.one_per_device:
        key = services.device_key(survey, device)
        if survey.responses.filter(device_key=key).exclude(status=Response.Status.IN_PROGRESS).exists():
            return _closed(request, survey, str(services.MESSAGES[services.DEVICE_DONE]))
    context = {
        "survey": survey,
        "form_title": _form_title(survey),
        "resumable": resumable,
        "start_url": request.path,
    }
    return render(request, "surveys/collect/respond.html", context)


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """A personal link: the introduction, then the form; once answered, a thank-you and nothing more."""
    invited = Invitation.objects.select_related("survey").filter(token=token).first()
    if invited is None:
        raise Http404(_("This invitation link is not valid."))
    survey = invited.survey
    existing = Response.objects.filter(invitation=invited).first()
    if existing is not None and existing.status != Response.Status.IN_PROGRESS:
        return _closed(request, survey, str(services.MESSAGES[services.INVITATION_USED]))
    if request.method == "POST":
        try:
            response = services.start_invitation(invitation=invited)
        except DomainError as error:
            return _closed(request, survey, str(error), status=409)
        http = _see_other(_page_url(response))
        _remember(http, response)
        return http
    if not survey.is_collecting():
        return _closed(request, survey)
    context = {"survey": survey, "resumable": existing, "start_url": request.path}
    return render(request, "surveys/collect/respond.html", context)


def _response_or_404(token: str) -> Response:
    response = (
        Response.objects.select_related("survey", "version", "assignment__region")
        .filter(resume_token=token)
        .first()
    )
    if response is None:
        raise Http404(_("This response link is not valid."))
    return response


def _render_page(
    request, response: Response, page: int, answers: dict, errors: dict, status: int = 200, posted=None
):
    definition = response.version.definition
    pages = form.pages(definition)
    language = response.language
    fields = engine.page_fields(definition, page, answers, errors, language, posted=posted)
    first_node = pages[page][0] if pages else {}
    title = ""
    if len(pages[page]) == 1 and first_node.get("type") in form.CONTAINER_TYPES:
        title = form.text(first_node.get("label"), language, definition.get("languages"))
    context = {
        "survey": response.survey,
        "response": response,
        "fields": fields,
        "errors": errors,
        "page": page,
        "page_title": title,
        "pages": len(pages),
        "number": page + 1,
        "percent": int(100 * page / max(1, len(pages))),
        "first": engine.previous_page(definition, answers, page) is None,
        "form_title": form.text(definition.get("title"), language, definition.get("languages"))
        or response.survey.title,
        "languages": _languages(definition),
        "language": language,
        "resume_url": request.build_absolute_uri(_page_url(response, page)),
        "action": _page_url(response, page),
    }
    with _ui_language(language):
        http = render(request, "surveys/collect/page.html", context, status=status)
    _remember(http, response)
    return http


@require_http_methods(["GET", "POST"])
def page(request, token: str, page: int):
    """One page of the form: GET shows it; POST "next" checks it and goes on (or finishes), "back" and "save"
    keep what was typed, a language button re-shows it in that language."""
    response = _response_or_404(token)
    survey = response.survey
    if response.status != Response.Status.IN_PROGRESS:
        return _already_sent(request, response)
    if not survey.is_collecting():
        return _closed(request, survey, status=409 if request.method == "POST" else 200)
    if page > response.page:
        return _see_other(_page_url(response))
    if request.method == "GET":
        return _render_page(request, response, page, services.answers_of(response), {})
    language = request.POST.get("lang", "")
    action = "language" if language else request.POST.get("action", "next")
    if action not in ("next", "back", "save", "language"):
        action = "next"
    codes = response.version.definition.get("languages") or []
    if language not in codes:
        language = response.language
    try:
        outcome = services.submit_page(
            response=response, page=page, posted=request.POST, action=action, language=language
        )
    except DomainError as error:
        if error.code == services.NOT_IN_PROGRESS:
            return _already_sent(request, response)
        return _closed(request, survey, str(error), status=409)
    if outcome.done:
        return _see_other(reverse("surveys:done", args=[token]))
    if outcome.errors:
        posted = request.POST if outcome.page == page else None
        return _render_page(
            request,
            outcome.response,
            outcome.page,
            services.answers_of(outcome.response),
            outcome.errors,
            400,
            posted,
        )
    if action == "save":
        with _ui_language(outcome.response.language):
            messages.success(
                request,
                _("Saved. Keep this page's address to continue later: %(url)s")
                % {"url": request.build_absolute_uri(_page_url(outcome.response, outcome.page))},
            )
    return _see_other(_page_url(outcome.response, outcome.page))


def _already_sent(request, response: Response):
    """A page of a response already finished: to the done page; answers posted from it (a second tab, a second
    press, the back button) are not taken, and the respondent is told so rather than left to think they were."""
    if request.method == "POST":
        with _ui_language(response.language):
            messages.warning(
                request,
                _(
                    "Your answers had already been sent (from another tab, or by a second press): changes sent "
                    "after that were not saved."
                ),
            )
    return _see_other(reverse("surveys:done", args=[response.resume_token]))


@require_http_methods(["GET"])
def done(request, token: str):
    response = _response_or_404(token)
    survey = response.survey
    if response.status == Response.Status.IN_PROGRESS:
        if survey.is_collecting():
            return _see_other(_page_url(response))
        return _closed(request, survey)
    # Screened out: the page says why in the respondent's language, then the team's own words if any.
    if response.status == Response.Status.SCREENED_OUT:
        message = survey.screen_out_message
    else:
        message = survey.thank_you
    with _ui_language(response.language):
        return render(
            request,
            "surveys/collect/done.html",
            {
                "survey": survey,
                "form_title": _form_title(survey, response.language),
                "response": response,
                "message": message,
            },
        )


@require_http_methods(["GET", "POST"])
def invitations(request, pk: int):
    """Managers add addresses (pasted or a file), send the personal links, see who started and finished (never the
    answers)."""
    survey = get_object_or_404(Survey, pk=pk)
    require(can_manage_survey(request.user, survey))
    version = survey.current_version()
    # The team's page names the languages in its own language (the respondent's switch names each in itself).
    codes = (version.definition if version else {}).get("languages") or [
        code for code, _name in settings.LANGUAGES
    ]
    languages = [(code, form.language_name(code)) for code in codes]
    add_form = InvitationsForm(languages=languages, initial={"language": languages[0][0]})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "add")
        if action == "send":
            try:
                count = services.invitations_send(survey=survey, again=request.POST.get("again") == "1")
            except DomainError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(count)s emails are being sent.") % {"count": count})
            return _see_other(request.path)
        add_form = InvitationsForm(request.POST, request.FILES, languages=languages)
        if add_form.is_valid():
            data = add_form.cleaned_data
            try:
                addresses = services.addresses_from(data["addresses"], data["file"])
                added, skipped = services.invitations_add(
                    survey=survey, addresses=addresses, language=data["language"]
                )
            except DomainError as error:
                form_error(add_form, error)
            else:
                messages.success(
                    request,
                    _("%(added)s addresses added, %(skipped)s already invited.")
                    % {"added": added, "skipped": skipped},
                )
                return _see_other(request.path)
        status = 400
    rows = list(survey.invitations.select_related("response").order_by("pk"))
    summary = {
        "total": len(rows),
        "sent": sum(1 for r in rows if r.sent_at),
        "started": sum(1 for r in rows if _invitation_response(r) is not None),
        "completed": sum(
            1 for r in rows if (_invitation_response(r) and r.response.status == Response.Status.COMPLETED)
        ),
    }
    context = {
        "survey": survey,
        "form": add_form,
        "rows": [{"invitation": r, "response": _invitation_response(r)} for r in rows],
        "summary": summary,
        "collecting": survey.is_collecting(),
        "mode_on": Survey.Mode.INVITATION in (survey.modes or []),
    }
    return render(request, "surveys/collect/invitations.html", context, status=status)


def _invitation_response(invited: Invitation):
    try:
        return invited.response
    except Response.DoesNotExist:
        return None


@require_http_methods(["GET", "POST"])
def paper(request, pk: int):
    """The team types in a paper questionnaire: the whole form on one page, checked as a whole."""
    survey = get_object_or_404(Survey, pk=pk)
    require(can_review_responses(request.user, survey))
    version = survey.current_version()
    if version is None:
        return _closed(request, survey, str(services.MESSAGES[services.NO_FORM]), status=404)
    definition = version.definition
    language = request.POST.get("language") or request.GET.get("language") or _default_language(definition)
    if language not in (definition.get("languages") or [language]):
        language = _default_language(definition)
    assignments = list(survey.assignments.select_related("interviewer").order_by("area", "pk"))
    answers, errors, status, refusal = {}, {}, 200, ""
    if request.method == "POST":
        chosen = None
        if request.POST.get("assignment"):
            chosen = next((a for a in assignments if str(a.pk) == request.POST["assignment"]), None)
        try:
            made, errors, answers = services.paper_enter(
                survey=survey, posted=request.POST, language=language, by=request.user, assignment=chosen
            )
        except DomainError as error:
            refusal, status = str(error), 409
        else:
            if made is not None:
                if made.status == Response.Status.SCREENED_OUT:
                    messages.warning(request, _("Saved as screened out: its quota is full."))
                else:
                    messages.success(request, _("Questionnaire saved."))
                return _see_other(request.path + f"?language={language}")
            status = 400
    sections = []
    for index in range(len(form.pages(definition))):
        sections.append(
            {
                "index": index,
                "fields": engine.page_fields(
                    definition, index, answers, errors, language, posted=request.POST if errors else None
                ),
            }
        )
    context = {
        "survey": survey,
        "sections": sections,
        "errors": errors,
        "refusal": refusal,
        "assignments": assignments,
        "chosen": request.POST.get("assignment", ""),
        "languages": _languages(definition),
        "language": language,
        "mode_on": Survey.Mode.PAPER in (survey.modes or []),
    }
    return render(request, "surveys/collect/paper.html", context, status=status)


def assignment_choices(survey: Survey) -> list[Assignment]:
    return list(survey.assignments.select_related("interviewer", "region"))
