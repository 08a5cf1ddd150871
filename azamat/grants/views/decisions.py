"""The operator's decision on a one-stage call's scored application, from its ranking page (grants/lifecycle.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from azamat.core.errors import DomainError
from azamat.core.permissions import require
from azamat.grants.models import Application
from azamat.grants.permissions import can_see_ranking
from azamat.grants.services.decisions import application_decide

CHOICES = {"award": True, "decline": False}


@login_required
@require_POST
def application_decide_view(request, code, pk):
    require(can_see_ranking(request.user))
    application = get_object_or_404(Application, pk=pk, call__code=code)
    choice = request.POST.get("decision", "")
    if choice not in CHOICES:
        messages.error(request, _("Choose whether to award the grant."))
        return redirect("grants:ranking", code=code)
    try:
        application_decide(application=application, by=request.user, award=CHOICES[choice])
    except DomainError as error:
        if error.code == "not_allowed":
            raise PermissionDenied(str(error)) from error
        messages.error(request, str(error))
    else:
        if CHOICES[choice]:
            messages.success(
                request, _("The grant is awarded to %(number)s.") % {"number": application.number}
            )
        else:
            messages.success(request, _("%(number)s is not awarded.") % {"number": application.number})
    return redirect("grants:ranking", code=code)


urlpatterns = [
    path(
        "operator/calls/<slug:code>/ranking/<int:pk>/decide/",
        application_decide_view,
        name="application_decide",
    ),
]
