"""Site-wide pages: the home page, the health check."""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from azamat.registry.models import GovernmentBody, Organisation, Region


@require_GET
def home(request):
    context = {
        "n_organisations": Organisation.objects.count(),
        "n_bodies": GovernmentBody.objects.count(),
        "regions": Region.objects.annotate(n=Count("organisations")).order_by("-n")[:6],
    }
    return render(request, "core/home.html", context)


@require_GET
@cache_control(no_store=True)
def healthz(request):
    """A trivial view: the benchmarks' baseline and the load balancer's health check."""
    return HttpResponse("ok", content_type="text/plain")
