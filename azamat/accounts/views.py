"""The workspace: a dashboard of what a person can do in their roles, their profile and API token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from azamat.accounts.api_tokens import api_token_create, api_token_revoke, api_tokens_of
from azamat.accounts.forms import ApiTokenForm, ProfileForm
from azamat.accounts.models import PlatformRole
from azamat.accounts.services import dashboard_actions, language_remember
from azamat.core.errors import DomainError
from azamat.registry.selectors import memberships_of


@login_required
@require_GET
def dashboard(request):
    memberships = list(memberships_of(user=request.user))
    roles = list(request.user.platform_roles.select_related("body"))
    context = {
        "memberships": memberships,
        "roles": roles,
        "actions": dashboard_actions(user=request.user, memberships=memberships, roles=roles),
    }
    return render(request, "accounts/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return _profile_page(request, form=form, token_form=ApiTokenForm(), status=400 if form.errors else 200)


def _profile_page(request, *, form, token_form, new_key=None, status=200):
    context = {
        "form": form,
        "roles": request.user.platform_roles.select_related("body"),
        "memberships": memberships_of(user=request.user),
        "tokens": api_tokens_of(user=request.user),
        "token_form": token_form,
        "new_key": new_key,
        "now": timezone.now(),
        "role_choices": PlatformRole.Role,
    }
    return render(request, "accounts/profile.html", context, status=status)


@login_required
@require_POST
def token_create(request):
    """Make a named token and show its key in this response only: it is never stored nor put in a cookie."""
    token_form = ApiTokenForm(request.POST)
    new_key = None
    if token_form.is_valid():
        try:
            _token, new_key = api_token_create(user=request.user, **token_form.cleaned_data)
        except DomainError as error:
            token_form.add_error(error.field, str(error))
    response = _profile_page(
        request,
        form=ProfileForm(instance=request.user),
        token_form=ApiTokenForm() if new_key else token_form,
        new_key=new_key,
        status=200 if new_key else 400,
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(api_tokens_of(user=request.user), pk=pk)
    api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:profile")


def set_language(request):
    """Django's language switch (the cookie), which also keeps a signed-in person's choice for their emails."""
    response = django_set_language(request)
    if request.method == "POST" and request.user.is_authenticated:
        language_remember(user=request.user, language=request.POST.get("language", ""))
    return response
