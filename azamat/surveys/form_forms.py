"""The form page's forms: the XLSForm upload and the editor's question form (labels per language, skip logic as
"show this question when …" or typed XPath, constraint, required, personal)."""

import re

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from azamat.surveys import definition as spec
from azamat.surveys import xlsform, xpath

TYPE_CHOICES = [
    ("text", _("Text")),
    ("integer", _("Whole number")),
    ("decimal", _("Number with decimals")),
    ("select_one", _("One choice")),
    ("select_multiple", _("Several choices")),
    ("date", _("Date")),
    ("note", _("Note (text shown, no answer)")),
    ("calculate", _("Calculation (hidden)")),
    ("group", _("Group of questions (a page at the top level)")),
    ("repeat", _("Repeated group (e.g. one per child)")),
]
OPERATORS = [
    ("=", _("is")),
    ("!=", _("is not")),
    (">", _("is greater than")),
    (">=", _("is at least")),
    ("<", _("is less than")),
    ("<=", _("is at most")),
    ("selected", _("has ticked")),
    ("not_selected", _("has not ticked")),
    ("answered", _("is answered")),
    ("empty", _("is not answered")),
]
RELEVANT_MODES = [
    ("always", _("Always show this question")),
    ("when", _("Show it only when …")),
    ("expression", _("Skip logic as an XLSForm expression (for experts)")),
]


def language_name(code: str) -> str:
    return spec.language_name(code)


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm file"),
        help_text=_("An .xlsx, .xls or .csv XLSForm (as made for KoboToolbox or ODK), at most 5 MB."),
    )
    default_language = forms.ChoiceField(
        label=_("Language of the label and hint columns that name no language"),
        choices=list(spec.LANGUAGE_NAMES.items()),
        initial="ru",
    )


def _quote(value: str) -> str:
    return f'"{value}"' if "'" in value else f"'{value}'"


def build_relevant(question: dict | None, operator: str, value: str) -> str:
    """The XPath of "show when <question> <operator> <value>"."""
    if question is None:
        return ""
    ref = "${" + question["name"] + "}"
    value = value.strip()
    numeric = question["type"] in ("integer", "decimal") and re.fullmatch(r"-?\d+([.,]\d+)?", value)
    literal = value.replace(",", ".") if numeric else _quote(value)
    if operator == "answered":
        return f"{ref} != ''"
    if operator == "empty":
        return f"{ref} = ''"
    if operator in ("selected", "not_selected") or (
        question["type"] == "select_multiple" and operator in ("=", "!=")
    ):
        test = f"selected({ref}, {_quote(value)})"
        return f"not({test})" if operator in ("not_selected", "!=") else test
    if question["type"] == "date" and operator in (">", ">=", "<", "<=", "=", "!="):
        literal = f"date({_quote(value)})"
    return f"{ref} {operator} {literal}"


_SIMPLE = re.compile(
    r"^\$\{(?P<name>[\w.\-]+)\}\s*(?P<op>!=|>=|<=|=|>|<)\s*(?P<value>'[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?)$"
)
_SELECTED = re.compile(
    r"^(?P<neg>not\()?selected\(\$\{(?P<name>[\w.\-]+)\},\s*(?P<value>'[^']*'|\"[^\"]*\")\)(?(neg)\))$"
)


def parse_relevant(expression: str) -> tuple[str, str, str] | None:
    """(question, operator, value) when `expression` is one the builder makes, else None."""
    text = (expression or "").strip()
    match = _SELECTED.match(text)
    if match:
        return match["name"], "not_selected" if match["neg"] else "selected", match["value"][1:-1]
    match = _SIMPLE.match(text)
    if match:
        value = match["value"]
        if value[:1] in "'\"":
            value = value[1:-1]
        if value == "" and match["op"] in ("=", "!="):
            return match["name"], "empty" if match["op"] == "=" else "answered", ""
        return match["name"], match["op"], value
    return None


class QuestionForm(forms.Form):
    """One question, group or repeat; its label, hint and messages in each of the form's languages."""

    type = forms.ChoiceField(label=_("Kind"), choices=TYPE_CHOICES)
    name = forms.CharField(
        label=_("Name (the column in the data)"),
        max_length=xlsform.MAX_NAME,
        help_text=_("Latin letters, digits and “_”, starting with a letter, e.g. age or water_source."),
    )
    parent = forms.ChoiceField(label=_("Place it in"), required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    list = forms.CharField(
        label=_("Choice list"),
        required=False,
        max_length=100,
        help_text=_("The name of a choice list; a new name makes a new, empty list that you fill next."),
    )
    or_other = forms.BooleanField(label=_("Add “Other” with a text box"), required=False)
    relevant_mode = forms.ChoiceField(
        label=_("When to show it"), choices=RELEVANT_MODES, widget=forms.RadioSelect, initial="always"
    )
    relevant_question = forms.ChoiceField(label=_("Question"), required=False)
    relevant_operator = forms.ChoiceField(label=_("Condition"), choices=OPERATORS, required=False)
    relevant_value = forms.CharField(
        label=_("Value (a choice name, a number or text)"), required=False, max_length=200
    )
    relevant = forms.CharField(
        label=_("Skip logic expression"),
        required=False,
        max_length=2000,
        help_text=_("E.g. ${age} >= 18 and selected(${services}, 'ramp')"),
    )
    constraint = forms.CharField(
        label=_("Constraint"),
        required=False,
        max_length=2000,
        help_text=_("The answer is “.”, e.g. . >= 16 and . <= 100"),
    )
    calculation = forms.CharField(label=_("Calculation"), required=False, max_length=2000)
    choice_filter = forms.CharField(label=_("Choice filter"), required=False, max_length=2000)
    default = forms.CharField(label=_("Default answer"), required=False, max_length=500)
    appearance = forms.CharField(label=_("Appearance"), required=False, max_length=200)
    read_only = forms.BooleanField(label=_("Read only"), required=False)
    personal = forms.BooleanField(
        label=_("Personal data (names, phones): kept sealed, never in reports"), required=False
    )

    def __init__(self, *args, definition: dict, original: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.original = original
        self.languages = list(definition.get("languages") or ["ru"])
        own = {item["name"] for item in spec.walk([original])} if original else set()
        # The groups and questions offered are named in the page's language, as the form page's tree names them.
        shown = get_language() or self.languages[0]
        groups = [
            node for node in spec.walk(definition.get("children", [])) if node["type"] in spec.CONTAINER_TYPES
        ]
        self.fields["parent"].choices = [("", _("The form itself (top level)"))] + [
            (
                node["name"],
                f"{spec.text(node.get('label'), shown, self.languages) or node['name']} ({node['name']})",
            )
            for node in groups
            if node["name"] not in own
        ]
        answered = [
            node
            for node in spec.walk(definition.get("children", []))
            if node["type"] in spec.ANSWERED_TYPES and node["name"] not in own
        ]
        self.questions = {node["name"]: node for node in answered}
        self.fields["relevant_question"].choices = [("", "—")] + [
            (
                node["name"],
                f"{spec.text(node.get('label'), shown, self.languages) or node['name']} ({node['name']})",
            )
            for node in answered
        ]
        self.text_fields = []
        for column, label in (
            ("label", _("Label")),
            ("hint", _("Hint")),
            ("constraint_message", _("Message when the constraint fails")),
            ("required_message", _("Message when it is not answered")),
        ):
            for code in self.languages:
                key = f"{column}_{code}"
                field = forms.CharField(
                    label=f"{label} ({language_name(code)})",
                    required=False,
                    max_length=2000,
                    widget=forms.Textarea(attrs={"rows": 2}) if column == "label" else forms.TextInput(),
                )
                self.fields[key] = field
                self.text_fields.append(key)
        if original and not self.is_bound:
            self.initial.update(self._initial_from(original))

    def _initial_from(self, node: dict) -> dict:
        initial = {
            key: node.get(key, "")
            for key in (
                "type",
                "name",
                "list",
                "relevant",
                "constraint",
                "calculation",
                "choice_filter",
                "default",
                "appearance",
            )
        }
        initial.update(
            {key: bool(node.get(key)) for key in ("required", "or_other", "read_only", "personal")}
        )
        for column in ("label", "hint", "constraint_message", "required_message"):
            for code, text in (node.get(column) or {}).items():
                initial[f"{column}_{code}"] = text
        if node.get("relevant"):
            simple = parse_relevant(node["relevant"])
            if simple and simple[0] in self.questions:
                initial.update(
                    relevant_mode="when",
                    relevant_question=simple[0],
                    relevant_operator=simple[1],
                    relevant_value=simple[2],
                )
            else:
                initial["relevant_mode"] = "expression"
        else:
            initial["relevant_mode"] = "always"
        return initial

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not xlsform.NAME.match(name):
            raise forms.ValidationError(
                _("Start with a letter or “_”, then Latin letters, digits, “_”, “-” or “.”; no spaces.")
            )
        taken = {node["name"] for node in spec.walk(self.definition.get("children", []))}
        if self.original:
            taken.discard(self.original["name"])
        if name in taken:
            raise forms.ValidationError(_("Another question already has this name."))
        return name

    def clean_list(self):
        value = self.cleaned_data.get("list", "").strip()
        if value and not xlsform.NAME.match(value):
            raise forms.ValidationError(_("Latin letters, digits and “_”, starting with a letter."))
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind in spec.CHOICE_TYPES and not data.get("list"):
            self.add_error("list", _("Name the choice list of this question."))
        mode = data.get("relevant_mode") or "always"
        if mode == "when":
            question = self.questions.get(data.get("relevant_question") or "")
            if question is None:
                self.add_error("relevant_question", _("Choose the question this one depends on."))
            else:
                operator = data.get("relevant_operator") or "="
                if operator not in ("answered", "empty") and not (data.get("relevant_value") or "").strip():
                    self.add_error("relevant_value", _("Give the value to compare with."))
                else:
                    data["relevant"] = build_relevant(question, operator, data.get("relevant_value") or "")
        elif mode == "always":
            data["relevant"] = ""
        for column in ("relevant", "constraint", "calculation", "choice_filter"):
            expression = (data.get(column) or "").strip()
            data[column] = expression
            if expression:
                reason = xpath.check_syntax(expression, columns=column == "choice_filter")
                field = "relevant_mode" if column == "relevant" and mode == "when" else column
                if reason:
                    self.add_error(field, _("This expression is not valid: %(reason)s") % {"reason": reason})
        if kind == "calculate" and not data.get("calculation"):
            self.add_error("calculation", _("A calculation needs its expression."))
        if kind not in ("calculate",) and not any(data.get(f"label_{code}") for code in self.languages):
            self.add_error(f"label_{self.languages[0]}", _("Write the label in at least one language."))
        return data

    def node(self) -> dict:
        """The definition node the cleaned form describes."""
        data = self.cleaned_data
        kind = data["type"]
        node: dict = {"name": data["name"], "type": kind}
        for column in ("label", "hint", "constraint_message", "required_message"):
            texts = {
                code: data[f"{column}_{code}"].strip()
                for code in self.languages
                if data.get(f"{column}_{code}", "").strip()
            }
            if texts:
                node[column] = texts
        if data.get("relevant"):
            node["relevant"] = data["relevant"]
        if kind in spec.ANSWERED_TYPES:
            node["required"] = bool(data.get("required"))
            if data.get("constraint"):
                node["constraint"] = data["constraint"]
            if data.get("default"):
                node["default"] = data["default"]
        if kind in spec.CHOICE_TYPES:
            node["list"] = data["list"]
            node["or_other"] = bool(data.get("or_other"))
            if data.get("choice_filter"):
                node["choice_filter"] = data["choice_filter"]
        if kind == "calculate":
            node["calculation"] = data["calculation"]
        if data.get("appearance"):
            node["appearance"] = data["appearance"].strip()
        for key in ("read_only", "personal"):
            if data.get(key):
                node[key] = True
        if self.original:
            for key in ("repeat_count",):
                if self.original.get(key):
                    node[key] = self.original[key]
        return node


def read_choices(posted, languages: list[str]) -> tuple[list[dict], list[str]]:
    """The rows of the choice list editor ([{name, label}]) and their problems; empty rows are dropped."""
    items: list[dict] = []
    problems: list[str] = []
    try:
        count = min(int(posted.get("rows", "0")), 2000)
    except ValueError:
        count = 0
    for index in range(count):
        if posted.get(f"choice-{index}-delete"):
            continue
        name = (posted.get(f"choice-{index}-name") or "").strip()
        labels = {
            code: (posted.get(f"choice-{index}-label-{code}") or "").strip()[:1000]
            for code in languages
            if (posted.get(f"choice-{index}-label-{code}") or "").strip()
        }
        if not name and not labels:
            continue
        if not name:
            problems.append(
                str(_("Row %(row)s: give the choice a name (its code in the data).")) % {"row": index + 1}
            )
        items.append({"name": name[:100], "label": labels})
    return items, problems
