"""Members' KPIs: a council's periods and each period's ranking with its chart and exports (public once published),
a member's scores with the assessors' justifications, the secretary's management of a period, the assessor's
score sheet, a person's own results, and the ranking across a level."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.core.errors import DomainError, form_error
from azamat.core.exports import spreadsheet_response
from azamat.core.permissions import require
from azamat.core.public_cache import public_page
from azamat.councils import kpi_errors as errors
from azamat.councils import kpi_selectors as selectors
from azamat.councils.kpi_charts import ranking_svg
from azamat.councils.kpi_forms import (
    AssessorForm,
    CriterionAddForm,
    CriterionChangeForm,
    PeriodForm,
    ScoreForm,
)
from azamat.councils.kpi_models import AssessmentPeriod, Criterion
from azamat.councils.kpi_permissions import (
    can_manage_kpi,
    can_score_period,
    can_view_member_scores,
    can_view_period,
    is_assessor,
)
from azamat.councils.models import Council, Level, Member
from azamat.councils.permissions import can_view_council
from azamat.councils.services import kpi as services


def _council(request, pk) -> Council:
    council = get_object_or_404(Council.objects.select_related("body", "region"), pk=pk)
    if not can_view_council(request.user, council):
        raise Http404(_("This council is not published yet."))
    return council


def _period(request, pk, period_pk) -> AssessmentPeriod:
    period = get_object_or_404(
        AssessmentPeriod.objects.select_related("council", "council__body"), pk=period_pk, council_id=pk
    )
    return period


def _managed_period(request, pk, period_pk) -> AssessmentPeriod:
    period = _period(request, pk, period_pk)
    require(can_manage_kpi(request.user, period.council))
    return period


def _periods_page(request, council, form=None):
    manager = bool(can_manage_kpi(request.user, council))
    context = {
        "council": council,
        "manager": manager,
        "periods": list(selectors.council_periods(council, published_only=not manager)),
        "form": form or (PeriodForm() if manager else None),
    }
    return render(request, "councils/kpi/periods.html", context, status=400 if form else 200)


@require_GET
@public_page(topics=lambda request, pk: ["councils"])
def periods(request, pk):
    return _periods_page(request, _council(request, pk))


@login_required
@require_POST
def period_open(request, pk):
    council = get_object_or_404(Council, pk=pk)
    require(can_manage_kpi(request.user, council))
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            period = services.period_open(council=council, by=request.user, **form.cleaned_data)
        except DomainError as error:
            if error.code == errors.PERIOD_EXISTS:
                # Sent again (the back button, a double tap): the period opened the first time is the answer.
                messages.info(request, str(error))
                return redirect("councils:kpi_period_manage", pk=council.pk, period_pk=error.period.pk)
            form_error(form, error)
        else:
            messages.success(request, _("The period is open; designate its assessors."))
            return redirect("councils:kpi_period_manage", pk=council.pk, period_pk=period.pk)
    return _periods_page(request, council, form=form)


@require_GET
@public_page(topics=lambda request, pk, period_pk: ["councils", "accountability"])
def period_detail(request, pk, period_pk):
    period = _period(request, pk, period_pk)
    require(can_view_period(request.user, period))
    results = selectors.period_results(period)
    context = {
        "council": period.council,
        "period": period,
        "criteria": selectors.period_criteria(period),
        "results": results,
        "chart": ranking_svg(results),
        "manager": bool(can_manage_kpi(request.user, period.council)),
        "assessor": is_assessor(request.user, period),
    }
    return render(request, "councils/kpi/period.html", context)


def export_rows(period: AssessmentPeriod) -> tuple[list, list]:
    criteria = selectors.period_criteria(period)
    header = [
        _("Rank"),
        pgettext("a member of a public council", "Member"),
        *[c.name for c in criteria],
        _("Total, out of 100"),
    ]
    rows = [
        [r.rank, r.member.full_name, *[v.value for v in r.values], r.total]
        for r in selectors.period_results(period)
    ]
    return header, rows


@require_GET
def period_export(request, pk, period_pk, fmt):
    period = _period(request, pk, period_pk)
    require(can_view_period(request.user, period))
    return spreadsheet_response(
        request,
        fmt=fmt,
        name=f"kpi-{period.council_id}-{period.pk}",
        title="KPI",
        build=lambda: export_rows(period),
    )


@require_GET
def member_scores(request, pk, period_pk, member_pk):
    period = _period(request, pk, period_pk)
    member = get_object_or_404(Member, pk=member_pk, council_id=pk)
    require(can_view_member_scores(request.user, member, period))
    result = next((r for r in selectors.period_results(period) if r.member.pk == member.pk), None)
    if result is None:
        raise Http404(_("This person did not sit on the council during this period."))
    context = {"council": period.council, "period": period, "result": result}
    return render(request, "councils/kpi/member.html", context)


def _manage_page(request, period, **forms):
    context = {
        "council": period.council,
        "period": period,
        "criteria": selectors.period_criteria(period),
        "assessors": selectors.period_assessors(period),
        "criterion_form": forms.get("criterion_form") or CriterionAddForm(),
        "assessor_form": forms.get("assessor_form") or AssessorForm(),
    }
    failed = any(form.errors for form in forms.values() if form is not None)
    return render(request, "councils/kpi/manage.html", context, status=400 if failed else 200)


@login_required
@require_GET
def period_manage(request, pk, period_pk):
    return _manage_page(request, _managed_period(request, pk, period_pk))


@login_required
@require_POST
def criterion_add(request, pk, period_pk):
    period = _managed_period(request, pk, period_pk)
    form = CriterionAddForm(request.POST)
    if form.is_valid():
        try:
            services.criterion_add(period=period, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The criterion is added."))
            return redirect("councils:kpi_period_manage", pk=pk, period_pk=period.pk)
    return _manage_page(request, period, criterion_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def criterion_change(request, pk, period_pk, criterion_pk):
    period = _managed_period(request, pk, period_pk)
    criterion = get_object_or_404(Criterion, pk=criterion_pk, period=period)
    initial = {"weight": criterion.weight, "scale_min": criterion.scale_min, "scale_max": criterion.scale_max}
    form = CriterionChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_change(criterion=criterion, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The criterion is saved."))
            return redirect("councils:kpi_period_manage", pk=pk, period_pk=period.pk)
    context = {"council": period.council, "period": period, "criterion": criterion, "form": form}
    return render(request, "councils/kpi/criterion.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def assessor_add(request, pk, period_pk):
    period = _managed_period(request, pk, period_pk)
    form = AssessorForm(request.POST)
    if form.is_valid():
        try:
            services.assessor_designate(period=period, user=form.cleaned_data["email"], by=request.user)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The assessor is designated."))
            return redirect("councils:kpi_period_manage", pk=pk, period_pk=period.pk)
    return _manage_page(request, period, assessor_form=form)


@login_required
@require_POST
def period_publish(request, pk, period_pk):
    period = _managed_period(request, pk, period_pk)
    try:
        services.period_publish(period=period, by=request.user)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The period's results are published."))
    return redirect("councils:kpi_period_manage", pk=pk, period_pk=period.pk)


@login_required
@require_http_methods(["GET", "POST"])
def score(request, pk, period_pk):
    """The assessor's sheet: one score at a time, with the scores given so far."""
    period = _period(request, pk, period_pk)
    allowed = can_score_period(request.user, period)
    if not allowed and request.method == "POST" and is_assessor(request.user, period):
        # Sent from a sheet opened before the results were published: the reason, and the justification to copy.
        context = {
            "council": period.council,
            "period": period,
            "refusal": allowed.reason,
            "unsent": request.POST.get("justification", "").strip(),
            "given": list(selectors.assessor_scores(period, request.user)),
        }
        return render(request, "councils/kpi/score.html", context, status=400)
    require(allowed)
    # An assessor who sits on the council is not offered her own seat (`services.score_give` refuses it).
    members = [m for m in selectors.period_members(period) if m.user_id != request.user.pk]
    criteria = selectors.period_criteria(period)
    form = ScoreForm(request.POST if request.method == "POST" else None, members=members, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.score_give(
                criterion=next(c for c in criteria if c.pk == data["criterion"]),
                member=next(m for m in members if m.pk == data["member"]),
                value=data["value"],
                justification=data["justification"],
                by=request.user,
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The score is saved."))
            return redirect("councils:kpi_score", pk=pk, period_pk=period.pk)
    context = {
        "council": period.council,
        "period": period,
        "form": form,
        "given": list(selectors.assessor_scores(period, request.user)),
    }
    return render(request, "councils/kpi/score.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def mine(request):
    return render(request, "councils/kpi/mine.html", {"results": selectors.own_results(request.user)})


@require_GET
@public_page(topics=lambda request, level: ["councils", "accountability"], params=("year",))
def level_ranking(request, level):
    if level not in Level.values:
        raise Http404(_("Unknown level."))
    years = selectors.level_years(level)
    try:
        year = int(request.GET.get("year") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        raise Http404(_("Unknown year.")) from None
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:  # a date lookup on such a year fails
        raise Http404(_("Unknown year."))
    results = selectors.level_ranking(level, year)
    context = {
        "level": level,
        "level_label": Level(level).label,
        "year": year,
        "years": years,
        "results": results,
        "levels": Level.choices,
    }
    return render(request, "councils/kpi/level.html", context)


urlpatterns = [
    path("kpi/mine/", mine, name="kpi_mine"),
    path("kpi/level/<str:level>/", level_ranking, name="kpi_level"),
    path("<int:pk>/kpi/", periods, name="kpi"),
    path("<int:pk>/kpi/new/", period_open, name="kpi_period_open"),
    path("<int:pk>/kpi/<int:period_pk>/", period_detail, name="kpi_period"),
    path("<int:pk>/kpi/<int:period_pk>/export/<str:fmt>/", period_export, name="kpi_export"),
    path("<int:pk>/kpi/<int:period_pk>/members/<int:member_pk>/", member_scores, name="kpi_member"),
    path("<int:pk>/kpi/<int:period_pk>/manage/", period_manage, name="kpi_period_manage"),
    path("<int:pk>/kpi/<int:period_pk>/criteria/", criterion_add, name="kpi_criterion_add"),
    path(
        "<int:pk>/kpi/<int:period_pk>/criteria/<int:criterion_pk>/",
        criterion_change,
        name="kpi_criterion_change",
    ),
    path("<int:pk>/kpi/<int:period_pk>/assessors/", assessor_add, name="kpi_assessor_add"),
    path("<int:pk>/kpi/<int:period_pk>/publish/", period_publish, name="kpi_publish"),
    path("<int:pk>/kpi/<int:period_pk>/score/", score, name="kpi_score"),
]
