"""Petition pages: the public list, a petition's page (cached for anonymous readers, with its counter also as a
small JSON), signing and confirming, fresh links, the author's form, moderation, striking out fraudulent
signatures, closing and the team's export of signatures."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from azamat.campaigns import petition_selectors as selectors
from azamat.campaigns import petition_services as services
from azamat.campaigns.models import Campaign, Petition
from azamat.campaigns.permissions import (
    can_edit_campaign,
    can_manage_petition,
    can_moderate_petition,
    can_view_petition,
    is_moderator,
)
from azamat.campaigns.petition_forms import (
    InvalidateForm,
    PetitionEditForm,
    PetitionFilterForm,
    PetitionForm,
    ReasonForm,
    SignForm,
)
from azamat.campaigns.views.common import NotVisible, explained
from azamat.core import edits
from azamat.core.errors import DomainError, form_error
from azamat.core.numbers import format_number
from azamat.core.permissions import require
from azamat.core.public_cache import public_page

PAGE_SIZE = 20
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RULES = (
    gettext_lazy("No hate speech, no calls to violence or discrimination."),
    gettext_lazy("No personal data of private persons (addresses, phone numbers, documents)."),
    gettext_lazy("No calls to break the law; demands within the addressee's powers."),
)


def _petition_or_404(request, pk: int) -> Petition:
    try:
        petition = selectors.petition_detail(pk)
    except Petition.DoesNotExist as exc:
        raise Http404(_("No such petition.")) from exc
    decision = can_view_petition(request.user, petition)
    if not decision:
        raise NotVisible(decision.reason, "petition")
    return petition


def client_ip(request) -> str:
    """The signer's address: behind our proxy its last X-Forwarded-For entry, else the connection's."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and settings.SECURE_PROXY_SSL_HEADER:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


@require_GET
# The plain list and its filters (few values each) are cached for anonymous readers; a search (`q`) is not.
@public_page(topics=lambda request, **kwargs: ["petitions"], params=("tab", "page", "body", "region"))
def petitions(request):
    tab = "closed" if request.GET.get("tab") == "closed" else "open"
    form = PetitionFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {"q": "", "body": "", "region": ""}
    listed = selectors.listed_petitions(
        tab, query=filters["q"], body=filters["body"], region=filters["region"]
    )
    page = Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page"))
    chosen = {name: value for name, value in filters.items() if value}
    context = {
        "tab": tab,
        "form": form,
        "page": page,
        "query": filters["q"].strip(),
        "filtered": bool(chosen),
        # The tabs and the pages keep the search and the filters (the tab and the page are their own).
        "filter_string": urlencode(chosen),
        "query_string": urlencode({**chosen, **({"tab": tab} if tab == "closed" else {})}),
        "mine": selectors.my_petitions(request.user)[:20] if request.user.is_authenticated else [],
        "signed": selectors.own_signatures(selectors.own_email_key(request.user)),
        "moderator": is_moderator(request.user),
    }
    return render(request, "campaigns/petitions.html", context)


# The chart of signatures by region: each region's name on its own line above its bar, whole (beside the bar, cut
# to fit, «Кызылординская обл…» still ran into its bar and count on a phone), the count after the bar.
ROW = 40
BAR_WIDTH = 340  # of the chart's 420 units: the rest for the count after the longest bar ("1 000 000")


def _chart(rows: list[dict]) -> list[dict]:
    top = max((r["count"] for r in rows), default=0) or 1
    chart = []
    for i, row in enumerate(rows):
        width = max(1, row["count"] * BAR_WIDTH // top)
        top_y = i * ROW
        chart.append(
            {
                **row,
                "label_y": top_y + 14,
                "y": top_y + 20,
                "width": width,
                "count_x": width + 6,
                "count_y": top_y + 32,
            }
        )
    return chart


def _page(request, petition: Petition, *, sign_form=None, forms=None, status: int = 200):
    forms = forms or {}
    user = request.user
    manage = bool(can_manage_petition(user, petition))
    moderator = is_moderator(user)
    regions = selectors.by_region(petition) if petition.status in selectors.PUBLIC_STATES else []
    context = {
        "petition": petition,
        "signable": services.is_signable(petition),
        "own_signature": selectors.own_signature(petition, selectors.own_email_key(user))
        if petition.status in selectors.PUBLIC_STATES
        else None,
        "closed_meanwhile": services.closed_meanwhile(petition),
        "sign_form": sign_form or SignForm(initial=_signer(user)),
        "regions": _chart(regions),
        "chart_height": 8 + ROW * len(regions),
        "signers": selectors.latest_public_signers(petition),
        "thresholds": list(petition.thresholds.all()),
        "listed": petition.listed_at is not None,
        "manage": manage,
        "moderator": moderator,
        "editable": petition.status in services.EDITABLE,
        "reject_form": forms.get("reject") or ReasonForm(),
        "invalidate_form": forms.get("invalidate") or InvalidateForm(initial=_chosen_source(request)),
        "sources": selectors.signature_sources(petition)
        if moderator and petition.status in selectors.PUBLIC_STATES
        else None,
        "invalidations": list(petition.invalidations.all()) if (manage or moderator) else [],
        "rules": [str(rule) for rule in RULES],
        "item": petition.item,
        "share_url": _share_url(petition) if petition.status in selectors.PUBLIC_STATES else "",
    }
    return render(request, "campaigns/petition.html", context, status=status)


def _chosen_source(request) -> dict:
    """A domain or an address key chosen in the moderators' table of sources (?domain=, ?ip_key=): the strike-out
    form comes filled with it."""
    return {name: request.GET[name][:255] for name in ("domain", "ip_key") if request.GET.get(name)}


def _share_url(petition: Petition) -> str:
    """The petition's address to pass on, whole (the same origin as the emailed links)."""
    return settings.SITE_URL + petition.get_absolute_url()


def _signer(user) -> dict:
    """A signed-in person signs with their name and email filled in (the page is cached for anonymous readers
    only). The signature is still confirmed by the emailed link, as everyone's."""
    if not user.is_authenticated:
        return {}
    return {"name": user.full_name, "email": user.email}


@require_GET
@public_page(topics=lambda request, pk, **kwargs: ["petitions", f"petition:{pk}"])
@explained
def petition(request, pk):
    petition = _petition_or_404(request, pk)
    response = _page(request, petition)
    if (
        petition.listed_at is None
    ):  # visible only by its link until its first signatures: not for search engines
        response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
@public_page(topics=lambda request, pk, **kwargs: [f"petition:{pk}"])
def petition_counter(request, pk):
    """The counter as a small JSON (cached like the page): count, goal, per cent, status."""
    petition = get_object_or_404(Petition, pk=pk, status__in=selectors.PUBLIC_STATES)
    return JsonResponse(
        {
            "id": petition.pk,
            "signatures": petition.signature_count,
            "goal": petition.goal,
            "progress": petition.progress,
            "status": petition.status,
            "signable": services.is_signable(petition),
        }
    )


@csrf_exempt
@require_POST
def petition_sign(request, pk):
    """Sign a petition. Exempt from CSRF on purpose: the petition's page is a cached public page carrying no
    CSRF token, the signer has no session, and a forged or unwanted signature counts for nothing until the
    owner of the email opens the confirmation link. Floods are refused by the rate limits and the honeypot.

    A first signature and a repeated one are answered the same way (303 to "check your email"; the repeated one
    gets an email "you already signed"), so the page never tells who signed. Bad input: the page again with the
    messages and what was typed (400)."""
    petition = get_object_or_404(Petition, pk=pk, status__in=selectors.PUBLIC_STATES)
    form = SignForm(request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.sign(
                petition=petition,
                name=data["name"],
                email=data["email"],
                region=data["region"],
                show_name=data["show_name"],
                wants_updates=data["wants_updates"],
                ip=client_ip(request),
            )
        except DomainError as error:
            form_error(form, error)
            status = 429 if error.code == "flood" else 400
        else:
            return redirect_303(reverse("campaigns:petition_signed", args=[petition.pk]))
    petition = selectors.petition_detail(petition.pk)
    return _page(request, petition, sign_form=form, status=status)


@require_GET
def petition_signed(request, pk):
    petition = get_object_or_404(Petition, pk=pk, status__in=selectors.PUBLIC_STATES)
    return render(request, "campaigns/petition_signed.html", {"petition": petition})


def redirect_303(url):
    response = redirect(url)
    response.status_code = 303
    return response


@require_GET
def signature_confirm(request, token):
    try:
        signature, number = services.confirm(token)
    except DomainError as error:
        petition = None
        try:
            petition_id, _key = services.read_token(token, max_age=None)
            petition = Petition.objects.filter(pk=petition_id).first()
        except DomainError:
            pass
        context = {
            "error": error,
            "petition": petition,
            "token": token,
            "expired": error.code == "token_expired",
        }
        return render(
            request, "campaigns/petition_confirm.html", context, status=400 if error.code != "closed" else 410
        )
    context = {
        "signature": signature,
        "petition": signature.petition,
        "number": number,
        "share_url": _share_url(signature.petition),
    }
    return render(request, "campaigns/petition_confirm.html", context)


@csrf_exempt
@require_POST
def signature_resend(request):
    """A fresh confirmation link for an expired one. Exempt from CSRF like signing (the signer has no session):
    it can only send an email to the address that signed, and it is rate-limited."""
    token = request.POST.get("token", "")
    try:
        signature = services.resend(token, ip=client_ip(request))
    except DomainError as error:
        context = {"error": error, "petition": None, "token": token, "expired": False}
        return render(request, "campaigns/petition_confirm.html", context, status=400)
    return redirect_303(reverse("campaigns:petition_signed", args=[signature.petition_id]))


# The author's form.


def _campaign_from(request) -> Campaign | None:
    pk = request.GET.get("campaign") or request.POST.get("campaign")
    if not pk or not str(pk).isdigit():
        return None
    campaign = get_object_or_404(Campaign, pk=pk)
    require(can_edit_campaign(request.user, campaign))  # the team's petition, in its organisation's name
    return campaign


@login_required
@require_http_methods(["GET", "POST"])
def petition_new(request):
    require(_signed_in(request.user))
    campaign = _campaign_from(request)
    if request.method == "POST":
        form = PetitionForm(request.POST)
        if form.is_valid():
            try:
                made = services.petition_create(by=request.user, campaign=campaign, **form.values())
            except DomainError as error:
                form_error(form, error)
            else:
                if getattr(made, "sent_again", False):
                    messages.info(request, _("This draft is already saved: here it is."))
                else:
                    messages.success(request, _("Draft saved. Check it, then send it to the moderators."))
                return redirect(made)
        status = 400
    else:
        initial = {}
        if campaign is not None:
            initial = {"title": campaign.title, "text": campaign.problem_statement}
        form = PetitionForm(initial=initial)
        status = 200
    context = {"form": form, "campaign": campaign, "rules": [str(rule) for rule in RULES]}
    return render(request, "campaigns/petition_form.html", context, status=status)


def _signed_in(user):
    from azamat.core.permissions import ALLOW, deny

    return ALLOW if user.is_authenticated else deny(_("Sign in to write a petition."))


@login_required
@require_http_methods(["GET", "POST"])
def petition_edit(request, pk):
    petition = _petition_or_404(request, pk)
    require(can_manage_petition(request.user, petition))
    if petition.status not in services.EDITABLE:
        # Sent to the moderators or published (a bookmark, the back button): no form to type into in vain.
        messages.error(request, services.MESSAGES["not_editable"] % {"state": petition.get_status_display()})
        return redirect(petition)
    if request.method == "POST":
        form = PetitionEditForm(request.POST)
        if form.is_valid():
            try:
                services.petition_update(petition=petition, by=request.user, **form.values())
            except DomainError as error:
                if error.code == edits.CHANGED_MEANWHILE:
                    # What was typed stays; the form now holds the newer moment, so saving again (having been
                    # told) replaces the other change.
                    form = PetitionEditForm(edits.taken_over(request.POST, petition))
                    form.is_valid()
                form_error(form, error)
            else:
                messages.success(request, _("Petition saved."))
                return redirect(petition)
        status = 400
    else:
        form = PetitionEditForm(
            initial={
                "loaded_at": edits.loaded_marker(petition),
                "title": petition.title,
                "text": petition.text,
                "demands": petition.demands,
                "body": petition.body_id,
                "region": petition.region_id,
                "goal": petition.goal,
                "closes_on": petition.closes_on,
                "languages": petition.languages,
            }
        )
        status = 200
    context = {
        "form": form,
        "petition": petition,
        "campaign": petition.campaign,
        "rules": [str(r) for r in RULES],
    }
    return render(request, "campaigns/petition_form.html", context, status=status)


def _step(request, petition, action, success):
    try:
        action()
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(petition)


@login_required
@require_POST
def petition_submit(request, pk):
    petition = _petition_or_404(request, pk)
    require(can_manage_petition(request.user, petition))
    return _step(
        request,
        petition,
        lambda: services.petition_submit(petition=petition, by=request.user),
        _("Sent to the moderators: you will get an email when they decide."),
    )


@login_required
@require_POST
def petition_close(request, pk):
    petition = _petition_or_404(request, pk)
    require(can_manage_petition(request.user, petition))
    return _step(
        request,
        petition,
        lambda: services.petition_close(petition=petition, by=request.user),
        _("The petition is closed and no longer takes signatures."),
    )


# Moderation.


@login_required
@require_GET
def petition_moderate(request):
    require(can_moderate_petition(request.user))
    return render(request, "campaigns/petition_moderate.html", {"queue": selectors.moderation_queue()})


@login_required
@require_POST
def petition_publish(request, pk):
    petition = _petition_or_404(request, pk)
    require(can_moderate_petition(request.user, petition))
    return _step(
        request,
        petition,
        lambda: services.petition_publish(petition=petition, by=request.user),
        _("Published: the petition takes signatures (visible by link until its first signatures list it)."),
    )


@login_required
@require_POST
def petition_reject(request, pk):
    petition = _petition_or_404(request, pk)
    require(can_moderate_petition(request.user, petition))
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.petition_reject(petition=petition, by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            if petition.status != Petition.Status.MODERATION:
                # Decided meanwhile (another moderator, the back button): the page shows no reject form to
                # carry the reason, so it is said at the top.
                messages.error(request, str(error))
                return redirect(petition)
            form_error(form, error)
        else:
            messages.success(request, _("Rejected: the author reads your reason."))
            return redirect(petition)
    return _page(request, petition, forms={"reject": form}, status=400)


@login_required
@require_POST
def petition_invalidate(request, pk):
    from azamat.campaigns.counting import invalidate

    petition = _petition_or_404(request, pk)
    require(can_moderate_petition(request.user, petition))
    form = InvalidateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            done = invalidate(
                petition=petition,
                by=request.user,
                reason=data["reason"],
                domain=data["domain"],
                ip_key=data["ip_key"],
                since=data["since"],
                until=data["until"],
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s signature struck out; the count is corrected.",
                    "%(count)s signatures struck out; the count is corrected.",
                    done.count,
                )
                % {"count": format_number(done.count)},
            )
            # Its own anchor, or the browser keeps the form's (#invalidate) and scrolls past the message at the top.
            return redirect(petition.get_absolute_url() + "#content")
    return _page(request, petition, forms={"invalidate": form}, status=400)


@login_required
@require_GET
def petition_export(request, pk, fmt):
    from azamat.campaigns import petition_exports

    petition = _petition_or_404(request, pk)
    require(can_manage_petition(request.user, petition))
    if fmt not in CONTENT_TYPES:
        raise Http404(_("No such format: choose CSV, XLSX or PDF."))
    content = petition_exports.build(petition, fmt)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="petition-{petition.pk}-signatures-{stamp}.{fmt}"'
    )
    return response
