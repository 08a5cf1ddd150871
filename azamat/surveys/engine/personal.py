"""A response's answers to the questions marked personal kept apart from the rest, and joined again."""

import copy

from azamat.surveys import definition as spec
from azamat.surveys.engine.logic import _index


def split_personal(definition: dict, answers: dict) -> tuple[dict, dict]:
    """(plain, personal): the answers of questions marked personal (and their "other" text, and repeat children
    marked personal) apart from the rest."""
    personal_names = {
        node["name"] for node in spec.walk(definition.get("children", [])) if node.get("personal")
    }
    plain: dict = {}
    personal: dict = {}
    index = _index(definition)
    for key, value in (answers or {}).items():
        base = key[: -len("_other")] if key.endswith("_other") and key not in index else key
        entry = index.get(base)
        if entry and entry[0]["type"] == "repeat" and isinstance(value, list):
            kept, sealed = [], []
            for instance in value:
                kept.append({k: v for k, v in instance.items() if _base(k) not in personal_names})
                sealed.append({k: v for k, v in instance.items() if _base(k) in personal_names})
            plain[key] = kept
            if any(sealed):
                personal[key] = sealed
        elif base in personal_names:
            personal[key] = value
        else:
            plain[key] = value
    return plain, personal


def _base(key: str) -> str:
    return key[: -len("_other")] if key.endswith("_other") else key


def join_personal(plain: dict, personal: dict) -> dict:
    """The whole answers again from `split_personal`'s two halves."""
    joined = copy.deepcopy(plain or {})
    for key, value in (personal or {}).items():
        if isinstance(value, list) and isinstance(joined.get(key), list):
            merged = []
            for i, instance in enumerate(joined[key]):
                extra = value[i] if i < len(value) and isinstance(value[i], dict) else {}
                merged.append({**instance, **extra})
            joined[key] = merged
        else:
            joined[key] = value
    return joined
