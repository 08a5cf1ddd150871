"""The workspace: a dashboard of what a person can do in their roles, their profile and API token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.authtoken.models import Token

from azamat.accounts.forms import ProfileForm
from azamat.accounts.models import PlatformRole
from azamat.accounts.services import dashboard_actions
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
    context = {
        "form": form,
        "roles": request.user.platform_roles.select_related("body"),
        "memberships": memberships_of(user=request.user),
        "token": Token.objects.filter(user=request.user).first(),
        "role_choices": PlatformRole.Role,
    }
    return render(request, "accounts/profile.html", context)


@login_required
@require_POST
def token_regenerate(request):
    Token.objects.filter(user=request.user).delete()
    token = Token.objects.create(user=request.user)
    messages.success(request, _("A new API token is made. Copy it now: %(key)s") % {"key": token.key})
    return redirect("accounts:profile")
