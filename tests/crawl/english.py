"""Finds English words in what a page shows: its text and its user-facing attributes.

The vocabulary is every word of the English source strings (msgids) of our catalogue, Django's and the
third-party packages we render (allauth, django-filter, simple-history): whatever English a page can show
through gettext comes from there, so "This field is required." or a password rule left untranslated is
caught, while Latin text that is nobody's message — a person's or an organisation's name, an email, a web
address, a code such as GR-2026-001 or an acronym such as API — is not. A few words that are both in the
vocabulary and legitimately Latin on a Kazakh or Russian page are allowed in ALLOWED, each with its reason.
"""

import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib

# Latin words a Kazakh or Russian page may show, and why.
ALLOWED = {
    "azamat",  # the brand, written in Latin letters in every language
    "seed",  # the draw's "seed": the term Python's random module uses, for whoever re-runs the draw
    "python",  # the programming language whose random module makes the draw
    "otinish",  # e-Otinish, the state portal for appeals, written in Latin letters in every language
    # Calendar applications named where the campaign's calendar link is offered.
    "google",
    "outlook",
    "apple",
    # Survey tools and file formats named by their own Latin names (the form format, the tools people come from,
    # the statistics packages the exports open in).
    "xlsform",
    "kobotoolbox",
    "odk",
    "spss",
    "pspp",
    # File formats by their extensions (.xlsx, .xls, .csv), named in the upload and download labels.
    "xlsx",
    "xls",
    "csv",
    "excel",  # Microsoft Excel, the spreadsheet the XLSX export opens in
    "belenios",  # the voting protocol and its tool, named by their own name (docs/decisions/0009-voting.md)
    # Language codes, shown as data (the languages an expert reads).
    "kk",
    "ru",
    "en",
}

# Elements whose text is code or data a person typed, not a message of ours.
SKIPPED_ELEMENTS = {"script", "style", "template", "code", "pre", "kbd", "samp", "textarea"}
VOID_ELEMENTS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
TEXT_ATTRIBUTES = ("title", "placeholder", "aria-label", "aria-description", "alt")

PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[sdfr]|%[sdfr]|\{[^}]*\}|<[^>]+>|&\w+;")
# Things that are Latin by nature: web addresses, emails, file names, tokens mixing letters with digits,
# dots or underscores (codes, numbers, identifiers), and names written in camel case.
NOT_WORDS = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|(?<!\S)[/?]\S+"  # a path or a query string: /api/v1/awarded-grants/, ?year=2026
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\S*[A-Za-z]\S*\.(?i:pdf|docx?|xlsx?|csv|json|yaml|zip|png|jpe?g|svg)\b"
    r"|\b[\w-]*\d[\w-]*\b"
    r"|\b\w+(?:[._/]\w+)+\b"
    r"|\b[\w-]*_[\w-]*\b"  # identifiers: indicators-TOTAL_FORMS, allow_empty
    r"|\b[A-Za-z]*[a-z][A-Z][A-Za-z]*\b"  # names in camel case: ManagementForm, JavaScript, WebP
)
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


@cache
def vocabulary() -> frozenset[str]:
    """Lower-cased English words of every msgid a page of ours can show."""
    import allauth
    import django
    import django_filters
    import simple_history

    azamat = Path(__file__).resolve().parents[2] / "azamat"
    catalogues = [azamat / "locale" / "en" / "LC_MESSAGES" / "django.po"]
    django_dir = Path(django.__file__).parent
    catalogues.append(django_dir / "conf" / "locale" / "ru" / "LC_MESSAGES" / "django.po")
    for app in ("auth", "humanize", "contenttypes", "postgres"):
        catalogues.append(django_dir / "contrib" / app / "locale" / "ru" / "LC_MESSAGES" / "django.po")
    for package in (allauth, django_filters, simple_history):
        catalogues += sorted((Path(package.__file__).parent / "locale").glob("ru*/LC_MESSAGES/django.po"))[:1]
    words: set[str] = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)):
            for text in (entry.msgid, entry.msgid_plural):
                words.update(_words(PLACEHOLDER.sub(" ", text or "")))
    return frozenset(word for word in words if len(word) > 1)


def _words(text: str) -> list[str]:
    """Lower-cased Latin words of the text, leaving out acronyms (API, PDF) and what NOT_WORDS removes."""
    found = []
    for match in WORD.finditer(NOT_WORDS.sub(" ", text)):
        word = re.split(r"['’]", match.group())[0]
        if len(word) > 1 and word.isupper():
            continue
        found.append(word.lower())
    return found


def english_words(text: str, *, ignore: tuple[str, ...] = ()) -> list[str]:
    """The words of the text that belong to the English vocabulary (after removing the `ignore` strings)."""
    for part in ignore:
        text = text.replace(part, " ")
    known = vocabulary()
    return [word for word in _words(text) if word in known and word not in ALLOWED]


@dataclass(frozen=True)
class Text:
    where: str  # "text", or the attribute's name
    value: str


class _VisibleText(HTMLParser):
    """Collects text nodes and user-facing attributes, skipping code, scripts and parts in another language."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.found: list[Text] = []
        self._chunk: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").lower()
        skipped = (
            self.skipping
            or tag in SKIPPED_ELEMENTS
            or bool(lang and not lang.startswith(self.language))
            or (attributes.get("translate") or "").lower() == "no"  # identifiers marked as not to translate
        )
        if not skipped:
            self._flush()
            for name in TEXT_ATTRIBUTES:
                if attributes.get(name):
                    self.found.append(Text(name, attributes[name]))
            is_button = tag == "input" and (attributes.get("type") or "").lower() in {
                "submit",
                "button",
                "reset",
            }
            if is_button and attributes.get("value"):
                self.found.append(Text("value", attributes["value"]))
            if tag == "meta" and (attributes.get("name") or "").lower() == "description":
                self.found.append(Text("content", attributes.get("content") or ""))
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                if not self.stack[index][1]:
                    self._flush()
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping:
            self._chunk.append(data)

    def _flush(self):
        text = " ".join("".join(self._chunk).split())
        if text:
            self.found.append(Text("text", text))
        self._chunk = []

    def close(self):
        super().close()
        self._flush()


def visible_texts(html: str, language: str) -> list[Text]:
    parser = _VisibleText(language)
    parser.feed(html)
    parser.close()
    return parser.found


def english_on_page(
    html: str, language: str, *, ignore: tuple[str, ...] = ()
) -> list[tuple[Text, list[str]]]:
    """Every piece of visible text of the page that holds English words, with those words."""
    found = []
    for text in visible_texts(html, language):
        if words := english_words(text.value, ignore=ignore):
            found.append((text, words))
    return found
