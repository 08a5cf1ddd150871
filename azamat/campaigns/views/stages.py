"""A campaign's stage pages with their tools (inline forms; a refused form comes back as typed with the reason),
the indicators' values and the security check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.campaigns import charts, selectors, services, stages
from azamat.campaigns.forms import (
    ValueForm,
)
from azamat.campaigns.models import (
    Campaign,
    Indicator,
    IndicatorValue,
    SecurityCheck,
)
from azamat.campaigns.permissions import (
    can_edit_campaign,
)
from azamat.campaigns.views.common import (
    KINDS,
    STAGE_KINDS,
    _campaign_or_404,
    _campaign_page,
    _common,
    _confirmed,
    _part,
    _petitions,
    explained,
)
from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require


def _stage_page(request, campaign, code, forms=None, status=200):
    forms = forms or {}
    user = request.user
    context = _common(request, campaign)
    context["stage"] = next(s for s in context["stages"] if s.code == code) if context["stages"] else None
    context["stage_code"] = code
    context["stage_label"] = Campaign.Stage(code).label
    for kind in STAGE_KINDS[code]:
        context[f"{kind}_form"] = forms.get(kind) or KINDS[kind][1](campaign=campaign)
    if code == "needs":
        context["needs"] = list(campaign.needs.all())
    elif code == "stakeholders":
        stakeholders = list(campaign.stakeholders.select_related("body", "organisation"))
        context["grid"], context["placed"] = charts.power_interest(stakeholders)
    elif code == "methods":
        context["methods"] = list(campaign.methods.select_related("owner"))
        context["messages_list"] = list(campaign.messages.select_related("stakeholder"))
        context["petitions"] = _petitions(user, campaign)
    elif code == "plan":
        context["actions"] = list(campaign.actions.select_related("owner", "method"))
    elif code == "risks":
        risks = list(campaign.risks.select_related("owner"))
        context["risks"] = risks
        context["heat"], context["heat_rows"] = charts.heat_map(risks)
        checks = {
            c.code: c for c in SecurityCheck.objects.filter(campaign=campaign).select_related("checked_by")
        }
        context["security"] = [(code_, label, checks.get(code_)) for code_, label in stages.SECURITY_ITEMS]
        context["members"] = selectors.team_two_factor(campaign)
    elif code == "evaluation":
        indicators = selectors.indicators(campaign)
        context["indicators"] = [
            (
                i,
                charts.indicator_chart(i, list(i.values.all())),
                forms.get(f"value-{i.pk}") or ValueForm(auto_id=f"id_v{i.pk}_%s"),
            )
            for i in indicators
        ]
        context["lessons"] = list(campaign.lessons.select_related("written_by"))
    return render(request, f"campaigns/stage_{code}.html", context, status=status)


@require_GET
@explained
def stage(request, pk, stage):
    campaign = _campaign_or_404(request, pk)
    if stage not in STAGE_KINDS:
        raise Http404(_("No such stage."))
    _part(request, campaign, stage)
    return _stage_page(request, campaign, stage)


def _item_or_404(campaign, kind, item):
    if kind not in KINDS:
        raise Http404(_("No such page."))
    return get_object_or_404(KINDS[kind][0], pk=item, campaign=campaign)


def _back(campaign, kind) -> str:
    page = KINDS[kind][2]
    return reverse("campaigns:stage", args=[campaign.pk, page]) if page else campaign.get_absolute_url()


def _values(form) -> dict:
    return form.values() if hasattr(form, "values") else dict(form.cleaned_data)


@login_required
@require_POST
def item_add(request, pk, kind):
    campaign = _campaign_or_404(request, pk)
    if kind not in KINDS:
        raise Http404(_("No such page."))
    require(can_edit_campaign(request.user, campaign))
    model, form_class, page = KINDS[kind]
    form = form_class(request.POST, campaign=campaign)
    if form.is_valid():
        try:
            services.item_add(campaign=campaign, by=request.user, model=model, **_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Added: %(what)s.") % {"what": model._meta.verbose_name})
            # Its own anchor, or the browser keeps the form's (#add-…) and scrolls past the message at the top.
            return redirect(_back(campaign, kind) + "#content")
    if page is None:
        return _campaign_page(request, campaign, {kind: form}, status=400)
    return _stage_page(request, campaign, page, {kind: form}, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, kind, item):
    campaign = _campaign_or_404(request, pk)
    obj = _item_or_404(campaign, kind, item)
    require(can_edit_campaign(request.user, campaign))
    form_class = KINDS[kind][1]
    form = form_class(request.POST if request.method == "POST" else None, instance=obj, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        values = _values(form)
        obj = _item_or_404(campaign, kind, item)  # the form wrote into its instance: start from the saved row
        try:
            services.item_update(item=obj, by=request.user, **values)
        except DomainError as error:
            if error.code == edits.CHANGED_MEANWHILE:
                # What was typed stays; the form now holds the newer moment, so saving again (having been told)
                # replaces the other change.
                obj = _item_or_404(campaign, kind, item)
                form = form_class(edits.taken_over(request.POST, obj), instance=obj, campaign=campaign)
                form.is_valid()
                obj = _item_or_404(campaign, kind, item)
            form_error(form, error)
        else:
            messages.success(request, _("Saved: %(what)s.") % {"what": obj._meta.verbose_name})
            return redirect(_back(campaign, kind))
    context = {
        **_common(request, campaign),
        "form": form,
        "kind": kind,
        "item": obj,
        "back": _back(campaign, kind),
    }
    context["what"] = KINDS[kind][0]._meta.verbose_name
    return render(request, "campaigns/campaign_item.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def item_delete(request, pk, kind, item):
    campaign = _campaign_or_404(request, pk)
    obj = _item_or_404(campaign, kind, item)
    require(can_edit_campaign(request.user, campaign))
    if not _confirmed(request):
        return redirect(_back(campaign, kind))
    services.item_delete(item=obj, by=request.user)
    messages.success(request, _("Deleted: %(what)s.") % {"what": obj._meta.verbose_name})
    return redirect(_back(campaign, kind))


@login_required
@require_POST
def value_add(request, pk, indicator):
    campaign = _campaign_or_404(request, pk)
    indicator = get_object_or_404(Indicator, pk=indicator, campaign=campaign)
    require(can_edit_campaign(request.user, campaign))
    form = ValueForm(request.POST, auto_id=f"id_v{indicator.pk}_%s")
    if form.is_valid():
        try:
            services.value_add(indicator=indicator, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("The value is saved."))
            return redirect("campaigns:stage", campaign.pk, "evaluation")
    return _stage_page(request, campaign, "evaluation", {f"value-{indicator.pk}": form}, status=400)


@login_required
@require_POST
def value_delete(request, pk, value):
    campaign = _campaign_or_404(request, pk)
    value = get_object_or_404(IndicatorValue, pk=value, indicator__campaign=campaign)
    require(can_edit_campaign(request.user, campaign))
    if not _confirmed(request):
        return redirect("campaigns:stage", campaign.pk, "evaluation")
    services.value_delete(value=value, by=request.user)
    messages.success(request, _("The value is deleted."))
    return redirect("campaigns:stage", campaign.pk, "evaluation")


@login_required
@require_POST
def security_check(request, pk):
    campaign = _campaign_or_404(request, pk)
    require(can_edit_campaign(request.user, campaign))
    try:
        services.security_check(
            campaign=campaign,
            by=request.user,
            code=request.POST.get("code", ""),
            done=request.POST.get("done") == "1",
        )
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The checklist is saved."))
    return redirect(reverse("campaigns:stage", args=[campaign.pk, "risks"]) + "#security")
