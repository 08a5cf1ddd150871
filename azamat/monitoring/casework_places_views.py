"""The casework pages of places: blocked websites and their checks, detentions and the visits to them (split
from casework_views.py, which keeps verification, interventions, cases and hearings)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from azamat.core.errors import DomainError, form_error
from azamat.monitoring import audit, permissions
from azamat.monitoring import casework_selectors as selectors
from azamat.monitoring import casework_services as services
from azamat.monitoring.casework_forms import (
    DetentionForm,
    SiteCheckForm,
    SiteForm,
    VisitForm,
)
from azamat.monitoring.casework_views import _page, _query_without_page
from azamat.monitoring.models import BlockedSite
from azamat.monitoring.views_common import check, form_page, monitoring_view, organisation
from azamat.monitoring.views_common import found as _found
from azamat.monitoring.views_common import posted as _posted

PAGE_SIZE = 25
PAGE_METHODS = require_http_methods(["GET", "HEAD", "POST"])

T = "monitoring/casework/"


# — blocked websites —


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def site_list(request, org):
    org = organisation(org)
    check(request, permissions.can_view_sites(request.user, org.pk))
    status = request.GET.get("status", "")
    status = status if status in BlockedSite.Status.values else ""
    page = _page(request, selectors.sites_of(organisation_id=org.pk, status=status))
    context = {
        "org": org,
        "page": page,
        "status": status,
        "statuses": BlockedSite.Status.choices,
        "query_string": _query_without_page(request),
        "can_edit": bool(permissions.can_edit_site(request.user, BlockedSite(organisation=org))),
    }
    return render(request, T + "sites.html", context)


@monitoring_view
@PAGE_METHODS
def site_new(request, org):
    org = organisation(org)
    check(request, permissions.can_edit_site(request.user, BlockedSite(organisation=org)))
    return form_page(
        request,
        SiteForm(_posted(request), organisation_id=org.pk, user=request.user),
        T + "site_form.html",
        {"org": org},
        save=lambda data: services.site_create(organisation=org, by=request.user, **data),
        done=lambda site: (_("The website is in the register."), reverse("monitoring:site", args=[site.pk])),
    )


@monitoring_view
@require_http_methods(["GET", "HEAD"])
def site_detail(request, pk):
    site = _found(selectors.site_detail, pk)
    check(request, permissions.can_view_sites(request.user, site.organisation_id), site)
    context = {
        "site": site,
        "org": site.organisation,
        "checks": site.checks.all(),
        "can_edit": bool(permissions.can_edit_site(request.user, site)),
    }
    return render(request, T + "site.html", context)


@monitoring_view
@PAGE_METHODS
def site_check_new(request, pk):
    site = _found(selectors.site_detail, pk)
    check(request, permissions.can_edit_site(request.user, site), site)
    return form_page(
        request,
        SiteCheckForm(_posted(request)),
        T + "check_form.html",
        {"site": site, "org": site.organisation},
        save=lambda data: services.site_check_add(site=site, by=request.user, **data),
        done=lambda _check: (_("The check is recorded."), reverse("monitoring:site", args=[site.pk])),
    )


# — detention —


@monitoring_view
@PAGE_METHODS
def detention_new(request, pk):
    person = _found(selectors.person_with_detentions, pk)
    check(request, permissions.can_edit_person(request.user, person), person)
    form = DetentionForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.detention_add(person=person, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The detention is recorded."))
                return redirect("monitoring:person", pk=person.pk)
    audit.read(request, person)  # the page shows the name and the conditions of detention
    context = {
        "form": form,
        "person": person,
        "org": person.organisation,
        "detentions": person.detentions.all(),
    }
    return render(request, T + "detention_form.html", context, status=status)


@monitoring_view
@PAGE_METHODS
def visit_new(request, pk):
    detention = _found(selectors.detention_detail, pk)
    check(request, permissions.can_edit_person(request.user, detention.person), detention)
    form = VisitForm(_posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.visit_add(detention=detention, by=request.user, **form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("The visit is recorded."))
                return redirect("monitoring:person", pk=detention.person_id)
    audit.read(request, detention)
    context = {
        "form": form,
        "detention": detention,
        "person": detention.person,
        "org": detention.person.organisation,
        "visits": detention.visits.all(),
    }
    return render(request, T + "visit_form.html", context, status=status)
