"""Site-wide pages: the home page, the health check."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from azamat.core.hooks import app_modules
from azamat.core.public_cache import public_page


def home_contributions() -> dict:
    """What each app puts on the home page: an app with a `home` module gives `context()`, a dict of figures
    and lists its part of the template reads. Core knows no app; the apps come to it."""
    context: dict = {}
    for module in app_modules("home"):
        context.update(module.context())
    return context


@require_GET
@public_page(topics=lambda request: ["registry", "calls", "dashboard"])
def home(request):
    return render(request, "core/home.html", home_contributions())


@require_GET
@cache_control(no_store=True)
def healthz(request):
    """A trivial view: the benchmarks' baseline and the load balancer's health check."""
    return HttpResponse("ok", content_type="text/plain")
