"""Public pages for anonymous visitors, served from the shared cache until a topic they show changes.

A page declares the topics it shows (`@public_page(topics=lambda request, **kwargs: ["registry"])`); the services
that change what a topic shows call `topics_bump("registry")`, which moves the topic's version in the shared
cache (Redis in production, each process's memory in the demo). A stored page is found under a key made of its
path, its allowed query parameters, its language, the versions of its topics and the current time bucket, so a
change shows on the next request and a page whose content follows the clock (a call opening) is at most
PUBLIC_CACHE_SECONDS old. The same key, hashed, is the ETag: a conditional GET is answered 304 without rendering.

Only anonymous GET/HEAD requests with no session, no pending messages and no query parameter outside the page's
list are cached; everything else (signed-in users, searches, htmx fragments) is rendered as before and marked
`private, no-store`. A page whose rendering used the CSRF token or set a cookie is never stored, so a stored
page carries no per-visitor secret (base.html leaves the token out when `request.public_page` is set).
See docs/decisions/0005-public-cache.md.
"""

from __future__ import annotations

import functools
import hashlib
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from django.utils.translation import get_language

TOPIC_PREFIX = "public:topic:"
PAGE_PREFIX = "public:page:"
# The response headers a stored page keeps; the middleware adds the rest (security, CSP, language) on each answer.
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")
VARY = ("Cookie", "Accept-Language", "HX-Request")


def cache_seconds() -> int:
    return getattr(settings, "PUBLIC_CACHE_SECONDS", 60)


def topic_key(name: str) -> str:
    return TOPIC_PREFIX + name


def topic_versions(names: Iterable[str]) -> list[int]:
    names = list(names)
    found = cache.get_many([topic_key(n) for n in names]) if names else {}
    return [found.get(topic_key(n), 0) for n in names]


def _bump(names: tuple[str, ...]) -> None:
    for name in names:
        key = topic_key(name)
        if not cache.add(key, 1, timeout=None):
            try:
                cache.incr(key)
            except ValueError:  # evicted between add and incr
                cache.set(key, 1, timeout=None)


def topics_bump(*names: str) -> None:
    """Move the versions of these topics: the pages that show them are rendered afresh on their next request.

    Called by the services that change what a topic shows. It moves them now (a reader in this transaction, and
    tests, see the change) and again when the transaction commits: a page rendered between the two from data not
    yet committed would otherwise be stored under the new version.
    """
    _bump(names)
    transaction.on_commit(lambda: _bump(names))


DATA_PREFIX = "public:data:"
# The longest a value is kept: a change no service announces (a data migration) shows after it.
DATA_SECONDS = 300


def cached_data(name: str, topics: Iterable[str], compute: Callable[[], object], seconds: int = DATA_SECONDS):
    """compute() from the shared cache until one of `topics` moves: what every rendering of a public page reads
    and few changes alter (a filter's choices in the reader's language), kept under the versions of the topics
    whose changes alter it, as the pages themselves are. `name` tells one value from another (with the language
    where the value is written in one)."""
    if not cache_seconds():
        return compute()
    key = DATA_PREFIX + name + ":" + ":".join(str(v) for v in topic_versions(topics))
    data = cache.get(key)
    if data is None:
        data = compute()
        cache.set(key, data, timeout=seconds)
    return data


def _allowed_query(request, params: tuple[str, ...]) -> list[tuple[str, str]] | None:
    """The query as part of the key, or None when it holds a parameter the page does not cache (a search).

    A parameter with nothing in it (`?q=&region=`, as a filter form sends its empty fields) is no parameter: the
    pages read a blank field as an absent one, so it shares the plain page's key."""
    items = []
    for name, values in request.GET.lists():
        if not any(value.strip() for value in values):
            continue
        if name not in params or len(values) != 1 or len(values[0]) > 100:
            return None
        items.append((name, values[0]))
    return sorted(items)


def _anonymous(request) -> bool:
    """True when the visitor is certainly anonymous with nothing of their own to show, without a database query:
    no session cookie (so no signed-in user and no session messages) and no messages cookie."""
    return (
        settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in request.COOKIES
    )


def _private(response) -> HttpResponse:
    patch_cache_control(response, private=True, no_store=True)
    return response


def _public_headers(response, etag: str, stored_at: float, seconds: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored_at)
    patch_cache_control(response, public=True, max_age=seconds)
    patch_vary_headers(response, VARY)
    return response


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # the page used the CSRF token
        and "no-store" not in response.get("Cache-Control", "")
        and b"csrfmiddlewaretoken" not in response.content
    )


def _not_modified(request, etag: str, stored_at: float | None) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and stored_at is not None and int(stored_at) <= since


def public_page(*, topics: Callable[..., Iterable[str]], params: Iterable[str] = ()):
    """Serve this view to anonymous visitors from the cache while the versions of `topics` are unchanged.

    `topics(request, **kwargs)` names what the page shows; `params` are the query parameters that stay cacheable
    (filters with few values, the page number) and become part of the key. Any other parameter bypasses the cache.
    """
    allowed = tuple(params)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = cache_seconds()
            query = _allowed_query(request, allowed)
            if (
                not seconds
                or request.method not in ("GET", "HEAD")
                or query is None
                or request.headers.get("HX-Request")
                or not _anonymous(request)
            ):
                return _private(view(request, *args, **kwargs))
            names = list(topics(request, **kwargs))
            bucket = int(time.time() // seconds)
            parts = [
                request.path,
                repr(query),
                get_language() or "",
                repr(names),
                repr(topic_versions(names)),
                bucket,
            ]
            etag = '"' + hashlib.sha256("\n".join(map(str, parts)).encode()).hexdigest()[:32] + '"'
            key = PAGE_PREFIX + etag.strip('"')
            entry = cache.get(key)
            stored_at = entry["at"] if entry else None
            if _not_modified(request, etag, stored_at):
                return _public_headers(HttpResponseNotModified(), etag, stored_at or time.time(), seconds)
            if entry:
                response = HttpResponse(entry["content"], status=200)
                for name, value in entry["headers"].items():
                    response[name] = value
                return _public_headers(response, etag, stored_at, seconds)
            request.public_page = True  # base.html leaves out the CSRF token, which no anonymous page needs
            response = view(request, *args, **kwargs)
            if not _storable(request, response):
                return _private(response)
            stored_at = time.time()
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(
                key, {"content": response.content, "headers": headers, "at": stored_at}, timeout=seconds
            )
            return _public_headers(response, etag, stored_at, seconds)

        return wrapper

    return decorator
