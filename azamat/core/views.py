"""Site-wide pages: the home page, the health check, the page of a request refused as malformed."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from azamat.core.errors import not_found_reason
from azamat.core.hooks import app_modules
from azamat.core.middleware import MalformedAddress
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


def bad_request(request, exception):
    """A 400 in the visitor's language, in the site's frame (Django's own is a bare English page). The reason is
    shown only when it is ours (MalformedAddress); others (a forged host, too many fields) may carry Django's
    English details, so a general sentence stands for them."""
    reason = str(exception) if isinstance(exception, MalformedAddress) else ""
    return render(request, "400.html", {"reason": reason}, status=400)


def page_not_found(request, exception):
    """A 404 that says why when the view said it ("The results of this call are not published yet."), in the
    site's frame; an unknown address, or get_object_or_404's English sentence, gets the general one."""
    return render(request, "404.html", {"reason": not_found_reason(exception)}, status=404)
