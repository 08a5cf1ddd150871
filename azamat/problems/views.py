"""The register's pages: the public register with its filters and map, a problem's page with everything on it
and the steps its viewer may take, proposing with duplicate hints (htmx as one types, and a check step without
JavaScript), endorsing, the working group's steps, merging and the register's downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core import uploads
from azamat.core.errors import DomainError, form_error
from azamat.core.files import private_file_response
from azamat.core.permissions import require
from azamat.problems import evidence_files, regionmap, selectors, services, similar
from azamat.problems.errors import CHANGED_MEANWHILE, MESSAGES, NOT_EDITABLE, SEND_WRONG_STATE
from azamat.problems.forms import (
    EndorseForm,
    EvidenceForm,
    LegalActForm,
    MergeForm,
    ProblemEditForm,
    ProposeForm,
    RecommendationForm,
    RegisterFilterForm,
    SendForm,
    StepForm,
)
from azamat.problems.lifecycle import MANUAL_STEPS, PROBLEM, REASON_REQUIRED
from azamat.problems.models import Evidence, Problem, Recommendation
from azamat.problems.permissions import (
    OPEN_STATES,
    acting_organisations,
    can_add_evidence,
    can_endorse_problem,
    can_moderate_problems,
    can_propose_problem,
    can_view_problem,
    is_working_group,
)
from azamat.registry.models import LegalForm

PAGE_SIZE = 25
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _problem_or_404(request, number: str) -> Problem:
    try:
        problem = selectors.problem_detail(number)
    except Problem.DoesNotExist as exc:
        raise Http404(_("No such problem.")) from exc
    require(can_view_problem(request.user, problem))
    return problem


def _filters(request) -> tuple[RegisterFilterForm, dict]:
    form = RegisterFilterForm(request.GET or None)
    if not form.is_bound:
        return form, {}
    # A filter with a value the register does not know (an old bookmark, a region code mistyped) is left out;
    # the others still apply, so the list and its download are never silently the whole register.
    form.is_valid()
    data = form.cleaned_data
    return form, {
        "area": data.get("area") or "",
        "status": data.get("status") or "",
        "query": data.get("q") or "",
        "region": data.get("region") or "",
    }


def _region_link(region) -> str:
    return f"{reverse('problems:register')}?region={region.kato}"


@require_GET
def register(request):
    form, filters = _filters(request)
    problems = selectors.register(user=request.user, **filters)
    page = Paginator(problems, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    scope = selectors.visible_problems(request.user)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(filters and any(filters.values())),
        "query_string": query.urlencode(),
        "areas": selectors.areas_with_counts(scope),
        "tiles": regionmap.tiles(selectors.register_spread(scope), url=_region_link),
        "can_propose": bool(can_propose_problem(request.user)),
        "working_group": is_working_group(request.user),
        "export_query": query.urlencode(),
    }
    template = "problems/register.html#results" if request.htmx else "problems/register.html"
    return render(request, template, context)


@require_GET
def register_export(request):
    from azamat.problems import exports  # the documents' builders (python-docx, openpyxl, a PDF engine)

    fmt = request.GET.get("format", "xlsx")
    if fmt not in CONTENT_TYPES:
        raise Http404(_("No such format: choose PDF, DOCX or XLSX."))
    _form, filters = _filters(request)
    problems = selectors.register(user=request.user, **filters)
    build = {"pdf": exports.register_pdf, "docx": exports.register_docx, "xlsx": exports.register_xlsx}[fmt]
    response = HttpResponse(build(problems), content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="problems-register-{stamp}.{fmt}"'
    return response


# Where each form of a problem's page stands, for the link from the refusal at the top.
FORM_ANCHORS = {
    "endorse": "endorse-heading",
    "evidence": "add-evidence",
    "legal_act": "add-legal-act",
    "recommendation": "add-recommendation",
    "step": "moderation-heading",
    "merge": "merge",
}


def _refusals(forms: dict, shown: dict) -> list[tuple[str, str]]:
    """Each reason a form was refused, as (message, the form's anchor), read at the top of the page: on a phone
    the page comes back at its top, thousands of pixels above the form. A form the page no longer shows (the
    organisation endorsed it a moment ago, the problem was merged or archived meanwhile, the back button) has
    no anchor: its reason is read there alone."""
    found = [
        (str(message), FORM_ANCHORS[key] if shown[key] else "")
        for key, form in forms.items()
        if key in shown and hasattr(form, "errors")
        for messages_ in form.errors.values()
        for message in messages_
    ]
    if forms.get("send_error"):
        pk, message = forms["send_error"]
        found.append((message, f"recommendation-{pk}"))
    return found


def _page(request, problem: Problem, forms: dict | None = None, status: int = 200):
    forms = forms or {}
    user = request.user
    moderator = bool(can_moderate_problems(user))
    organisations = acting_organisations(user)
    endorsed = {e.organisation_id for e in problem.endorsements.all()}
    free = organisations - endorsed - ({problem.organisation_id} if problem.organisation_id else set())
    recommendations = list(problem.recommendations.all())
    fates = selectors.fates(recommendations)
    # Before the register a recommendation cannot be sent: its reason stands where the button would be.
    send_refusal = (
        ""
        if problem.status in services.SEND_STATES
        else MESSAGES[SEND_WRONG_STATE] % {"state": problem.get_status_display()}
    )
    unsent = [r for r in recommendations if moderator and not r.body_id and not fates.get(r.pk)]
    body_choices = list(SendForm(recommendation=unsent[0]).fields["body"].choices) if unsent else []
    affected = selectors.affected_organisations(problem)
    steps = [o for o in PROBLEM.allowed(problem, user) if o.name in MANUAL_STEPS] if moderator else []
    is_open = problem.status in OPEN_STATES
    can_endorse_now = bool(free) and is_open
    evidence_allowed = bool(can_add_evidence(user, problem))
    shown = {
        "endorse": can_endorse_now,
        "step": bool(steps),
        "evidence": evidence_allowed and is_open,
        "legal_act": moderator and is_open,
        "recommendation": moderator and is_open,
        "merge": moderator and is_open,
    }
    context = {
        "problem": problem,
        "moderator": moderator,
        "steps": steps,
        "reason_required": REASON_REQUIRED,
        "open": is_open,
        "recommendations": [
            (
                r,
                fates.get(r.pk, []),
                SendForm(recommendation=r, choices=body_choices) if r in unsent else None,
            )
            for r in recommendations
        ],
        "send_refusal": send_refusal,
        "sent_items": [item for r in recommendations for item in fates.get(r.pk, [])],
        "affected": affected,
        "legal_form_labels": [label for code, label in LegalForm.choices if code in problem.legal_forms],
        "tiles": regionmap.tiles(selectors.by_region(affected)),
        "can_add_evidence": evidence_allowed,
        "endorse_decision": can_endorse_problem(user),
        "endorse_form": forms.get("endorse") or EndorseForm(organisations=free),
        "can_endorse_now": can_endorse_now,
        "step_form": forms.get("step") or StepForm(),
        "step_name": forms.get("step_name", ""),
        "evidence_form": forms.get("evidence") or EvidenceForm(),
        "legal_act_form": forms.get("legal_act") or LegalActForm(),
        "recommendation_form": forms.get("recommendation") or RecommendationForm(),
        "merge_form": forms.get("merge") or MergeForm(),
        "send_error": forms.get("send_error"),
        "similar": similar.similar_problems(problem.title, user=user, exclude=problem) if moderator else [],
        "refusal": _refusals(forms, shown),
    }
    return render(request, "problems/problem.html", context, status=status)


@require_GET
def problem_detail(request, number):
    problem = _problem_or_404(request, number)
    if problem.status == Problem.Status.MERGED and problem.merged_into_id:
        messages.info(
            request,
            _("Problem %(number)s was merged into this one.") % {"number": problem.number},
        )
        return redirect(problem.merged_into)
    return _page(request, problem)


def _act(request, problem, key, form, action, success):
    """Run `action(form.cleaned_data)` when the form is valid; on a refusal the page comes back with the form as
    typed and the reason on it (status 400), nothing changed."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, success)
            return redirect(problem)
    return _page(request, problem, {key: form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def propose(request):
    require(can_propose_problem(request.user))
    organisations = acting_organisations(request.user)
    form = ProposeForm(request.POST if request.method == "POST" else None, organisations=organisations)
    hints = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        hints = similar.similar_problems(data["title"], user=request.user)
        # Before the first submission the similar problems are shown (and their endorsement offered): a
        # problem already filed is better endorsed than filed twice.
        if "check" not in request.POST and (data.get("checked") or not hints):
            try:
                problem = services.problem_propose(
                    by=request.user,
                    area=data["area"],
                    title=data["title"],
                    description=data["description"],
                    regions=data["regions"],
                    legal_forms=data["legal_forms"],
                    activity_areas=data["activity_areas"],
                    organisation=data.get("organisation"),
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("Problem %(number)s is filed. The working group will review it.")
                    % {"number": problem.number},
                )
                return redirect(problem)
        else:
            form = ProposeForm(
                {**request.POST.dict(), "checked": "on"} | _lists(request), organisations=organisations
            )
            form.is_valid()
    elif request.method == "POST":
        hints = similar.similar_problems(request.POST.get("title", ""), user=request.user)
    context = {"form": form, "hints": hints, "checked": request.method == "POST"}
    return render(request, "problems/propose.html", context, status=400 if form.errors else 200)


def _lists(request) -> dict:
    return {key: request.POST.getlist(key) for key in ("regions", "legal_forms", "activity_areas")}


@login_required
@require_GET
def similar_hints(request):
    """The duplicate hints for the title being typed (the htmx partial of the form, and its own page)."""
    exclude = None
    number = request.GET.get("exclude", "")
    if number:
        exclude = Problem.objects.filter(number=number).first()
    hints = similar.similar_problems(request.GET.get("title", ""), user=request.user, exclude=exclude)
    template = "problems/_hints.html" if request.htmx else "problems/hints.html"
    return render(request, template, {"hints": hints, "title": request.GET.get("title", "")})


@login_required
@require_http_methods(["GET", "POST"])
def problem_edit(request, number):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    if problem.status not in OPEN_STATES:
        refusal = MESSAGES[NOT_EDITABLE] % {"state": problem.get_status_display()}
        if request.method == "POST":
            # Merged or archived by another member while this one typed: what was typed is shown again, not
            # saved, beside the reason and the problem it now lives on in, to copy what is still needed there.
            context = {"problem": problem, "form": ProblemEditForm(request.POST), "refusal": refusal}
            return render(request, "problems/edit.html", context, status=400)
        # A bookmark, the back button: no form to type into in vain.
        messages.error(request, refusal)
        return redirect(problem)
    initial = {
        "area": problem.area,
        "title": problem.title,
        "description": problem.description,
        "regions": list(problem.regions.all()),
        "legal_forms": problem.legal_forms,
        "activity_areas": list(problem.activity_areas.all()),
        "loaded_at": problem.updated_at.isoformat(),
    }
    form = ProblemEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.problem_update(problem=problem, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == CHANGED_MEANWHILE:
                # What was typed stays; the form now holds the newer moment, so saving again (having been told)
                # replaces the other change.
                problem.refresh_from_db()
                data = request.POST.copy()
                data["loaded_at"] = problem.updated_at.isoformat()
                form = ProblemEditForm(data, initial=initial)
                form.is_valid()
            form_error(form, error)
        else:
            messages.success(request, _("The problem is saved."))
            return redirect(problem)
    return render(
        request,
        "problems/edit.html",
        {"form": form, "problem": problem},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def problem_step(request, number, step):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    if step not in MANUAL_STEPS:
        raise Http404(_("No such step."))
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.problem_step(
                problem=problem, name=step, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The problem is now “%(state)s”.") % {"state": problem.get_status_display()},
            )
            return redirect(problem)
    return _page(request, problem, {"step": form, "step_name": step}, status=400)


@login_required
@require_POST
def endorse(request, number):
    problem = _problem_or_404(request, number)
    require(can_endorse_problem(request.user))
    form = EndorseForm(request.POST, organisations=acting_organisations(request.user))
    return _act(
        request,
        problem,
        "endorse",
        form,
        lambda data: services.endorsement_add(
            problem=problem, organisation=data["organisation"], by=request.user, case=data["case"]
        ),
        _("Your organisation is counted among those this problem affects."),
    )


@login_required
@require_POST
def evidence_add(request, number):
    problem = _problem_or_404(request, number)
    require(can_add_evidence(request.user, problem))
    return _act(
        request,
        problem,
        "evidence",
        EvidenceForm(request.POST, request.FILES),
        lambda data: services.evidence_add(problem=problem, by=request.user, **data),
        _("The evidence is added."),
    )


@require_GET
def evidence_file(request, number, pk):
    problem = _problem_or_404(request, number)
    evidence = get_object_or_404(Evidence, pk=pk, problem=problem)
    if not evidence.file:
        raise Http404(_("No such file."))
    ext = uploads.extension(evidence.file.name)
    return private_file_response(
        request,
        evidence.file,
        filename=f"{problem.number}-{evidence.pk}.{ext}",
        content_type=evidence_files.content_type(evidence.file),
    )


@login_required
@require_POST
def legal_act_add(request, number):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    return _act(
        request,
        problem,
        "legal_act",
        LegalActForm(request.POST),
        lambda data: services.legal_act_add(problem=problem, by=request.user, **data),
        _("The legal act is added."),
    )


@login_required
@require_POST
def recommendation_add(request, number):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    return _act(
        request,
        problem,
        "recommendation",
        RecommendationForm(request.POST),
        lambda data: services.recommendation_add(
            problem=problem, by=request.user, text=data["text"], body=data["body"]
        ),
        _("The recommendation is added. Send it to the body when the problem is in the register."),
    )


@login_required
@require_POST
def recommendation_send(request, number, pk):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    recommendation = get_object_or_404(Recommendation, pk=pk, problem=problem)
    body = None
    if recommendation.body_id is None:
        # Added without its body: it is chosen on the send form (a choice left empty is refused by the service).
        form = SendForm(request.POST, recommendation=recommendation)
        body = form.cleaned_data["body"] if form.is_valid() else None
    try:
        item = services.recommendation_send(recommendation=recommendation, by=request.user, body=body)
    except DomainError as error:
        return _page(request, problem, {"send_error": (recommendation.pk, str(error))}, status=400)
    messages.success(
        request,
        _("The recommendation is sent to %(body)s as %(number)s; the answer is due on %(date)s.")
        % {
            "body": item.body.name,
            "number": item.number,
            "date": date_format(item.due_on, "DATE_FORMAT"),
        },
    )
    return redirect(problem)


@login_required
@require_POST
def merge(request, number):
    problem = _problem_or_404(request, number)
    require(can_moderate_problems(request.user))
    form = MergeForm(request.POST)
    if form.is_valid():
        into = Problem.objects.filter(number=selectors.number_as_written(form.cleaned_data["into"])).first()
        if into is None:
            form.add_error("into", _("No problem with this number."))
        else:
            try:
                services.problem_merge(
                    problem=problem, into=into, by=request.user, reason=form.cleaned_data["reason"]
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(number)s is merged into this problem with its evidence and endorsements.")
                    % {"number": problem.number},
                )
                return redirect(into)
    return _page(request, problem, {"merge": form}, status=400)
