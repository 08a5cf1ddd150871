"""The XPath of XLSForm skip logic, constraints, calculations and choice filters: parsed once into a small syntax
tree (plain lists, JSON-ready, so the browser's static/surveys/form-logic.js evaluates the same tree) and evaluated
with XPath 1.0 semantics and the ODK functions our supported question types need.

Trees: ["num", 3.0] ["str", "a"] ["ref", "name"] ["self"] ["parent"] ["call", "fn", [args]] ["neg", a]
["op", "and"|"or"|"="|"!="|"<"|"<="|">"|">="|"+"|"-"|"*"|"div"|"mod", a, b].

We parse the expression ourselves rather than hand it to a general XPath engine (elementpath) because the same
tree has to run in the browser, and because ODK's ${name} references, hyphenated function names and date
comparisons are not XPath 1.0 as a general engine reads it.
"""

import datetime
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_.\-]*)\}")
_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{[^}]*\})
    | (?P<num>\d+(?:\.\d*)?|\.\d+)
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\||\(|\)|,|\.\.|\.|/)
    | (?P<name>[A-Za-z_][A-Za-z0-9_.\-]*(?::[A-Za-z_][A-Za-z0-9_.\-]*)?)
    )""",
    re.VERBOSE,
)

# Functions the server evaluates; CLIENT_FUNCTIONS are those form-logic.js also knows.
FUNCTIONS = {
    "selected", "count-selected", "selected-at", "jr:choice-name", "string-length", "regex", "concat", "if",
    "coalesce", "int", "number", "round", "today", "now", "sum", "count", "position", "not", "true", "false",
    "boolean-from-string", "boolean", "string", "date", "decimal-date-time", "contains", "starts-with",
    "ends-with", "substr", "substring", "normalize-space", "floor", "ceiling", "abs", "min", "max", "join",
    "once", "format-date", "pow",
}  # fmt: skip
CLIENT_FUNCTIONS = {
    "selected", "count-selected", "string-length", "regex", "concat", "if", "coalesce", "int", "number",
    "round", "not", "true", "false", "boolean-from-string", "boolean", "string", "contains", "starts-with",
    "ends-with", "today", "date", "floor", "ceiling", "abs",
}  # fmt: skip


class XPathError(ValueError):
    """The expression cannot be parsed; `str(error)` says where."""


def tokenize(expression: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    pos = 0
    text = expression.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].lstrip().startswith("${"):
                raise XPathError(
                    _("bad reference “%(text)s”: a ${name} is not closed") % {"text": text[pos:].strip()[:20]}
                )
            raise XPathError(_("unexpected “%(text)s”") % {"text": text[pos:].strip()[:20]})
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "ref" and not REF.fullmatch(value):
            raise XPathError(_("bad reference “%(text)s”") % {"text": value})
        tokens.append((kind, value))
        pos = match.end()
        while pos < len(text) and text[pos].isspace():
            pos += 1
    return tokens


_BINARY = [("or",), ("and",), ("=", "!="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "div", "mod")]


class _Parser:
    def __init__(self, tokens, columns=False):
        self.tokens = tokens
        self.pos = 0
        self.columns = columns

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self):
        token = self.peek()
        self.pos += 1
        return token

    def expect(self, value):
        kind, got = self.take()
        if got != value or kind not in ("op",):
            if not got:
                raise XPathError(_("expected “%(expected)s”, but the expression ends") % {"expected": value})
            raise XPathError(
                _("expected “%(expected)s”, found “%(found)s”") % {"expected": value, "found": got}
            )

    def operator(self, level):
        kind, value = self.peek()
        if kind == "op" and value in _BINARY[level]:
            return value
        if kind == "name" and value in _BINARY[level]:  # and, or, div, mod in operator position
            return value
        if value == "|" and level == 5:
            return None
        return None

    def binary(self, level=0):
        if level == len(_BINARY):
            return self.unary()
        left = self.binary(level + 1)
        while (op := self.operator(level)) is not None:
            self.take()
            right = self.binary(level + 1)
            left = ["op", op, left, right]
        return left

    def unary(self):
        kind, value = self.peek()
        if kind == "op" and value == "-":
            self.take()
            return ["neg", self.unary()]
        return self.primary()

    def primary(self):
        kind, value = self.take()
        if kind == "num":
            return ["num", float(value)]
        if kind == "str":
            return ["str", value[1:-1]]
        if kind == "ref":
            return ["ref", value[2:-1]]
        if kind == "op" and value == "(":
            inner = self.binary()
            self.expect(")")
            return inner
        if kind == "op" and value == ".":
            return ["self"]
        if kind == "op" and value == "..":
            # ../name or ../../name: the question `name` (names are unique in our forms)
            if self.peek() == ("op", "/"):
                return self._path()
            return ["parent"]
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take()
                args = []
                if self.peek() != ("op", ")"):
                    args.append(self.binary())
                    while self.peek() == ("op", ","):
                        self.take()
                        args.append(self.binary())
                self.expect(")")
                if value not in FUNCTIONS:
                    raise XPathError(_("unknown function “%(name)s()”") % {"name": value})
                return ["call", value, args]
            if value == "null":  # a path to nothing, common in ODK forms as "no value"
                return ["str", ""]
            if self.columns:  # choice_filter: a bare name is a column of the choices sheet
                return ["col", value]
            raise XPathError(_("“%(name)s” is not a question reference: write ${%(name)s}") % {"name": value})
        if kind == "op" and value == "/":
            self.pos -= 1
            return self._path()
        if not value:
            raise XPathError(_("unexpected end of the expression"))
        raise XPathError(_("unexpected “%(text)s”") % {"text": value})

    def _path(self):
        last = None
        while self.peek() == ("op", "/"):
            self.take()
            kind, value = self.take()
            if kind == "name":
                last = value
            elif (kind, value) != ("op", ".."):
                if not value:
                    raise XPathError(_("unexpected end of the expression in a path"))
                raise XPathError(_("unexpected “%(text)s” in a path") % {"text": value})
        if last is None:
            raise XPathError(_("a path that names no question"))
        return ["ref", last]


def parse(expression: str, *, columns: bool = False) -> list:
    """The syntax tree of `expression`; raises XPathError. With `columns` (choice filters) bare names are the
    choices sheet's columns."""
    if not expression or not expression.strip():
        raise XPathError(_("empty expression"))
    parser = _Parser(tokenize(expression), columns)
    tree = parser.binary()
    if parser.pos != len(parser.tokens):
        raise XPathError(_("unexpected “%(text)s”") % {"text": parser.peek()[1]})
    return tree


def references(tree) -> set[str]:
    """The ${names} a tree reads (including those in jr:choice-name's quoted second argument)."""
    found: set[str] = set()

    def visit(node):
        if node[0] == "ref":
            found.add(node[1])
        elif node[0] == "call":
            for arg in node[2]:
                visit(arg)
            if node[1] == "jr:choice-name" and len(node[2]) == 2 and node[2][1][0] == "str":
                found.update(REF.findall(node[2][1][1]))
        elif node[0] in ("op",):
            visit(node[2])
            visit(node[3])
        elif node[0] == "neg":
            visit(node[1])

    visit(tree)
    return found


def expression_references(expression: str) -> set[str]:
    return set(REF.findall(expression or ""))


def client_safe(tree, known: Callable[[str], bool] = lambda name: True) -> bool:
    """Whether form-logic.js can evaluate `tree` (only the functions it knows; refs it can read)."""
    kind = tree[0]
    if kind in ("num", "str", "self"):
        return True
    if kind == "ref":
        return known(tree[1])
    if kind == "neg":
        return client_safe(tree[1], known)
    if kind == "op":
        return client_safe(tree[2], known) and client_safe(tree[3], known)
    if kind == "call":
        return tree[1] in CLIENT_FUNCTIONS and all(client_safe(arg, known) for arg in tree[2])
    return False


# --- evaluation -----------------------------------------------------------------------------------------------


@dataclass
class Context:
    """What an expression sees: `lookup(name)` → a string, or a list of strings (a repeat child read from
    outside the repeat), or a repeat's instance count via `count_of`; `current` is `.`."""

    lookup: Callable[[str], object]
    current: object = ""
    position: int = 1
    choice_name: Callable[[str, str], str] | None = None
    filter_values: dict | None = None  # a choice's filter columns, for choice_filter (bare names)


def _string(value) -> str:
    if isinstance(value, list):
        return _string(value[0]) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


_EPOCH = datetime.date(1970, 1, 1)


def _number(value) -> float:
    if isinstance(value, list):
        return _number(value[0]) if value else math.nan
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, datetime.datetime):
        return (value - datetime.datetime(1970, 1, 1, tzinfo=value.tzinfo)).total_seconds() / 86400
    if isinstance(value, datetime.date):
        return float((value - _EPOCH).days)
    text = _string(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return float((datetime.date.fromisoformat(text) - _EPOCH).days)
        except ValueError:
            return math.nan
    try:
        return float(text) if re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text) else math.nan
    except ValueError:  # pragma: no cover
        return math.nan


def _boolean(value) -> bool:
    if isinstance(value, list):
        return bool(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return not (value == 0 or math.isnan(value))
    if isinstance(value, datetime.date):
        return True
    return bool(_string(value))


def _date(value):
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _EPOCH + datetime.timedelta(days=int(value))
    text = _string(value).strip()
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _compare(op: str, left, right) -> bool:
    # A repeat child read from outside its repeat is a node-set: true if any of its values compares true.
    if isinstance(left, list):
        return any(_compare(op, item, right) for item in left)
    if isinstance(right, list):
        return any(_compare(op, left, item) for item in right)
    if isinstance(left, datetime.date) or isinstance(right, datetime.date):
        a, b = _date(left), _date(right)
        if a is None or b is None:
            return op == "!="
        return {"=": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]
    if op in ("=", "!="):
        if isinstance(left, bool) or isinstance(right, bool):
            equal = _boolean(left) == _boolean(right)
        elif isinstance(left, float) or isinstance(right, float):
            equal = _number(left) == _number(right)
        else:
            equal = _string(left) == _string(right)
        return equal if op == "=" else not equal
    a, b = _number(left), _number(right)
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _exactly(numbers) -> list[Decimal] | None:
    """The numbers as the decimals they were written as (0.1, not its binary expansion), None for NaN or ∞."""
    if not all(math.isfinite(number) for number in numbers):
        return None
    return [Decimal(repr(number)) for number in numbers]


def _arith(op: str, left, right) -> float:
    """In decimal, so that 0.1 + 0.2 is 0.3, as a respondent adds up amounts, and not 0.30000000000000004."""
    a, b = _number(left), _number(right)
    exact = _exactly((a, b))
    if exact is not None and (op in ("+", "-", "*") or exact[1] != 0):
        x, y = exact
        try:
            return float(
                {"+": operator.add, "-": operator.sub, "*": operator.mul, "div": operator.truediv}.get(
                    op, operator.mod
                )(x, y)
            )
        except ArithmeticError:  # beyond Decimal's precision (1e300 mod 0.1): as floats
            pass
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "div":
        return math.copysign(math.inf, a) if b == 0 and a else (math.nan if b == 0 else a / b)
    if b == 0:
        return math.nan
    return math.fmod(a, b)


def _round(value: float, digits: int = 0) -> float:
    if math.isnan(value) or math.isinf(value):
        return value
    factor = 10**digits
    return math.floor(value * factor + 0.5) / factor


def evaluate(tree, context: Context):
    kind = tree[0]
    if kind == "num":
        return tree[1]
    if kind == "str":
        return tree[1]
    if kind == "ref":
        return context.lookup(tree[1])
    if kind == "self":
        return context.current
    if kind == "col":
        return (context.filter_values or {}).get(tree[1], "")
    if kind == "parent":
        return ""
    if kind == "neg":
        return -_number(evaluate(tree[1], context))
    if kind == "op":
        op = tree[1]
        if op == "or":
            return _boolean(evaluate(tree[2], context)) or _boolean(evaluate(tree[3], context))
        if op == "and":
            return _boolean(evaluate(tree[2], context)) and _boolean(evaluate(tree[3], context))
        left, right = evaluate(tree[2], context), evaluate(tree[3], context)
        if op in ("=", "!=", "<", "<=", ">", ">="):
            return _compare(op, left, right)
        return _arith(op, left, right)
    if kind == "call":
        return _call(tree[1], tree[2], context)
    raise XPathError(f"cannot evaluate {kind}")  # pragma: no cover


def _call(name: str, args: list, context: Context):  # noqa: C901, PLR0911, PLR0912 - one branch per function
    def arg(i):
        return evaluate(args[i], context)

    n = len(args)
    if name == "true":
        return True
    if name == "false":
        return False
    if name == "not":
        return not _boolean(arg(0))
    if name == "boolean":
        return _boolean(arg(0))
    if name == "boolean-from-string":
        return _string(arg(0)).strip().lower() in ("true", "1")
    if name == "string":
        return _string(arg(0)) if n else _string(context.current)
    if name == "number":
        return _number(arg(0)) if n else _number(context.current)
    if name == "int":
        value = _number(arg(0))
        return float(math.trunc(value)) if math.isfinite(value) else value
    if name == "round":
        return _round(_number(arg(0)), int(_number(arg(1))) if n > 1 else 0)
    if name in ("floor", "ceiling", "abs"):
        value = _number(arg(0))
        if not math.isfinite(value):
            return value
        return float({"floor": math.floor, "ceiling": math.ceil, "abs": abs}[name](value))
    if name == "pow":
        return _number(arg(0)) ** _number(arg(1))
    if name == "selected":
        return _string(arg(1)).strip() in _string(arg(0)).split()
    if name == "count-selected":
        return float(len(_string(arg(0)).split()))
    if name == "selected-at":
        items = _string(arg(0)).split()
        index = int(_number(arg(1)))
        return items[index] if 0 <= index < len(items) else ""
    if name == "jr:choice-name":
        value = _string(arg(0))
        question = REF.findall(_string(arg(1)))
        if context.choice_name and question:
            return context.choice_name(question[0], value)
        return value
    if name == "string-length":
        return float(len(_string(arg(0)) if n else _string(context.current)))
    if name == "normalize-space":
        return " ".join(_string(arg(0) if n else context.current).split())
    if name == "regex":
        try:
            return re.search(_string(arg(1)), _string(arg(0))) is not None
        except re.error:
            return False
    if name in ("concat", "join"):
        values = [arg(i) for i in range(n)]
        if name == "join":
            parts = []
            for value in values[1:]:
                parts.extend(value if isinstance(value, list) else [value])
            return _string(values[0]).join(_string(part) for part in parts)
        return "".join(_string(value) for value in values)
    if name == "contains":
        return _string(arg(1)) in _string(arg(0))
    if name == "starts-with":
        return _string(arg(0)).startswith(_string(arg(1)))
    if name == "ends-with":
        return _string(arg(0)).endswith(_string(arg(1)))
    if name in ("substr", "substring"):
        text = _string(arg(0))
        start = int(_number(arg(1)))
        if name == "substring":  # 1-based
            start -= 1
        end = int(_number(arg(2))) if n > 2 else len(text)
        if name == "substring" and n > 2:
            end = start + end
        return text[max(start, 0) : max(end, 0)]
    if name == "if":
        return arg(1) if _boolean(arg(0)) else arg(2)
    if name == "coalesce":
        first = _string(arg(0))
        return first if first else arg(1)
    if name == "once":
        current = _string(context.current)
        return current if current else arg(0)
    if name == "today":
        return datetime.date.today()  # noqa: DTZ011 - the respondent's calendar day on the server
    if name == "now":
        return datetime.datetime.now(datetime.UTC)
    if name == "date":
        value = arg(0)
        return _date(value) or ""
    if name == "decimal-date-time":
        return _number(arg(0))
    if name == "format-date":
        value = _date(arg(0))
        if value is None:
            return ""
        pattern = _string(arg(1))
        return (
            pattern.replace("%Y", f"{value.year:04d}")
            .replace("%m", f"{value.month:02d}")
            .replace("%d", f"{value.day:02d}")
            .replace("%e", str(value.day))
            .replace("%n", str(value.month))
            .replace("%y", f"{value.year % 100:02d}")
        )
    if name in ("sum", "count", "min", "max"):
        values = arg(0) if n == 1 else [arg(i) for i in range(n)]
        if not isinstance(values, list):
            values = [values] if (name != "count" or _string(values) != "") else []
        if name == "count":
            return float(len(values))
        numbers = [_number(v) for v in values if _string(v) != ""]
        if name == "sum":
            exact = _exactly(numbers)
            return float(sum(exact)) if exact is not None else float(sum(numbers))
        if not numbers:
            return math.nan
        return float(min(numbers) if name == "min" else max(numbers))
    if name == "position":
        return float(context.position)
    raise XPathError(f"unknown function “{name}()”")  # pragma: no cover - parse() refuses them


def truthy(value) -> bool:
    return _boolean(value)


def as_string(value) -> str:
    return _string(value)


def check_syntax(expression: str, *, columns: bool = False) -> str | None:
    """None when `expression` parses, else the reason (in the active language, for the form's author)."""
    try:
        parse(expression, columns=columns)
    except XPathError as error:
        return str(error)
    return None
