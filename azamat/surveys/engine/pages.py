"""The form's pages as the respondent walks them: which pages show a relevant question, the next and the
previous one."""

from azamat.surveys import definition as spec
from azamat.surveys.engine.logic import _scope


def _page_nodes(definition, page) -> list[dict]:
    all_pages = spec.pages(definition)
    if page < 0 or page >= len(all_pages):
        return []
    return all_pages[page]


def _page_shows(definition, nodes, scope) -> bool:
    for node in nodes:
        if node["type"] == "calculate" or not scope.test(node.get("relevant", "")):
            continue
        if node["type"] == "group":
            if _page_shows(definition, node.get("children", []), scope):
                return True
            continue
        return True
    return False


def page_is_relevant(definition: dict, answers: dict, page: int) -> bool:
    return _page_shows(definition, _page_nodes(definition, page), _scope(definition, answers))


def next_page(definition: dict, answers: dict, page: int) -> int | None:
    """The next page after `page` that has a relevant question, or None when `page` is the last."""
    scope = _scope(definition, answers)
    all_pages = spec.pages(definition)
    for number in range(max(page + 1, 0), len(all_pages)):
        if _page_shows(definition, all_pages[number], scope):
            return number
    return None


def previous_page(definition: dict, answers: dict, page: int) -> int | None:
    scope = _scope(definition, answers)
    all_pages = spec.pages(definition)
    for number in range(min(page, len(all_pages)) - 1, -1, -1):
        if _page_shows(definition, all_pages[number], scope):
            return number
    return None


def first_page(definition: dict, answers: dict) -> int | None:
    return next_page(definition, answers, -1)
