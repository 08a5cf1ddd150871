"""Request-wide middleware: HEAD answered as GET, refused requests logged as one line, malformed input refused, htmx
messages in a header, the content security policy built once."""

import json
import logging

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import BadRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

refusals = logging.getLogger("azamat.requests")


class MalformedAddress(BadRequest):
    """A request refused for its address; its message, ours and translated, is shown on the 400 page."""


class RefusedRequestLogMiddleware:
    """Every refused request (4xx) is one log line: method, path, status, user id.

    A 403 or 404 is the application working as meant, not a fault: no traceback. Django's own `django.request`
    warnings for 4xx (a traceback for every PermissionDenied) are silenced in settings.LOGGING; 5xx still go
    there with their traceback. Listed first, so it sees every answer, the other middleware's included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if 400 <= response.status_code < 500:
            user = getattr(request, "user", None)
            user_id = user.pk if user is not None and user.is_authenticated else "-"
            # Escaped, so a path with a newline in it cannot forge a second log line.
            path = request.path.encode("unicode_escape").decode("ascii")
            refusals.warning(
                "%s %s %s user=%s",
                request.method,
                path,
                response.status_code,
                user_id,
                extra={"status_code": response.status_code},
            )
        return response


class HeadAsGetMiddleware:
    """HEAD is answered exactly as GET would be, without the body (RFC 9110 §9.3.2), on every page.

    Django's `require_GET` (used across our views) refuses HEAD with 405; rather than trust each module to use
    `require_safe`, every HEAD goes through as a GET and the body is dropped here, headers kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            # The open file (if any) is still closed by response.close() at the end of the request.
            response.streaming_content = iter(())
        else:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response


# The widest integer a database key can be (PostgreSQL bigint, SQLite INTEGER).
MAX_ID = 2**63 - 1
API_PREFIX = "/api/"


class MalformedRequestMiddleware:
    """Input no page can mean is refused before any view sees it: 400 or 404, never the database's 500.

    A NUL character in the path or a query parameter (PostgreSQL cannot store or compare it) is a 400; an id in
    the URL beyond what a database key can hold names nothing, so 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()
        ):
            message = _("The address contains a character that is not allowed.")
            if request.path.startswith(API_PREFIX):
                # The API answers errors in its own shape (DRF's), as its schema documents.
                return JsonResponse({"detail": message}, status=400)
            raise MalformedAddress(message)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404(_("Nothing has this number."))
        return None


class HtmxMessagesMiddleware:
    """Messages for htmx requests travel in a response header, so a partial update can still show them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or 300 <= response.status_code < 400:
            return response
        storage = get_messages(request)
        items = [{"level": m.level_tag, "text": str(m)} for m in storage]
        if items:
            response.headers["HX-Trigger"] = json.dumps({"messages": items})
        return response


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware with the site's policy built once per process instead of on every response.

    django-csp builds the header from the settings on every response (two dataclass copies and a walk of the
    directives: 14 % of the trivial view's time). A response whose view changed nothing (no `csp_update`,
    `csp_replace` or `csp` decorator, no nonce asked for) gets the same header, so the headers, with the paths
    each excludes, are built once; any other response, and every one under DEBUG, goes through django-csp
    unchanged. A change of settings (tests) forgets them.
    """

    _PER_RESPONSE = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )
    # (header, value, excluded path prefixes, the response attribute that exempts a view), for each policy that is on.
    _policies: list[tuple[str, str, tuple[str, ...], str]] | None = None

    @classmethod
    def _site_policies(cls) -> list[tuple[str, str, tuple[str, ...], str]]:
        if cls._policies is None:
            cls._policies = [
                (
                    header,
                    value,
                    tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()),
                    exempt,
                )
                for report_only, header, setting, exempt in (
                    (False, csp.constants.HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt"),
                    (
                        True,
                        csp.constants.HEADER_REPORT_ONLY,
                        "CONTENT_SECURITY_POLICY_REPORT_ONLY",
                        "_csp_exempt_ro",
                    ),
                )
                if (value := csp.utils.build_policy(report_only=report_only))
            ]
        return cls._policies

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or getattr(request, "_csp_nonce", None) is not None
            or any(getattr(response, name, None) is not None for name in self._PER_RESPONSE)
        ):
            return super().process_response(request, response)
        for header, value, excluded, exempt in self._site_policies():
            if (
                header not in response
                and not getattr(response, exempt, False)
                and not request.path_info.startswith(excluded)
            ):
                response[header] = value
        # As django-csp does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


@receiver(setting_changed)
def _forget_csp(**kwargs) -> None:
    if kwargs["setting"].startswith("CONTENT_SECURITY_POLICY"):
        CSPMiddleware._policies = None


class FormAddressMiddleware:
    """A form's address opened as a page (a link opened in a new tab, a bookmark, an address typed) answers, in the
    visitor's language and the site's frame, that it takes a form, with a link to the page the form belongs to —
    not Django's empty 405, which a browser shows as a blank error. The status (405) and `Allow` stay as they are;
    the API and htmx requests keep the bare answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code != 405
            or request.method != "GET"
            or request.path.startswith(API_PREFIX)
            or getattr(request, "htmx", False)
            or response.streaming
            or response.content
        ):
            return response
        from django.shortcuts import render

        page = render(request, "405.html", {"back": form_page(request.path)}, status=405)
        page["Allow"] = response["Allow"]
        return page


def form_page(path: str) -> str:
    """The nearest address above `path` that names a page (…/74/submit/ → …/74/), or the home page."""
    from django.urls import Resolver404, resolve

    parts = path.strip("/").split("/")
    while len(parts) > 1:
        parts.pop()
        candidate = "/" + "/".join(parts) + "/"
        try:
            resolve(candidate)
        except Resolver404:
            continue
        return candidate
    return "/"
