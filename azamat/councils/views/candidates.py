"""Candidates for a council's formation or rotation, kept by its secretary: the lists, a list with each candidate's
eligibility, a candidate's declaration of relations, and the freeze."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.councils import candidate_selectors as selectors
from azamat.councils.candidate_forms import CandidateForm, FreezeForm, ListOpenForm, RelationForm
from azamat.councils.candidate_models import Candidate, CandidateList
from azamat.councils.kpi_permissions import can_manage_candidates
from azamat.councils.models import Council
from azamat.councils.services import candidates as services


def _council(request, pk) -> Council:
    council = get_object_or_404(Council.objects.select_related("body"), pk=pk)
    require(can_manage_candidates(request.user, council))
    return council


def _list(request, pk, list_pk) -> CandidateList:
    council = _council(request, pk)
    candidate_list = get_object_or_404(CandidateList, pk=list_pk, council=council)
    candidate_list.council = council
    return candidate_list


def _candidate(request, pk, list_pk, candidate_pk) -> Candidate:
    candidate_list = _list(request, pk, list_pk)
    candidate = get_object_or_404(
        Candidate.objects.select_related("organisation", "user"),
        pk=candidate_pk,
        candidate_list=candidate_list,
    )
    candidate.candidate_list = candidate_list
    return candidate


def _lists_page(request, council, form=None):
    context = {
        "council": council,
        "lists": list(selectors.council_lists(council)),
        "rotation_opens_on": selectors.rotation_opens_on(council),
        "form": form or ListOpenForm(),
    }
    return render(request, "councils/candidates/lists.html", context, status=400 if form else 200)


@login_required
@require_GET
def lists(request, pk):
    return _lists_page(request, _council(request, pk))


@login_required
@require_POST
def list_open(request, pk):
    council = _council(request, pk)
    form = ListOpenForm(request.POST)
    if form.is_valid():
        try:
            candidate_list = services.candidate_list_open(
                council=council, kind=form.cleaned_data["kind"], by=request.user
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The list of candidates is open."))
            return redirect("councils:candidate_list", pk=pk, list_pk=candidate_list.pk)
    return _lists_page(request, council, form=form)


def _list_page(request, candidate_list, **forms):
    context = {
        "council": candidate_list.council,
        "candidate_list": candidate_list,
        "candidates": selectors.list_candidates(candidate_list),
        "entries": list(selectors.frozen_entries(candidate_list)) if candidate_list.is_frozen else [],
        "candidate_form": forms.get("candidate_form") or CandidateForm(),
        "freeze_form": forms.get("freeze_form") or FreezeForm(initial={"on": timezone.localdate()}),
    }
    failed = any(form.errors for form in forms.values() if form is not None)
    return render(request, "councils/candidates/list.html", context, status=400 if failed else 200)


@login_required
@require_GET
def list_detail(request, pk, list_pk):
    return _list_page(request, _list(request, pk, list_pk))


@login_required
@require_POST
def candidate_add(request, pk, list_pk):
    candidate_list = _list(request, pk, list_pk)
    form = CandidateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.candidate_add(
                candidate_list=candidate_list,
                full_name=data["full_name"],
                represents=data["represents"],
                motivation=data["motivation"],
                organisation=data["organisation_bin"],
                user=data["email"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("%(person)s is registered as a candidate.") % {"person": candidate.full_name}
            )
            return redirect("councils:candidate", pk=pk, list_pk=list_pk, candidate_pk=candidate.pk)
    return _list_page(request, candidate_list, candidate_form=form)


@login_required
@require_POST
def list_freeze(request, pk, list_pk):
    candidate_list = _list(request, pk, list_pk)
    form = FreezeForm(request.POST)
    if form.is_valid():
        try:
            services.candidate_list_freeze(
                candidate_list=candidate_list, on=form.cleaned_data["on"], by=request.user
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The list is frozen."))
            return redirect("councils:candidate_list", pk=pk, list_pk=list_pk)
    return _list_page(request, candidate_list, freeze_form=form)


def _candidate_page(request, candidate, form=None):
    relations = list(candidate.relations.select_related("body").order_by("declared_at", "pk"))
    context = {
        "council": candidate.candidate_list.council,
        "candidate_list": candidate.candidate_list,
        "candidate": candidate,
        "relations": relations,
        "eligibility": selectors.eligibility(candidate),
        "form": form or RelationForm(),
    }
    return render(request, "councils/candidates/candidate.html", context, status=400 if form else 200)


@login_required
@require_GET
def candidate_detail(request, pk, list_pk, candidate_pk):
    return _candidate_page(request, _candidate(request, pk, list_pk, candidate_pk))


@login_required
@require_POST
def relation_add(request, pk, list_pk, candidate_pk):
    candidate = _candidate(request, pk, list_pk, candidate_pk)
    form = RelationForm(request.POST)
    if form.is_valid():
        try:
            services.relation_declare(candidate=candidate, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request, _("The relation is recorded; the candidate is not eligible for this council.")
            )
            return redirect("councils:candidate", pk=pk, list_pk=list_pk, candidate_pk=candidate.pk)
    return _candidate_page(request, candidate, form=form)


@login_required
@require_POST
def declaration(request, pk, list_pk, candidate_pk):
    candidate = _candidate(request, pk, list_pk, candidate_pk)
    try:
        services.declaration_make(candidate=candidate, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The declaration is recorded."))
    return redirect("councils:candidate", pk=pk, list_pk=list_pk, candidate_pk=candidate.pk)


urlpatterns = [
    path("<int:pk>/candidates/", lists, name="candidates"),
    path("<int:pk>/candidates/new/", list_open, name="candidate_list_open"),
    path("<int:pk>/candidates/<int:list_pk>/", list_detail, name="candidate_list"),
    path("<int:pk>/candidates/<int:list_pk>/add/", candidate_add, name="candidate_add"),
    path("<int:pk>/candidates/<int:list_pk>/freeze/", list_freeze, name="candidate_list_freeze"),
    path("<int:pk>/candidates/<int:list_pk>/<int:candidate_pk>/", candidate_detail, name="candidate"),
    path(
        "<int:pk>/candidates/<int:list_pk>/<int:candidate_pk>/relations/",
        relation_add,
        name="candidate_relation_add",
    ),
    path(
        "<int:pk>/candidates/<int:list_pk>/<int:candidate_pk>/declaration/",
        declaration,
        name="candidate_declaration",
    ),
]
