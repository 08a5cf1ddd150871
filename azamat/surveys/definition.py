"""A survey's form as Azamat keeps it: one JSON document per version (`SurveyVersion.definition`), made from an
XLSForm (`xlsform.py`, read and checked by pyxform) or by the form editor, and written back to XLSForm. The web
form, the quota checks, the analysis and the exports read only this document.

    {
      "title": {"kk": "...", "ru": "...", "en": "..."},
      "languages": ["kk", "ru"],                    # the languages its labels are in, first = default
      "children": [Node, ...],                      # top level: each group here is a page of the web form;
                                                    # consecutive questions outside groups share one page
      "choices": {"list_name": [{"name": "f", "label": {"ru": "Женский", ...}, "filter": {"region": "75"}}]},
    }

A Node is a dict:
    name          the XLSForm name, unique in the form (the key of its answer in `Response.data`)
    type          text | integer | decimal | select_one | select_multiple | date | note | calculate
                  | group | repeat
    label, hint   {lang: text}; may hold ${other} references, replaced when shown
    required      bool;  required_message {lang: text}
    relevant      XPath (skip logic) or ""
    constraint    XPath or "";  constraint_message {lang: text}
    calculation   XPath (calculate) or ""
    default       text or ""
    list          the choice list's name (select_one, select_multiple)
    or_other      bool: an "other" choice whose text is kept under "<name>_other"
    choice_filter XPath over the choice's filter columns, or ""
    appearance    XLSForm appearance text ("field-list" on a group makes it one page; "minimal", ...)
    personal      bool: personal data (names, phones) — kept sealed, never in public reports
    read_only     bool
    children      [Node, ...] for group and repeat;  repeat_count XPath or "" for repeat

Answers in `Response.data` (personal ones in the sealed `Response.personal`, same shape): text → str,
integer → int, decimal → its decimal text with the places typed ("1234.50"; a float in answers stored before,
see `decimals`), select_one → choice name (str), select_multiple → [choice names], date → ISO "YYYY-MM-DD",
calculate → str, or_other text → "<name>_other": str, repeat → [{child name: answer, ...}, ...]. A question not
answered (or not relevant) has no key.
"""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

QUESTION_TYPES = ("text", "integer", "decimal", "select_one", "select_multiple", "date", "note", "calculate")
CONTAINER_TYPES = ("group", "repeat")
ANSWERED_TYPES = ("text", "integer", "decimal", "select_one", "select_multiple", "date")
CHOICE_TYPES = ("select_one", "select_multiple")
OTHER = "other"  # the choice name or_other adds
# The languages a form's labels may be in, named in the language of the page (the team's pages; a respondent's
# language switch names each language in itself).
LANGUAGE_NAMES = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code, code))


def walk(nodes: list[dict], *, into_repeats: bool = True) -> Iterator[dict]:
    """Every node, depth first, containers before their children."""
    for node in nodes:
        yield node
        if node["type"] == "group" or (node["type"] == "repeat" and into_repeats):
            yield from walk(node.get("children", []), into_repeats=into_repeats)


def questions(definition: dict, *, into_repeats: bool = False) -> list[dict]:
    """The nodes that hold an answer or a value (not groups, repeats or notes), in form order; by default those
    outside repeats, which are the columns of the flat exports and the analysis."""
    return [
        node
        for node in walk(definition.get("children", []), into_repeats=into_repeats)
        if node["type"] in QUESTION_TYPES and node["type"] != "note"
    ]


def find(definition: dict, name: str) -> dict | None:
    for node in walk(definition.get("children", [])):
        if node.get("name") == name:
            return node
    return None


def pages(definition: dict) -> list[list[dict]]:
    """The web form's pages: each top-level group or repeat is one page; consecutive questions outside any group
    share a page."""
    result: list[list[dict]] = []
    loose: list[dict] = []
    for node in definition.get("children", []):
        if node["type"] in CONTAINER_TYPES:
            if loose:
                result.append(loose)
                loose = []
            result.append([node])
        else:
            loose.append(node)
    if loose:
        result.append(loose)
    return result


def text(labels: dict | str | None, language: str, languages: list[str] | None = None) -> str:
    """A label in `language`, else in the form's first language that has it, else any."""
    if not labels:
        return ""
    if isinstance(labels, str):
        return labels
    if labels.get(language):
        return labels[language]
    for lang in languages or []:
        if labels.get(lang):
            return labels[lang]
    return next((value for value in labels.values() if value), "")


def choice_label(definition: dict, list_name: str, choice: str, language: str) -> str:
    for item in definition.get("choices", {}).get(list_name, []):
        if item["name"] == choice:
            return text(item.get("label"), language, definition.get("languages"))
    return choice
