"""Appeals and letters: the list of an organisation's (or a campaign's) appeals, writing one from a template
(from a campaign, or for an organisation alone), editing it until it is sent, downloading it as DOCX or PDF, and
recording its sending, after which its fate (answer, deadline) is read from the accountability item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.accountability import selectors as accountability
from azamat.campaigns import appeal_services as services
from azamat.campaigns.appeal_forms import AppealEditForm, AppealForm, SentForm
from azamat.campaigns.appeal_texts import blanks_left, compose, date_line, heading_lines, signature_lines
from azamat.campaigns.models import Appeal, Campaign
from azamat.campaigns.permissions import (
    acting_organisations,
    can_create_appeal,
    can_edit_campaign,
    can_manage_appeal,
    team_roles,
)
from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import require
from azamat.registry.models import Organisation

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DRAFT = "draft"  # the name of the "fill from the template" button


def _appeal_or_404(request, pk: int) -> Appeal:
    appeal = get_object_or_404(
        Appeal.objects.select_related("campaign", "organisation", "body", "item", "created_by"), pk=pk
    )
    require(can_manage_appeal(request.user, appeal))
    return appeal


def _language() -> str:
    language = (get_language() or "ru")[:2]
    return language if language in Appeal.Language.values else Appeal.Language.RU


def _filled(form, campaign):
    """The form again with the subject and the text taken from the template for its current choices; `None`
    when the choices the template needs are not valid yet."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    if form.errors and any(name in form.errors for name in ("kind", "language", "organisation", "body")):
        return None
    draft = compose(
        kind=data["kind"],
        language=data["language"],
        organisation=data.get("organisation") or getattr(form, "appeal_organisation", None),
        body=data["body"],
        campaign=campaign,
    )
    values = form.data.copy()
    values[form.add_prefix("subject")] = draft.subject
    values[form.add_prefix("text")] = draft.text
    return values


def _write(request, *, campaign, organisations, initial_organisation=None):
    organisations = Organisation.objects.filter(pk__in=organisations).order_by("name_ru")
    if request.method == "POST":
        form = AppealForm(request.POST, organisations=organisations)
        if DRAFT in request.POST:
            values = _filled(form, campaign)
            if values is not None:
                form = AppealForm(values, organisations=organisations)
                form.is_valid()
                form.errors.clear()  # a fresh draft: nothing is wrong yet
                return _form_page(request, form, campaign, filled=True)
            return _form_page(request, form, campaign, status=400)
        if form.is_valid():
            data = form.cleaned_data
            try:
                appeal = services.appeal_create(by=request.user, campaign=campaign, **data)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(
                    request,
                    _("The appeal is saved. Download it, file it, then record here when it was sent."),
                )
                return redirect(appeal)
        return _form_page(request, form, campaign, status=400)
    body = None
    if campaign is not None:
        stakeholder = campaign.stakeholders.filter(body__isnull=False).select_related("body").first()
        body = stakeholder.body if stakeholder else None
    organisation = initial_organisation or (
        campaign.organisation if campaign is not None else organisations.first()
    )
    kind = (
        request.GET.get("kind") if request.GET.get("kind") in Appeal.Kind.values else Appeal.Kind.INFORMATION
    )
    language = (
        request.GET.get("language") if request.GET.get("language") in Appeal.Language.values else _language()
    )
    draft = (
        compose(kind=kind, language=language, organisation=organisation, body=body, campaign=campaign)
        if organisation is not None
        else None
    )
    initial = {
        "organisation": organisation,
        "kind": kind,
        "language": language,
        "body": body,
        "signatory": request.user.get_full_name(),
        "subject": draft.subject if draft else "",
        "text": draft.text if draft else "",
    }
    return _form_page(request, AppealForm(initial=initial, organisations=organisations), campaign)


def _form_page(request, form, campaign, *, status: int = 200, filled: bool = False, appeal=None):
    context = {"form": form, "campaign": campaign, "filled": filled, "appeal": appeal}
    return render(request, "campaigns/appeal_form.html", context, status=status)


@login_required
@require_GET
def appeals(request):
    """The appeals this person may read: their organisations', their campaigns', their own; narrowed to one
    campaign (`?campaign=`) or one organisation (`?organisation=`)."""
    user = request.user
    mine = (
        Q(created_by=user) | Q(organisation__in=acting_organisations(user)) | Q(campaign__in=team_roles(user))
    )
    queryset = (
        Appeal.objects.filter(mine)
        .select_related("campaign", "organisation", "body")
        .prefetch_related(Prefetch("item", queryset=accountability.with_status()))
    )
    campaign = organisation = None
    if request.GET.get("campaign", "").isdigit():
        campaign = Campaign.objects.filter(pk=request.GET["campaign"]).first()
        queryset = queryset.filter(campaign_id=request.GET["campaign"])
    if request.GET.get("organisation", "").isdigit():
        organisation = Organisation.objects.filter(pk=request.GET["organisation"]).first()
        queryset = queryset.filter(organisation_id=request.GET["organisation"])
    context = {
        "appeals": list(queryset[:200]),
        "campaign": campaign if campaign and can_edit_campaign(user, campaign) else None,
        "organisation": organisation,
        "can_write": bool(can_create_appeal(user)),
    }
    return render(request, "campaigns/appeals.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def appeal_new(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("organisation"), pk=pk)
    require(can_edit_campaign(request.user, campaign))
    return _write(request, campaign=campaign, organisations=services.campaign_organisations(campaign))


@login_required
@require_http_methods(["GET", "POST"])
def appeal_new_free(request):
    require(can_create_appeal(request.user))
    organisations = acting_organisations(request.user)
    chosen = request.GET.get("organisation", "")
    initial = None
    if chosen.isdigit() and int(chosen) in organisations:
        initial = Organisation.objects.filter(pk=chosen).first()
    return _write(request, campaign=None, organisations=organisations, initial_organisation=initial)


def _page(request, appeal: Appeal, *, sent_form=None, status: int = 200):
    items = list(accountability.items_of_source(appeal)) if appeal.is_sent else []
    addressee, sender = heading_lines(appeal)
    initial = {"is_public": bool(appeal.campaign and appeal.campaign.is_public)}
    context = {
        "appeal": appeal,
        "blanks": [] if appeal.is_sent else blanks_left(appeal),
        "addressee": addressee,
        "sender": sender,
        "paragraphs": [p.strip() for p in appeal.text.split("\n\n") if p.strip()],
        "date_line": date_line(appeal),
        "signature": signature_lines(appeal),
        "items": items,
        "item": items[0] if items else None,
        "sent_form": sent_form or SentForm(initial=initial),
    }
    return render(request, "campaigns/appeal.html", context, status=status)


@login_required
@require_GET
def appeal(request, pk):
    return _page(request, _appeal_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def appeal_edit(request, pk):
    appeal = _appeal_or_404(request, pk)
    if appeal.is_sent:
        messages.error(request, _("This appeal has been sent: it can no longer be changed."))
        return redirect(appeal)
    if request.method == "POST":
        form = AppealEditForm(request.POST)
        form.appeal_organisation = appeal.organisation
        if DRAFT in request.POST:
            values = _filled(form, appeal.campaign)
            if values is not None:
                form = AppealEditForm(values)
                form.is_valid()
                form.errors.clear()
                return _form_page(request, form, appeal.campaign, filled=True, appeal=appeal)
        elif form.is_valid():
            try:
                services.appeal_update(appeal=appeal, by=request.user, **form.cleaned_data)
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    # What was typed stays; the form now holds the newer moment, so saving again (having been
                    # told) replaces the other change.
                    form = AppealEditForm(edits.taken_over(request.POST, appeal))
                    form.appeal_organisation = appeal.organisation
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("The appeal is saved."))
                return redirect(appeal)
        return _form_page(request, form, appeal.campaign, status=400, appeal=appeal)
    fields = ("kind", "language", "body", "official", "subject", "text", "signatory")
    initial = {name: getattr(appeal, name) for name in fields}
    form = AppealEditForm(initial={**initial, "loaded_at": edits.loaded_marker(appeal)})
    return _form_page(request, form, appeal.campaign, appeal=appeal)


@login_required
@require_GET
def appeal_download(request, pk, fmt):
    from azamat.campaigns import appeal_exports  # fpdf2 and the fonts, only when a letter is downloaded

    if fmt not in CONTENT_TYPES:
        raise Http404(_("No such format: choose DOCX or PDF."))
    appeal = _appeal_or_404(request, pk)
    build = appeal_exports.appeal_docx if fmt == "docx" else appeal_exports.appeal_pdf
    response = HttpResponse(build(appeal), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="appeal-{appeal.pk}-{appeal.language}.{fmt}"'
    return response


@login_required
@require_POST
def appeal_sent(request, pk):
    appeal = _appeal_or_404(request, pk)
    form = SentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            item = services.appeal_sent(appeal=appeal, by=request.user, **data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                _("The sending is recorded as %(number)s. The body must answer by %(date)s.")
                % {"number": item.number, "date": date_format(item.current_due_on, "DATE_FORMAT")},
            )
            return redirect(appeal)
    return _page(request, appeal, sent_form=form, status=400)
