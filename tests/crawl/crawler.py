"""A breadth-first crawler over the Django test client: follows same-site links, submits every form empty
and with junk, and records server errors and English text on Kazakh and Russian pages.

Each URL pattern (resolver match plus the names of its query parameters) is visited a bounded number of
times, so a thousand organisation pages cost one or two visits, and each form (its action's pattern and
its fields) is submitted once per crawl.
"""

import re
import sys
import traceback
from collections import deque
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import NoReverseMatch, Resolver404, resolve, reverse

from .english import english_on_page

# Not followed: signing out ends the persona's session, the language switch is the crawl's own setting,
# the admin is out of scope (it has its own checks), and files are downloads, not pages.
SKIPPED_VIEWS = re.compile(
    r"^(account_logout|set_language|admin:.*|.*download.*|.*_file|.*_attachment|.*protocol.*|api-schema|api-redoc"
    r"|v1:.*|healthz|core:healthz)$"
)
SKIPPED_PATHS = re.compile(r"^/(static|media|admin|api/v1|api/schema)/|\.(pdf|csv|xlsx|json|zip|docx?)$")
# Not submitted, for the reason signing out is not followed: leaving one's organisation ends the persona's role in it
# (the member's application, the administrator's members page), and the rest of the crawl would lose its way. The
# leaving itself is held by registry's tests and the authorisation matrix.
SKIPPED_SUBMITS = {("registry:organisation_join", ("action", "leave"))}

LONG = "абв " * 3000  # 12 000 characters
SCRIPT = '<script>alert("x")</script>'
FORMULA = "=1+1"
HUGE = "9" * 30

# What each kind of input gets in each junk submission.
JUNK_VARIANTS = {
    "long": {
        "text": LONG,
        "textarea": LONG,
        "number": "абв",
        "date": "2099-13-45",
        "datetime-local": "2099-13-45T25:61",
        "time": "25:61",
        "email": LONG,
        "url": LONG,
        "tel": LONG,
        "search": LONG,
        "password": LONG,
        "select": "абв",
        "checkbox": "абв",
        "radio": "абв",
        "hidden": None,
    },
    "markup": {
        "text": SCRIPT,
        "textarea": FORMULA,
        "number": "-1",
        "date": "31.02.2026",
        "datetime-local": "-1",
        "time": "-1",
        "email": SCRIPT,
        "url": "javascript:alert(1)",
        "tel": FORMULA,
        "search": SCRIPT,
        "password": FORMULA,
        "select": "-1",
        "checkbox": "-1",
        "radio": "-1",
        "hidden": "абв",
    },
    "huge": {
        "text": FORMULA,
        "textarea": SCRIPT,
        "number": HUGE,
        "date": "0000-00-00",
        "datetime-local": "9999-12-31T23:59",
        "time": "99:99",
        "email": FORMULA,
        "url": FORMULA,
        "tel": HUGE,
        "search": FORMULA,
        "password": HUGE,
        "select": HUGE,
        "checkbox": HUGE,
        "radio": HUGE,
        "hidden": HUGE,
    },
}
JUNK_STRINGS = (LONG.strip(), "абв", SCRIPT, FORMULA, HUGE, "javascript:alert(1)", "2099-13-45")
# Hidden fields the browser sends as they are whatever the user does: the CSRF token, where to go next.
KEPT_HIDDEN = {"csrfmiddlewaretoken", "next"}


@dataclass
class Field:
    name: str
    kind: str  # input type, "select" or "textarea"
    value: str = ""
    options: list[str] = field(default_factory=list)
    checked: bool = False
    multiple: bool = False


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[Field] = field(default_factory=list)
    submit: tuple[str, str] | None = None  # the first named submit button


class _PageParser(HTMLParser):
    """Links (a[href]) and forms with their fields, from one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: str | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(
                action=a.get("action", ""),
                method=(a.get("method") or "get").lower(),
                multipart="multipart" in a.get("enctype", ""),
            )
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "image"}:
                self._form.submit = self._form.submit or (a["name"], a.get("value", ""))
            elif kind not in {"button", "reset"}:
                self._form.fields.append(
                    Field(
                        a["name"],
                        kind,
                        a.get("value", "on" if kind == "checkbox" else ""),
                        checked="checked" in a,
                    )
                )
        elif tag == "button" and a.get("name") and (a.get("type") or "submit").lower() == "submit":
            self._form.submit = self._form.submit or (a["name"], a.get("value", ""))
        elif tag == "select" and a.get("name"):
            self._select = Field(a["name"], "select", multiple="multiple" in a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = a.get("value")
            if self._option is not None:
                self._select.options.append(self._option)
            if "selected" in a:
                self._select.value = self._option or ""
        elif tag == "textarea" and a.get("name"):
            self._textarea = Field(a["name"], "textarea")
            self._form.fields.append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _where_it_failed() -> str:
    """The exception and the deepest frame of our own code it passed through: enough to find the bug."""
    error = traceback.TracebackException.from_exception(sys.exc_info()[1])
    ours = [
        frame
        for frame in error.stack
        if "/azamat/" in frame.filename and "/site-packages/" not in frame.filename
    ]
    where = (
        f"{ours[-1].filename.split('/azamat/', 1)[-1]}:{ours[-1].lineno} in {ours[-1].name}" if ours else "?"
    )
    return f"{error.exc_type.__name__}: {str(error)[:200]} (at azamat/{where})"


@dataclass(frozen=True)
class Finding:
    kind: str  # "server error" or "English"
    view: str
    url: str
    detail: str

    def __str__(self):
        return f"[{self.kind}] {self.view} {self.url}\n    {self.detail}"


@dataclass
class Crawler:
    client: Client
    language: str
    max_pages: int = 150
    per_pattern: int = 2
    submit_forms: bool = True
    findings: list[Finding] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)
    views_seen: dict[str, str] = field(default_factory=dict)  # view name -> first URL that answered 200
    forms_submitted: int = 0
    _pattern_visits: dict = field(default_factory=dict)
    _forms_seen: set = field(default_factory=set)
    _queued: set = field(default_factory=set)

    @property
    def check_english(self) -> bool:
        return self.language in {"kk", "ru"}

    def crawl(self, start_urls: list[str]) -> list[Finding]:
        queue = deque()
        for url in start_urls:
            self._enqueue(queue, url, base="/")
        while queue and len(self.visited) < self.max_pages:
            url = queue.popleft()
            key = self._pattern_key(url)
            if key is None or self._pattern_visits.get(key, 0) >= self.per_pattern:
                continue
            self._pattern_visits[key] = self._pattern_visits.get(key, 0) + 1
            response = self._request("get", url)
            self.visited.append(url)
            if response is None:
                continue
            if response.status_code in {301, 302, 303, 307, 308}:
                self._enqueue(queue, response["Location"], base=url)
                continue
            html = self._html(response)
            if html is None:
                continue
            if response.status_code == 200:
                self.views_seen.setdefault(key[0], url)
            self._check_text(html, url)
            parser = _PageParser()
            parser.feed(html)
            for link in parser.links:
                self._enqueue(queue, link, base=url)
            if self.submit_forms:
                for form in parser.forms:
                    self._submit_all(form, page=url)
        return self.findings

    # --- requests -----------------------------------------------------------------------------------------

    def _request(self, method: str, url: str, data=None):
        """One request in its own savepoint, so a failed one (a 500 with a broken transaction on
        PostgreSQL) neither poisons the rest of the crawl nor keeps half its writes."""
        try:
            with transaction.atomic():
                if method == "get":
                    response = self.client.get(url, data)
                else:
                    response = self.client.post(url, data or {})
        except Exception:  # noqa: BLE001 — any exception a view raises is a 500 for the visitor
            self.findings.append(Finding("server error", self._view_name(url), url, _where_it_failed()))
            return None
        if response.status_code >= 500:
            self.findings.append(
                Finding(
                    "server error",
                    self._view_name(url),
                    url,
                    f"{method.upper()} answered {response.status_code}",
                )
            )
        return response

    @staticmethod
    def _html(response) -> str | None:
        if "text/html" not in response.get("Content-Type", "") or response.get("Content-Disposition"):
            return None
        if getattr(response, "streaming", False):
            return None
        return response.content.decode(response.charset or "utf-8", errors="replace")

    def _check_text(self, html: str, url: str, *, after: str = "") -> None:
        if not self.check_english:
            return
        for text, words in english_on_page(html, self.language, ignore=JUNK_STRINGS):
            where = "" if text.where == "text" else f"{text.where}="
            self.findings.append(
                Finding(
                    "English",
                    self._view_name(url),
                    url + after,
                    f"{where}{text.value[:160]!r}  (words: {', '.join(words[:6])})",
                )
            )

    # --- URLs ---------------------------------------------------------------------------------------------

    def _enqueue(self, queue: deque, link: str, *, base: str) -> None:
        url = self._same_site(link, base)
        if url and url not in self._queued and self._pattern_key(url) is not None:
            self._queued.add(url)
            queue.append(url)

    @staticmethod
    def _same_site(link: str, base: str) -> str | None:
        link = link.strip()
        if not link or link.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            return None
        absolute = urljoin("http://testserver" + base, link)
        absolute, _fragment = urldefrag(absolute)
        parts = urlsplit(absolute)
        if parts.scheme not in {"http", "https"} or parts.netloc != "testserver":
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @staticmethod
    def _view_name(url: str) -> str:
        try:
            return resolve(urlsplit(url).path).view_name
        except Resolver404:
            return "(no pattern)"

    def _pattern_key(self, url: str):
        parts = urlsplit(url)
        if SKIPPED_PATHS.search(parts.path):
            return None
        try:
            view = resolve(parts.path).view_name
        except Resolver404:
            return ("(no pattern)", parts.path)
        if SKIPPED_VIEWS.match(view):
            return None
        return (view, tuple(sorted({k for k, _v in parse_qsl(parts.query, keep_blank_values=True)})))

    # --- forms --------------------------------------------------------------------------------------------

    def _submit_all(self, form: Form, *, page: str) -> None:
        action = self._same_site(form.action or page, page)
        if action is None:
            return
        view = self._view_name(action)
        if SKIPPED_VIEWS.match(view) or SKIPPED_PATHS.search(urlsplit(action).path):
            return
        if (view, form.submit) in SKIPPED_SUBMITS:
            return
        signature = (view, form.method, tuple(sorted(f.name for f in form.fields)))
        if signature in self._forms_seen:
            return
        self._forms_seen.add(signature)
        for variant in ("empty", *JUNK_VARIANTS):
            self._submit(form, action, variant, page=page)

    def _submit(self, form: Form, action: str, variant: str, *, page: str) -> None:
        data: dict[str, object] = {}
        for f in form.fields:
            value = self._value(f, variant)
            if value is not None:
                data[f.name] = value
        if form.submit:
            data[form.submit[0]] = form.submit[1]
        self.forms_submitted += 1
        label = f"  (form of {page}, submitted {variant})"
        if form.method == "post":
            response = self._request("post", action, data)
        else:
            path, _, query = action.partition("?")
            params = dict(parse_qsl(query))
            params.update({k: v for k, v in data.items() if isinstance(v, str)})
            response = self._request("get", f"{path}?{urlencode(params)}")
        if response is None:
            return
        if response.status_code in {301, 302, 303} and self.check_english:
            # The message the next page shows ("saved", "refused") is part of the answer.
            target = self._same_site(response["Location"], action)
            if target and self._pattern_key(target) is not None:
                followed = self._request("get", target)
                if followed is not None and (html := self._html(followed)):
                    self._check_text(html, target, after=label)
            return
        if html := self._html(response):
            self._check_text(html, action, after=label)

    @staticmethod
    def _value(f: Field, variant: str):
        if f.kind == "file":
            if variant == "empty":
                return None
            names = {"long": "junk.pdf", "markup": "<script>.docx", "huge": "junk.exe"}
            return SimpleUploadedFile(names[variant], b"%PDF-1.4 not really a PDF", "application/pdf")
        if f.kind == "hidden" and (f.name in KEPT_HIDDEN or variant in {"empty", "long"}):
            return f.value
        if variant == "empty":
            return None if f.kind in {"checkbox", "radio"} else ""
        junk = JUNK_VARIANTS[variant]
        return junk.get(f.kind, junk["text"])


@cache
def pages_without_parameters() -> tuple[str, ...]:
    """Every page whose URL takes no parameter, so a page no link leads to is crawled all the same."""
    from tests.url_patterns import url_patterns

    urls = []
    for name, route in url_patterns():
        if name != route:  # a named pattern
            with suppress(NoReverseMatch):  # one that takes parameters is reached through links only
                urls.append(reverse(name))
    return tuple(dict.fromkeys(urls))
