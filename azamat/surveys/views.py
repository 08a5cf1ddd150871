"""The survey workspace's pages: the surveys anyone may answer and one's own, making a survey, its overview
(state, versions, counts, what to do next), its settings, opening and closing it, and its team. A refused form
comes back as typed with the reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.campaigns.models import Campaign
from azamat.core import edits
from azamat.core.audit import history_of
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils.models import Council
from azamat.registry.models import GovernmentBody
from azamat.surveys import definition as d
from azamat.surveys import selectors, services
from azamat.surveys.forms import NewSurveyForm, SurveySettingsForm, TeamAddForm
from azamat.surveys.models import Survey, SurveyMember
from azamat.surveys.permissions import (
    can_create_survey,
    can_manage_survey,
    can_view_report,
    can_view_responses,
    can_view_survey,
    is_interviewer,
    is_team,
)

PAGE_SIZE = 20
HISTORY_SHOWN = 20


def _survey_or_404(request, pk: int) -> Survey:
    try:
        survey = selectors.survey_detail(pk)
    except Survey.DoesNotExist as exc:
        raise Http404(_("No such survey.")) from exc
    require(can_view_survey(request.user, survey))
    return survey


def _common(request, survey: Survey) -> dict:
    user = request.user
    return {
        "survey": survey,
        "team": is_team(user, survey),
        "can_manage": bool(can_manage_survey(user, survey)),
        "interviewer": is_interviewer(user, survey),
    }


# Lists.


@require_GET
def survey_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = Paginator(selectors.open_surveys(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    titles = selectors.form_titles(page.object_list, get_language()[:2])
    for survey in page.object_list:
        survey.form_title = titles.get(survey.pk) or survey.title
    context = {
        "page": page,
        "query": query,
        "mine": list(selectors.my_surveys(request.user)[:50]),
        "assignments": selectors.my_assignments(request.user),
        "can_create": bool(can_create_survey(request.user)),
    }
    return render(request, "surveys/workspace/list.html", context)


def _prefill(request, owners: dict) -> tuple[dict, Campaign | None]:
    """The owner (and campaign) the page was opened for: ?campaign=, ?council= or ?body=."""
    initial: dict = {}
    campaign = None
    number = request.GET.get("campaign", "") or request.POST.get("campaign", "")
    if number.isdigit():
        campaign = Campaign.objects.filter(pk=int(number)).select_related("organisation").first()
        if campaign is not None and campaign.organisation in owners["organisation"]:
            initial["owner"] = f"organisation:{campaign.organisation_id}"
            initial["purpose"] = Survey.Purpose.NEEDS
        else:
            campaign = None
    for kind, model in (("council", Council), ("body", GovernmentBody)):
        value = request.GET.get(kind, "")
        if value.isdigit() and model.objects.filter(pk=int(value)).exists():
            initial["owner"] = f"{kind}:{int(value)}"
            initial["purpose"] = Survey.Purpose.CONSULTATION
    return initial, campaign


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request):
    require(can_create_survey(request.user))
    owners = services.owners_of(request.user)
    initial, campaign = _prefill(request, owners)
    form = NewSurveyForm(request.POST if request.method == "POST" else None, owners=owners, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                by=request.user,
                owner=data["owner"],
                title=data["title"],
                description=data["description"],
                purpose=data["purpose"],
                languages=data["languages"],
                modes=data["modes"],
                campaign=campaign,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The survey is made. Now upload an XLSForm or build the form."))
            return redirect(survey)
    return render(
        request,
        "surveys/workspace/new.html",
        {"form": form, "campaign": campaign},
        status=400 if form.errors else 200,
    )


# A survey.


def _next_steps(survey: Survey, has_questions: bool, figures: dict) -> list[tuple[str, str]]:
    """What the managers should do now: (text, url name), in order."""
    steps = []
    if not has_questions:
        steps.append((_("Upload an XLSForm or build the form."), "surveys:form"))
    elif survey.status == Survey.Status.DRAFT:
        steps.append((_("Preview the form, then open the survey for responses."), "surveys:form"))
    if survey.status == Survey.Status.OPEN and figures["flagged"]:
        steps.append((_("Review the flagged responses."), "surveys:responses"))
    if survey.status == Survey.Status.CLOSED and survey.results == Survey.Results.PRIVATE:
        steps.append((_("Read the analysis and decide whether to publish the report."), "surveys:analysis"))
    return steps


@require_GET
def survey_detail(request, pk):
    survey = _survey_or_404(request, pk)
    context = _common(request, survey)
    version = survey.current_version()
    has_questions = services.has_questions(survey)
    figures = selectors.counts(survey)
    context.update(
        {
            "version": version,
            "versions": list(survey.versions.order_by("-number").only("number", "created_at", "source_name")),
            "n_questions": len(d.questions(version.definition)) if version else 0,
            "has_questions": has_questions,
            "figures": figures,
            "members": selectors.team(survey),
            "interviewers": selectors.interviewers(survey) if context["team"] else [],
            "my_assignments": [a for a in selectors.my_assignments(request.user) if a.survey_id == survey.pk],
            "next_steps": _next_steps(survey, has_questions, figures) if context["can_manage"] else [],
            "can_see_responses": bool(can_view_responses(request.user, survey)),
            "can_see_report": bool(can_view_report(request.user, survey)),
            "changes": history_of(survey, limit=HISTORY_SHOWN) if context["can_manage"] else [],
        }
    )
    return render(request, "surveys/workspace/survey.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request, pk):
    survey = _survey_or_404(request, pk)
    require(can_manage_survey(request.user, survey))
    if request.method != "POST":
        form = SurveySettingsForm(instance=survey, initial={"loaded_at": edits.loaded_marker(survey)})
    else:
        form = SurveySettingsForm(request.POST, instance=survey)
        if form.is_valid():
            try:
                services.survey_update(survey=survey, by=request.user, **form.values())
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    # Saved meanwhile (another manager, another tab): what was typed stays, now carrying the newer
                    # moment, so that saving again, having been told, replaces the other.
                    fresh = Survey.objects.get(pk=survey.pk)
                    form = SurveySettingsForm(edits.taken_over(request.POST, fresh), instance=fresh)
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("The settings are saved."))
                return redirect(survey)
        survey.refresh_from_db()
    context = _common(request, survey)
    context.update(
        {
            "form": form,
            "report_link": request.build_absolute_uri(reverse("surveys:report", args=[survey.pk]))
            + f"?t={survey.report_token}"
            if survey.results == Survey.Results.LINK
            else "",
        }
    )
    return render(request, "surveys/workspace/settings.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def survey_status(request, pk):
    """Open a draft for responses, close it, reopen a closed one."""
    survey = _survey_or_404(request, pk)
    require(can_manage_survey(request.user, survey))
    step = request.POST.get("step", "")
    if step not in services.STEPS:
        raise Http404(_("No such step."))
    try:
        services.survey_status(survey=survey, by=request.user, step=step)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            {
                "open": _("The survey is open for responses."),
                "close": _("The survey is closed: it takes no more responses."),
                "reopen": _("The survey is open for responses again."),
            }[step],
        )
    return redirect(survey)


# The team.


def _team_page(request, survey, form=None, status=200):
    context = _common(request, survey)
    context["members"] = selectors.team(survey)
    context["form"] = form or TeamAddForm()
    context["roles"] = SurveyMember.Role.choices
    return render(request, "surveys/workspace/team.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk):
    survey = _survey_or_404(request, pk)
    require(can_view_responses(request.user, survey))  # the team only: interviewers do not see it
    if request.method == "GET":
        return _team_page(request, survey)
    require(can_manage_survey(request.user, survey))
    form = TeamAddForm(request.POST)
    if form.is_valid():
        try:
            member = services.team_add(survey=survey, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("%(person)s is on the team.") % {"person": member.user.get_short_name()}
            )
            return redirect("surveys:team", survey.pk)
    return _team_page(request, survey, form, status=400)


@login_required
@require_POST
def team_member(request, pk, member):
    survey = _survey_or_404(request, pk)
    require(can_manage_survey(request.user, survey))
    member = SurveyMember.objects.select_related("user", "survey").filter(pk=member, survey=survey).first()
    if member is None:
        # Removed already (a second press, another tab, another manager): the team as it is, told so.
        messages.info(request, _("This person is no longer on the team."))
        return redirect("surveys:team", survey.pk)
    try:
        if request.POST.get("remove"):
            services.team_remove(member=member, by=request.user)
        else:
            services.team_update(member=member, by=request.user, role=request.POST.get("role", member.role))
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The team is saved."))
    return redirect("surveys:team", survey.pk)
