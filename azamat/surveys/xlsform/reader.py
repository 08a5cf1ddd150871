"""The reader of an XLSForm's sheets (as pyxform's readers give them) into our definition, with every problem
named by sheet and row."""

import re

from django.utils.translation import gettext as _
from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from azamat.surveys import definition as spec
from azamat.surveys import xpath
from azamat.surveys.xlsform.common import (
    EXPRESSIONS,
    MAX_NAME,
    METADATA,
    NAME,
    SELECT_ALIASES,
    TRANSLATABLE,
    TYPE_ALIASES,
    UNSUPPORTED,
    Problem,
    boolean,
    column_name,
    split_header,
)
from azamat.surveys.xlsform.messages import FormWarning


class Reader:
    def __init__(self, workbook, default_language: str, *, allow_duplicate_choices: bool = False):
        self.workbook = workbook
        self.allow_duplicate_choices = allow_duplicate_choices
        self.default_language = default_language
        self.errors: list[Problem] = []
        self.warnings: list[FormWarning] = []
        self.languages: list[str] = []
        self.names: dict[str, int] = {}
        # Set here, not only by read_survey: a survey sheet without questions ends that early.
        self.rows: dict[str, int] = {}
        self.expressions: list[tuple[int, str, str, str]] = []  # (row, column, expression, owner name)

    def error(self, sheet, row, message):
        self.errors.append(Problem(sheet, row, message))

    def warn(self, sheet, row, code, **params):
        """A warning kept as its code and values (`messages`), put into words in the reader's language."""
        self.warnings.append(FormWarning(sheet, row, code, params))

    def language_of(self, code: str | None) -> str:
        code = code or self.default_language
        if code and code not in self.languages:
            self.languages.append(code)
        return code

    def texts(self, row: dict, column: str) -> dict:
        found: dict = {}
        for header, value in row.items():
            base, language = split_header(header)
            if base == column and str(value).strip():
                found[self.language_of(language)] = str(value).strip()
        return found

    # -- choices ---------------------------------------------------------------------------------------------

    def read_choices(self) -> dict:
        rows = getattr(self.workbook, "choices", None) or []
        lists: dict[str, list] = {}
        self.choice_rows: dict[str, int] = {}
        seen: dict[tuple, int] = {}
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            cleaned = {str(k): v for k, v in row.items()}
            list_name = ""
            name = ""
            for header, value in cleaned.items():
                lowered = header.strip().lower()
                if lowered in ("list_name", "list name"):
                    list_name = str(value).strip()
                elif lowered in ("name", "value"):
                    name = str(value).strip()
            if not list_name:
                self.error("choices", number, _("the choice has no list_name."))
                continue
            if not name:
                self.error(
                    "choices",
                    number,
                    _("the choice in the list “%(list)s” has no name.") % {"list": list_name},
                )
                continue
            if (list_name, name) in seen and not self.allow_duplicate_choices:
                self.error(
                    "choices",
                    number,
                    _("the choice “%(name)s” appears twice in the list “%(list)s” (first in row %(row)s).")
                    % {"name": name, "list": list_name, "row": seen[(list_name, name)]},
                )
                continue
            seen.setdefault((list_name, name), number)
            self.choice_rows.setdefault(list_name, number)
            item: dict = {"name": name, "label": self.texts(cleaned, "label")}
            extra = {}
            for header, value in cleaned.items():
                base, language = split_header(header)
                lowered = header.strip().lower()
                if lowered in ("list_name", "list name", "name", "value") or base in ("label", "media"):
                    continue
                if language is None and base not in ("image", "audio", "video", "big-image"):
                    extra[header.strip()] = str(value).strip()
            if extra:
                item["filter"] = extra
            lists.setdefault(list_name, []).append(item)
        return lists

    # -- survey ----------------------------------------------------------------------------------------------

    def read_survey(self, choices: dict) -> list:
        rows = getattr(self.workbook, "survey", None) or []
        if not any(rows):
            self.error("survey", None, _("the survey sheet has no questions."))
            return []
        root: list = []
        stack: list[tuple[dict | None, list, int]] = [(None, root, 0)]
        for number, row in enumerate(rows, start=2):
            if not row:
                continue
            self.read_row(number, {str(k): v for k, v in row.items()}, stack, choices)
        while len(stack) > 1:
            node, _children, opened = stack.pop()
            self.error(
                "survey",
                opened,
                _("the %(kind)s “%(name)s” is not closed: add an “end %(kind)s” row.")
                % {"kind": node["type"], "name": node["name"]},
            )
        return root

    def read_row(self, number: int, row: dict, stack: list, choices: dict):  # noqa: C901, PLR0912, PLR0915
        fields: dict = {}
        for header, value in row.items():
            base, language = split_header(header)
            if language is None and base not in TRANSLATABLE:
                fields[base] = str(value).strip()
        raw_type = re.sub(r"\s+", " ", fields.get("type", "")).strip()
        lowered = raw_type.lower()
        name = fields.get("name", "")
        if not raw_type:
            if name or self.texts(row, "label"):
                self.error("survey", number, _("the question “%(name)s” has no type.") % {"name": name})
            return
        parent, children, _opened = stack[-1]
        words = lowered.replace("_", " ").split(" ")
        if words[0] == "end" and len(words) >= 2:
            kind = words[1]
            if kind == "loop":
                return  # its begin was already refused
            if parent is None or parent["type"] != kind:
                self.error("survey", number, _("“%(type)s” has no matching begin row.") % {"type": raw_type})
                return
            stack.pop()
            return
        if words[0] == "begin" and len(words) >= 2 and words[1] in ("group", "repeat"):
            kind = words[1]
            node = self.node(number, row, fields, kind, name)
            if node is None:
                node = {"name": name or f"_row{number}", "type": kind, "children": []}
            if kind == "repeat" and any(item[0] and item[0]["type"] == "repeat" for item in stack):
                self.error("survey", number, _("a repeat inside a repeat is not supported by Azamat."))
            node["children"] = []
            children.append(node)
            stack.append((node, node["children"], number))
            return
        known = QUESTION_TYPE_DICT.get(raw_type) or QUESTION_TYPE_DICT.get(lowered) or {}
        if lowered in METADATA or "jr:preload" in known.get("bind", {}):
            self.warn("survey", number, "metadata", type=raw_type)
            return
        kind = TYPE_ALIASES.get(lowered)
        list_name = ""
        or_other = False
        implied_constraint = ""
        if kind is None and known.get("control", {}).get("tag") == "input":
            # pyxform's old aliases ("q string", "phone number", "percentage"): a basic type with a constraint.
            kind = {"string": "text", "int": "integer", "decimal": "decimal", "date": "date"}.get(
                known.get("bind", {}).get("type", "")
            )
            implied_constraint = known.get("bind", {}).get("constraint", "") if kind else ""
        if kind is None:
            for alias in sorted(SELECT_ALIASES, key=len, reverse=True):
                if lowered.startswith(alias + " "):
                    kind = SELECT_ALIASES[alias]
                    rest = raw_type[len(alias) + 1 :].strip().split()
                    if rest and rest[-1].lower() == "or_other":
                        or_other = True
                        rest = rest[:-1]
                    elif [word.lower() for word in rest[-3:]] == ["or", "specify", "other"]:
                        or_other = True
                        rest = rest[:-3]
                    list_name = rest[0] if len(rest) == 1 else ""
                    if len(rest) != 1:
                        self.error(
                            "survey",
                            number,
                            _("the type “%(type)s” should name one choice list.") % {"type": raw_type},
                        )
                        return
                    break
        if kind is None:
            base = lowered.split(" ")[0]
            if lowered in UNSUPPORTED or base in UNSUPPORTED or base in {"begin", "end"}:
                self.error(
                    "survey",
                    number,
                    _("the type “%(type)s” is not supported by Azamat.") % {"type": raw_type},
                )
            else:
                self.error("survey", number, _("the type “%(type)s” is unknown.") % {"type": raw_type})
            return
        if not name and kind == "note":
            name = f"note_row{number}"
        node = self.node(number, row, fields, kind, name)
        if node is None:
            return
        if implied_constraint and not node.get("constraint"):
            node["constraint"] = implied_constraint
        if kind in spec.CHOICE_TYPES:
            node["list"] = list_name
            node["or_other"] = or_other
            if list_name not in choices:
                self.error(
                    "choices",
                    None,
                    _("the list “%(list)s” used in survey row %(row)s does not exist.")
                    % {"list": list_name, "row": number},
                )
            elif kind == "select_multiple" and any(" " in item["name"] for item in choices[list_name]):
                self.error(
                    "choices",
                    self.choice_rows.get(list_name),
                    _("the list “%(list)s” has a choice name with a space; select_multiple cannot use it.")
                    % {"list": list_name},
                )
            if fields.get("choice_filter"):
                node["choice_filter"] = fields["choice_filter"]
                reason = xpath.check_syntax(node["choice_filter"], columns=True)
                if reason:
                    self.error(
                        "survey",
                        number,
                        _("the choice filter %(expression)s is not valid: %(reason)s")
                        % {"expression": node["choice_filter"], "reason": reason},
                    )
                else:
                    self.expressions.append((number, "choice_filter", node["choice_filter"], node["name"]))
        if kind == "calculate":
            node["calculation"] = fields.get("calculation", "")
            if not node["calculation"]:
                self.error(
                    "survey", number, _("the calculate “%(name)s” has no calculation.") % {"name": name}
                )
        if fields.get("default"):
            node["default"] = fields["default"]
            if "${" in node["default"] or "(" in node["default"]:
                self.warn("survey", number, "default_expression", value=node["default"])
                node.pop("default")
        if or_other and f"{name}_other" in self.names:
            self.error(
                "survey",
                number,
                _("the name “%(name)s_other” is taken, but the “other” answer of “%(name)s” needs it.")
                % {"name": name},
            )
        stack[-1][1].append(node)

    def node(self, number, row, fields, kind, name) -> dict | None:
        if not name:
            self.error("survey", number, _("the question has no name."))
            return None
        if len(name) > MAX_NAME or not NAME.match(name):
            self.error(
                "survey",
                number,
                _(
                    "the name “%(name)s” is not valid: start with a letter or “_”, then letters, digits, “_”, "
                    "“-” or “.”, no spaces."
                )
                % {"name": name[:120]},
            )
            return None
        if name in self.names:
            self.error(
                "survey",
                number,
                _("the name “%(name)s” is used twice (also in row %(row)s).")
                % {"name": name, "row": self.names[name]},
            )
            return None
        if name.endswith("_other") and name[: -len("_other")] in self.names:
            pass  # checked when the select with or_other is read
        self.names[name] = number
        node: dict = {"name": name, "type": kind}
        for column in ("label", "hint", "constraint_message", "required_message"):
            texts = self.texts(row, column)
            if texts:
                node[column] = texts
        if kind in spec.ANSWERED_TYPES:
            required = fields.get("required", "")
            flag = boolean(required)
            if flag is None:
                self.warn("survey", number, "required_expression", value=required)
                flag = False
            node["required"] = flag
        for column in ("relevant", "constraint"):
            if fields.get(column):
                flag = boolean(fields[column])
                node[column] = fields[column] if flag is None else ("true()" if flag else "false()")
        if fields.get("calculation") and kind == "calculate":
            node["calculation"] = fields["calculation"]
        if kind == "repeat" and fields.get("repeat_count"):
            node["repeat_count"] = fields["repeat_count"]
        if fields.get("appearance"):
            node["appearance"] = fields["appearance"]
        read_only = boolean(fields.get("read_only", ""))
        if read_only:
            node["read_only"] = True
        personal = boolean(fields.get("personal", ""))
        if personal:
            node["personal"] = True
        elif personal is None:
            self.warn("survey", number, "personal_not_boolean")
        for column in EXPRESSIONS:
            expression = node.get(column)
            if not expression:
                continue
            reason = xpath.check_syntax(expression)
            if reason:
                self.error(
                    "survey",
                    number,
                    _("the %(column)s %(expression)s is not valid: %(reason)s")
                    % {"column": column_name(column), "expression": expression, "reason": reason},
                )
            else:
                self.expressions.append((number, column, expression, name))
        for column in ("label", "hint"):
            for text in (node.get(column) or {}).values():
                for reference in xpath.REF.findall(text):
                    self.expressions.append((number, column, "${" + reference + "}", name))
        return node

    def check_references(self):
        for number, column, expression, _owner in self.expressions:
            try:
                used = xpath.references(xpath.parse(expression, columns=column == "choice_filter"))
            except xpath.XPathError:
                used = xpath.expression_references(expression)
            missing = sorted(used - set(self.names))
            for name in missing:
                self.error(
                    "survey",
                    number,
                    _("the %(column)s %(expression)s names a question that does not exist: ${%(name)s}.")
                    % {"column": column_name(column), "expression": expression, "name": name},
                )
