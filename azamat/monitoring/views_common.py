"""What every monitoring workspace view shares: signed in, two-factor sign-in on, the permission decided and a
refusal logged, the organisation looked up, the read logged.

    @monitoring_view
    def event_detail(request, pk):
        event = get_object_or_404(Event.objects.select_related(...), pk=pk)
        check(request, permissions.can_view_event(request.user, event), event)
        audit.read(request, event)
        ...

`check` raises PermissionDenied (403 with the reason) after logging the refusal against the record's organisation;
when the only thing missing is two-factor sign-in, the person is sent to set it up and comes back after."""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from azamat.core.errors import DomainError, form_error
from azamat.core.permissions import Decision
from azamat.monitoring import audit
from azamat.monitoring.permissions import NEEDS_TWO_FACTOR
from azamat.registry.models import Organisation


class TwoFactorRequired(Exception):
    pass


def check(request, decision: Decision, record=None) -> None:
    if decision:
        return
    if decision.reason == str(NEEDS_TWO_FACTOR):
        raise TwoFactorRequired
    if record is not None:
        audit.refused(request, record)
    raise PermissionDenied(decision.reason)


def monitoring_view(view):
    """Signed in (else to sign in); a missing second factor sends the person to set it up."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except TwoFactorRequired:
            messages.warning(request, str(NEEDS_TWO_FACTOR))
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")

    return wrapped


def found(read, pk):
    """`read(pk)` (a selector), or 404 when there is no such record."""
    try:
        return read(pk)
    except ObjectDoesNotExist as error:
        raise Http404(_("No such record.")) from error


def posted(request):
    """The form's data on a POST (an empty one too: its fields are then missing), none on a GET."""
    return request.POST if request.method == "POST" else None


def organisation(pk: int) -> Organisation:
    return get_object_or_404(Organisation, pk=pk)


def form_page(request, form, template: str, context: dict, *, save, done):
    """A workspace form's page: shown on a GET; on a POST, a valid form goes to `save(cleaned_data)` (a service;
    its DomainError lands on the form) and `done(result)` gives the message and the address to go to; otherwise
    the form comes back with what was typed and its errors, status 400.

        return form_page(request, SiteForm(...), T + "site_form.html", {"org": org},
                         save=lambda data: services.site_create(organisation=org, by=request.user, **data),
                         done=lambda site: (_("The website is in the register."), site_url(site)))
    """
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                result = save(form.cleaned_data)
            except DomainError as error:
                form_error(form, error)
            else:
                message, target = done(result)
                messages.success(request, message)
                return redirect(target)
    return render(request, template, {"form": form, **context}, status=status)
