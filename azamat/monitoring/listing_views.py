"""The workspace of the list of persecuted persons — candidates, the analysis against the criteria, the expert
group's decisions, changes of situation, the criteria — and of publication: the policy and the text rules, an
event's redacted preview, publishing and withdrawing it. Each page: signed in with two factors, the permission
checked (a refusal logged), every read of sensitive data written to the log of reads; a refused form comes back
as typed with the reason, nothing changed."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.monitoring import audit, casework_selectors, listing_services, permissions
from azamat.monitoring import publication as publishing
from azamat.monitoring.lifecycle import CANDIDATE
from azamat.monitoring.listing_forms import (
    AnalysisForm,
    CandidateForm,
    CriteriaForm,
    DecisionForm,
    PolicyForm,
    RuleForm,
    SituationForm,
)
from azamat.monitoring.models import (
    Candidate,
    Case,
    Criteria,
    Event,
    ListDecision,
    Person,
    PublishedEntry,
    PublishedEvent,
    ReadLog,
    RedactionRule,
)
from azamat.monitoring.public_selectors import act_names, dressed
from azamat.monitoring.views_common import check, monitoring_view, organisation

PAGE_SIZE = 25
T = "monitoring/listing/"
PAGE = require_http_methods(["GET", "HEAD"])
FORM_PAGE = require_http_methods(["GET", "HEAD", "POST"])
E = permissions.EXPERT
V = permissions.VERIFIER


def _list_read(request, organisation_id: int, record_type: str, count: int) -> None:
    """A list of sensitive records is one read in the log: how many were shown, not what."""
    ReadLog.objects.create(
        organisation_id=organisation_id,
        user=request.user,
        action=ReadLog.Action.VIEW,
        record_type=record_type,
        what=f"{count}",
        ip=request.META.get("REMOTE_ADDR") or None,
    )


def _candidate(pk: int) -> Candidate:
    return get_object_or_404(
        Candidate.objects.select_related("person__region", "organisation", "proposed_by", "analysed_by"),
        pk=pk,
    )


# — candidates —


@monitoring_view
@PAGE
def candidate_list(request, org):
    """The organisation's candidates and listed persons by status (experts and verifiers)."""
    org = organisation(org)
    check(request, permissions.can_work_in(request.user, org.pk, E, V))
    status = request.GET.get("status", "")
    candidates = Candidate.objects.filter(organisation=org).select_related("person__region", "proposed_by")
    if status in Candidate.Status.values:
        candidates = candidates.filter(status=status)
    else:
        status = ""
    page = Paginator(candidates.order_by("-created_at", "-pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    _list_read(request, org.pk, "candidate", len(page.object_list))
    counts = {
        row["status"]: row["n"]
        for row in Candidate.objects.filter(organisation=org)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    }
    context = {
        "org": org,
        "page": page,
        "status": status,
        "statuses": [(value, label, counts.get(value, 0)) for value, label in Candidate.Status.choices],
        "query_string": f"status={status}" if status else "",
        "can_propose": bool(permissions.can_propose_candidate(request.user, org.pk)),
    }
    return render(request, T + "candidates.html", context)


@monitoring_view
@FORM_PAGE
def candidate_new(request, org):
    """Any role holder proposes a person (recorded already, or new) with the case materials."""
    org = organisation(org)
    check(request, permissions.can_propose_candidate(request.user, org.pk))
    initial = {}
    if request.GET.get("person", "").isdigit():
        initial["person"] = request.GET["person"]
    form = CandidateForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = None
        if data["person"]:
            person = Person.objects.filter(organisation=org, pk=data["person"]).first()
            if person is None:
                form.add_error("person", listing_services.MESSAGES["person_elsewhere"])
        if not form.errors:
            new_person = (
                {
                    "name": data["name"],
                    "public_alias": data["public_alias"],
                    "region": data["region"],
                    "occupation": data["occupation"],
                }
                if data["name"].strip()
                else None
            )
            try:
                candidate = listing_services.candidate_propose(
                    organisation=org,
                    by=request.user,
                    person=person,
                    new_person=new_person,
                    materials=data["materials"],
                    event_numbers=data["events"],
                    case_numbers=data["cases"],
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request, _("The candidate is proposed. The analysis against the criteria is next.")
                )
                return redirect("monitoring:candidate", candidate.pk)
    return render(
        request, T + "candidate_new.html", {"org": org, "form": form}, status=400 if form.errors else 200
    )


@monitoring_view
@PAGE
def candidate_detail(request, pk):
    """A candidate: the person, the materials, events and cases, the analysis, the decisions with their votes,
    the situation over time and whether the public list shows them."""
    candidate = _candidate(pk)
    check(request, permissions.can_view_candidate(request.user, candidate), candidate)
    audit.read(request, candidate)
    user = request.user
    decisions = list(
        candidate.decisions.select_related("criteria", "recorded_by").order_by("-decided_on", "-pk")
    )
    events = list(candidate.events.only("pk", "number", "date", "status").order_by("-date"))
    cases = list(candidate.cases.only("pk", "opened_on", "status").order_by("-opened_on"))
    context = {
        "candidate": candidate,
        "org": candidate.organisation,
        "person": candidate.person,
        "events": events,
        "cases": cases,
        # Linked only where the reader may open them: a case is its lawyers', a restricted event its readers'.
        "open_events": casework_selectors.visible_event_ids(
            user=user, organisation_id=candidate.organisation_id, among=[e.pk for e in events]
        ),
        "open_cases": set(
            Case.objects.filter(pk__in=[c.pk for c in cases])
            .filter(Q(created_by=user) | Q(lawyers=user))
            .values_list("pk", flat=True)
        ),
        "decisions": decisions,
        "changes": list(candidate.changes.select_related("recorded_by").order_by("-on", "-pk")),
        "criteria": listing_services.analysed_criteria(candidate),
        "steps": CANDIDATE.allowed(candidate, user),
        "can_analyse": bool(permissions.can_analyse_candidate(user, candidate)),
        "can_decide": bool(permissions.can_decide_candidate(user, candidate)),
        "entry": PublishedEntry.objects.filter(candidate=candidate).first(),
    }
    return render(request, T + "candidate.html", context)


@monitoring_view
@FORM_PAGE
def candidate_analysis(request, pk):
    """Write the analysis against a chosen version of the criteria; start it, save it, submit it to the expert
    group, or consider a person not listed (or removed) again."""
    candidate = _candidate(pk)
    check(request, permissions.can_analyse_candidate(request.user, candidate), candidate)
    org_id = candidate.organisation_id
    if request.method == "POST":
        form = AnalysisForm(request.POST, organisation_id=org_id)
        step = request.POST.get("step", "save")
        if step not in listing_services.ANALYSIS_STEPS:
            raise Http404(_("No such step."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                listing_services.candidate_analyse(candidate=candidate, by=request.user, step=step, **data)
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    form = AnalysisForm(edits.taken_over(request.POST, candidate), organisation_id=org_id)
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(
                    request,
                    {
                        "save": _("The analysis is saved."),
                        "submit": _(
                            "The analysis is submitted: the candidate awaits the expert group's decision."
                        ),
                        "reconsider": _("The candidate is considered again: the analysis is open."),
                    }[step],
                )
                return redirect("monitoring:candidate", candidate.pk)
        candidate.refresh_from_db()
    else:
        criteria = listing_services.analysed_criteria(candidate)
        form = AnalysisForm(
            organisation_id=org_id,
            initial={
                "criteria": criteria.pk if criteria else None,
                "analysis": candidate.analysis,
                "ground": candidate.ground,
                "used_violence": candidate.used_violence,
                "public_grounds": candidate.public_grounds,
                "loaded_at": edits.loaded_marker(candidate),
            },
        )
    audit.read(request, candidate, ReadLog.Action.EDIT)
    context = {
        "candidate": candidate,
        "org": candidate.organisation,
        "form": form,
        "has_criteria": Criteria.objects.filter(organisation_id=org_id).exists(),
        "steps": CANDIDATE.options(candidate, request.user, "analyse", "submit", "reconsider"),
        "open": candidate.status in (Candidate.Status.CANDIDATE, Candidate.Status.ANALYSIS),
    }
    return render(request, T + "analysis.html", context, status=400 if form.errors else 200)


@monitoring_view
@FORM_PAGE
def candidate_decision(request, pk):
    """A member of the expert group records its decision with the vote: refused without a quorum, with more
    votes than members present, listing someone who used or called for violence, listing without a majority of
    those present, or when the candidate is not awaiting a decision."""
    candidate = _candidate(pk)
    check(request, permissions.can_decide_candidate(request.user, candidate), candidate)
    org_id = candidate.organisation_id
    if request.method == "POST":
        form = DecisionForm(request.POST, organisation_id=org_id)
        if form.is_valid():
            try:
                decision = listing_services.decision_record(
                    candidate=candidate, by=request.user, **form.cleaned_data
                )
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    {
                        "list": _(
                            "The decision is recorded: the person is listed and the public list shows them."
                        ),
                        "not_list": _("The decision is recorded: the person is not listed."),
                        "remove": _("The decision is recorded: the person is removed from the list."),
                    }[decision.outcome],
                )
                return redirect("monitoring:candidate", candidate.pk)
        candidate.refresh_from_db()
    else:
        criteria = listing_services.analysed_criteria(candidate)
        last = (
            ListDecision.objects.filter(candidate__organisation_id=org_id)
            .order_by("-decided_on", "-pk")
            .first()
        )
        initial = {"criteria": criteria.pk if criteria else None, "abstained": 0}
        if last is not None:
            initial["members"] = last.members
        if candidate.status == Candidate.Status.LISTED:
            initial["outcome"] = ListDecision.Outcome.REMOVE
        form = DecisionForm(organisation_id=org_id, initial=initial)
    audit.read(request, candidate)
    context = {
        "candidate": candidate,
        "org": candidate.organisation,
        "form": form,
        "criteria": listing_services.analysed_criteria(candidate),
        "awaiting": candidate.status in (Candidate.Status.DECISION, Candidate.Status.LISTED),
        "decisions": list(candidate.decisions.select_related("criteria").order_by("-decided_on", "-pk")),
    }
    return render(request, T + "decision.html", context, status=400 if form.errors else 200)


@monitoring_view
@FORM_PAGE
def candidate_situation(request, pk):
    """Record a change of the person's situation (released, sentence changed, deceased…) with its date."""
    candidate = _candidate(pk)
    check(request, permissions.can_analyse_candidate(request.user, candidate), candidate)
    form = SituationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            listing_services.situation_record(candidate=candidate, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The change of situation is recorded."))
            return redirect("monitoring:candidate", candidate.pk)
    audit.read(request, candidate)
    context = {
        "candidate": candidate,
        "org": candidate.organisation,
        "form": form,
        "changes": list(candidate.changes.order_by("-on", "-pk")),
    }
    return render(request, T + "situation.html", context, status=400 if form.errors else 200)


# — criteria —


@monitoring_view
@PAGE
def criteria_list(request, org):
    """The versions of the organisation's criteria, in Kazakh and Russian (any role holder)."""
    org = organisation(org)
    check(request, permissions.can_work_in(request.user, org.pk))
    context = {
        "org": org,
        "versions": list(Criteria.objects.filter(organisation=org).order_by("-version")),
        "can_adopt": bool(listing_services.can_adopt_criteria(request.user, org.pk)),
    }
    return render(request, T + "criteria.html", context)


@monitoring_view
@FORM_PAGE
def criteria_new(request, org):
    """The organisation's administrators or its experts adopt a new version of the criteria."""
    org = organisation(org)
    check(request, listing_services.can_adopt_criteria(request.user, org.pk))
    last = Criteria.objects.filter(organisation=org).order_by("-version").first()
    initial = {"text_kk": last.text_kk, "text_ru": last.text_ru} if last else {}
    form = CriteriaForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            criteria = listing_services.criteria_adopt(organisation=org, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("Version %(version)s of the criteria is adopted.") % {"version": criteria.version}
            )
            return redirect("monitoring:criteria", org.pk)
    context = {"org": org, "form": form, "next_version": (last.version + 1) if last else 1}
    return render(request, T + "criteria_new.html", context, status=400 if form.errors else 200)


# — publication —


def _publication_page(request, org, policy_form=None, rule_form=None, status=200):
    policy = publishing.policy_of(org.pk)
    rules = list(RedactionRule.objects.filter(organisation=org).select_related("editor").order_by("pk"))
    _list_read(request, org.pk, "redactionrule", len(rules))
    initial = {"place": policy.place, "date": policy.date, "loaded_at": edits.loaded_marker(policy)}
    context = {
        "org": org,
        "policy": policy,
        "policy_form": policy_form or PolicyForm(initial=initial),
        "rule_form": rule_form or RuleForm(),
        "rules": rules,
        "published": PublishedEvent.objects.filter(organisation=org).count(),
        "listed": PublishedEntry.objects.filter(organisation=org).count(),
    }
    return render(request, T + "publication.html", context, status=status)


@monitoring_view
@FORM_PAGE
def publication(request, org):
    """The organisation's administrators: how precise published places and dates are, and the text rules."""
    org = organisation(org)
    check(request, permissions.can_administer(request.user, org.pk))
    if request.method != "POST":
        return _publication_page(request, org)
    if request.POST.get("form") == "policy":
        form = PolicyForm(request.POST)
        if form.is_valid():
            try:
                publishing.policy_update(organisation=org, by=request.user, **form.cleaned_data)
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    policy = publishing.policy_of(org.pk)
                    form = PolicyForm(
                        edits.taken_over(request.POST, policy, name=form.add_prefix("loaded_at"))
                    )
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(
                    request, _("The publication policy is saved; what is published already follows it.")
                )
                return redirect("monitoring:publication", org.pk)
        return _publication_page(request, org, policy_form=form, status=400)
    form = RuleForm(request.POST)
    if form.is_valid():
        try:
            publishing.rule_add(organisation=org, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The rule is added and applied to what is published."))
            return redirect("monitoring:publication", org.pk)
    return _publication_page(request, org, rule_form=form, status=400)


@monitoring_view
@require_POST
def redaction_delete(request, pk):
    """Delete a text rule, after a confirmation (published copies keep the replacement until published again)."""
    rule = get_object_or_404(RedactionRule.objects.select_related("organisation", "editor"), pk=pk)
    check(request, permissions.can_administer(request.user, rule.organisation_id), rule)
    if request.POST.get("confirm") != "yes":
        return render(request, T + "redaction_delete.html", {"rule": rule, "org": rule.organisation})
    publishing.rule_delete(rule=rule, by=request.user)
    messages.success(
        request,
        _("The rule is deleted. What is published keeps its replacement until it is published again."),
    )
    return redirect("monitoring:publication", rule.organisation_id)


def _event(pk: int) -> Event:
    return get_object_or_404(Event.objects.select_related("organisation", "region", "type"), pk=pk)


@monitoring_view
@PAGE
def event_preview(request, pk):
    """A verifier sees the event as it would be published: redacted by the organisation's rules and policy."""
    event = _event(pk)
    check(request, permissions.can_publish_event(request.user, event), event)
    audit.read(request, event)
    copy = publishing.public_copy(event, by=request.user)
    dressed([copy], act_names())
    published = PublishedEvent.objects.filter(event=event).first()
    context = {
        "event": event,
        "org": event.organisation,
        "copy": copy,
        "published": published,
        "verified": event.status == Event.Status.VERIFIED,
        "policy": publishing.policy_of(event.organisation_id),
        "can_set_policy": bool(permissions.can_administer(request.user, event.organisation_id)),
    }
    return render(request, T + "preview.html", context)


@monitoring_view
@require_POST
def event_publish(request, pk):
    """Publish the redacted copy of a verified event (again, with today's rules), or take it down
    (`action=unpublish`). Publishing an unverified record is refused, and the refusal logged."""
    event = _event(pk)
    check(request, permissions.can_publish_event(request.user, event), event)
    action = request.POST.get("action", "")
    if action not in ("publish", "unpublish"):
        raise Http404(_("No such action."))
    try:
        if action == "publish":
            copy = publishing.event_publish(event=event, by=request.user)
        else:
            publishing.event_unpublish(event=event, by=request.user)
    except DomainError as error:
        if error.code == publishing.UNVERIFIED:
            audit.refused(request, event)
        messages.error(request, str(error))
        return redirect("monitoring:event_preview", event.pk)
    if action == "publish":
        messages.success(request, _("The redacted copy is published."))
        return redirect(reverse("monitoring:public_event", args=[copy.pk]))
    messages.success(request, _("The public copy is taken down; the record itself is unchanged."))
    return redirect("monitoring:event_preview", event.pk)
