"""Quotas: which respondents a quota counts, whether a respondent falls in a full one (screened out), quotas made by
hand or as a grid (one per combination of chosen questions' choices), and the live board."""

import itertools

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.utils.translation import get_language, gettext_lazy

from azamat.core.errors import DomainError
from azamat.core.numbers import NumberError, parse_integer
from azamat.surveys import definition as form
from azamat.surveys.models import Quota, Response, Survey

NEGATIVE = "quota_negative_target"
NO_CONDITIONS = "quota_no_conditions"
UNKNOWN_CHOICE = "quota_unknown_choice"
GRID_QUESTIONS = "quota_grid_questions"
GRID_TOO_BIG = "quota_grid_too_big"
BAD_TARGET = "quota_bad_target"
GRID_MAX = 500

MESSAGES = {
    NEGATIVE: gettext_lazy("A quota's target cannot be below zero."),
    BAD_TARGET: gettext_lazy("A quota's target is a whole number, e.g. 40."),
    NO_CONDITIONS: gettext_lazy("Choose at least one answer the quota counts."),
    UNKNOWN_CHOICE: gettext_lazy("The form has no answer “%(choice)s” to question “%(question)s”."),
    GRID_QUESTIONS: gettext_lazy("Choose at least one single-choice question for the grid."),
    GRID_TOO_BIG: gettext_lazy("The grid would make %(count)s quotas; at most %(max)s."),
}


def _error(code: str, field: str | None = None, **params) -> DomainError:
    message = MESSAGES[code]
    return DomainError(code, str(message) % params if params else message, field=field)


def matches(conditions: dict, answers: dict) -> bool:
    """The answers fall in the quota: every condition's question has one of its choices (any of them, for a
    select_multiple answer)."""
    for question, choices in conditions.items():
        value = answers.get(question)
        values = value if isinstance(value, list) else [value]
        if not any(v in choices for v in values if v is not None):
            return False
    return True


def decided(conditions: dict, answers: dict) -> bool:
    """Every question of the quota has been answered, so whether it matches is known."""
    return all(question in answers for question in conditions)


def full_matching(survey: Survey, answers: dict, *, quotas=None) -> list[Quota]:
    """The full quotas the respondent already falls in (their questions answered)."""
    quotas = list(survey.quotas.all()) if quotas is None else quotas
    return [
        q for q in quotas if q.is_full and decided(q.conditions, answers) and matches(q.conditions, answers)
    ]


def count_completion(survey: Survey, answers: dict) -> list[Quota] | None:
    """Inside the completion's transaction: lock the quotas the response falls in; if one is full return it (the
    respondent is screened out; nothing counted), else count the response in each and return None. Two
    respondents cannot both take the last place: the second waits for the first's lock and sees it full."""
    quotas = list(Quota.objects.select_for_update().filter(survey=survey).order_by("pk"))
    falling = [q for q in quotas if matches(q.conditions, answers)]
    full = [q for q in falling if q.is_full]
    if full:
        return full
    for quota in falling:
        quota.completed += 1
        quota.save(update_fields=["completed"])
    return None


def _check_conditions(survey: Survey, conditions: dict) -> dict:
    version = survey.current_version()
    definition = version.definition if version else {}
    clean = {}
    for question, choices in conditions.items():
        node = form.find(definition, question)
        choices = [str(c) for c in choices if str(c)]
        if not choices:
            continue
        known = (
            {c["name"] for c in definition.get("choices", {}).get(node.get("list"), [])} if node else set()
        )
        if node and node.get("or_other"):
            known.add(form.OTHER)
        for choice in choices:
            if choice not in known:
                # The question named as respondents read it (its name is an identifier, often English).
                shown = (
                    form.text(node.get("label"), get_language() or "ru", definition.get("languages"))
                    if node
                    else ""
                )
                raise _error(UNKNOWN_CHOICE, "conditions", choice=choice, question=shown or question)
        clean[question] = choices
    if not clean:
        raise _error(NO_CONDITIONS, "conditions")
    return clean


def _check_target(target) -> int:
    try:
        value = parse_integer(str(target)) if isinstance(target, str) else target
    except NumberError as exc:
        raise DomainError(BAD_TARGET, MESSAGES[BAD_TARGET], field="target") from exc
    if value is None:  # left empty: a target to write, not one below zero
        raise DomainError(BAD_TARGET, MESSAGES[BAD_TARGET], field="target")
    if int(value) < 0:
        raise _error(NEGATIVE, "target")
    return int(value)


def recount(quota: Quota) -> int:
    """The quota's count from its completed responses (used when it is made or its conditions change): in SQL,
    except a select_multiple condition on a database without JSON containment (SQLite), matched in Python."""
    rows = Response.objects.filter(survey_id=quota.survey_id, status=Response.Status.COMPLETED)
    in_python = {}
    for question, choices in quota.conditions.items():
        if connection.features.supports_json_field_contains:
            one = Q(**{f"data__{question}__in": choices})
            for choice in choices:
                one |= Q(**{f"data__{question}__contains": [choice]})
            rows = rows.filter(one)
        else:
            in_python[question] = choices
    if not in_python:
        return rows.count()
    return sum(1 for data in rows.values_list("data", flat=True).iterator() if matches(in_python, data or {}))


@transaction.atomic
def quota_create(*, survey: Survey, label: str, conditions: dict, target, language: str = "ru") -> Quota:
    """A quota; left unnamed, it is named by its answers in `language` (the manager's, as the grid's are)."""
    quota = Quota(
        survey=survey,
        label=label.strip() or _label(survey, conditions, language),
        conditions=_check_conditions(survey, conditions),
        target=_check_target(target),
    )
    quota.completed = recount(quota)
    quota.full_clean()
    quota.save()
    return quota


@transaction.atomic
def quota_update(*, quota: Quota, label: str, conditions: dict, target, language: str = "ru") -> Quota:
    quota = Quota.objects.select_for_update().get(pk=quota.pk)
    quota.conditions = _check_conditions(quota.survey, conditions)
    quota.label = label.strip() or _label(quota.survey, quota.conditions, language)
    quota.target = _check_target(target)
    quota.completed = recount(quota)
    quota.full_clean()
    quota.save()
    return quota


@transaction.atomic
def quota_targets(*, survey: Survey, targets: dict[int, object]) -> int:
    """Set many quotas' targets at once (a grid's cells): every value checked first, nothing changed when one is
    refused. Returns how many changed."""
    checked = {int(pk): _check_target(value) for pk, value in targets.items()}
    changed = 0
    for quota in survey.quotas.select_for_update().filter(pk__in=checked):
        if quota.target != checked[quota.pk]:
            quota.target = checked[quota.pk]
            quota.save(update_fields=["target"])
            changed += 1
    return changed


def quota_delete(*, quota: Quota) -> None:
    quota.delete()


def _label(survey: Survey, conditions: dict, language: str = "ru") -> str:
    version = survey.current_version()
    definition = version.definition if version else {}
    parts = []
    for question, choices in conditions.items():
        node = form.find(definition, question) or {}
        parts.append(
            ", ".join(form.choice_label(definition, node.get("list", ""), c, language) for c in choices)
        )
    return " × ".join(parts)[:200]


def grid_cells(definition: dict, questions: list[str]) -> list[dict]:
    """Every combination of the chosen select_one questions' choices: [{question: choice}, ...]."""
    lists = []
    for name in questions:
        node = form.find(definition, name)
        if not node or node["type"] != "select_one":
            raise _error(GRID_QUESTIONS, "questions")
        lists.append([(name, c["name"]) for c in definition.get("choices", {}).get(node.get("list"), [])])
    if not lists:
        raise _error(GRID_QUESTIONS, "questions")
    count = 1
    for items in lists:
        count *= len(items)
    if count > GRID_MAX:
        raise _error(GRID_TOO_BIG, "questions", count=count, max=GRID_MAX)
    return [dict(combo) for combo in itertools.product(*lists)]


@transaction.atomic
def quota_grid(*, survey: Survey, questions: list[str], target, targets: list | None = None, language="ru"):
    """One quota per cell of the grid; `targets` (one per cell, in grid_cells' order) or one `target` for all.
    Cells that already have a quota with the same conditions keep it (its target updated)."""
    version = survey.current_version()
    cells = grid_cells(version.definition if version else {}, questions)
    made = []
    existing = {_key(q.conditions): q for q in survey.quotas.select_for_update()}
    for index, cell in enumerate(cells):
        cell_target = (
            targets[index] if targets and index < len(targets) and targets[index] is not None else target
        )
        cell_target = _check_target(cell_target)
        conditions = {q: [c] for q, c in cell.items()}
        quota = existing.get(_key(conditions))
        if quota is None:
            quota = Quota(survey=survey, conditions=conditions, label=_label(survey, conditions, language))
        quota.target = cell_target
        quota.completed = recount(quota)
        quota.save()
        made.append(quota)
    return made


def _key(conditions: dict) -> tuple:
    return tuple(sorted((q, tuple(sorted(c))) for q, c in conditions.items()))


def board(survey: Survey) -> dict:
    """The live board: totals, each quota, each interviewer's counts."""
    quotas = list(survey.quotas.all())
    counts = dict(survey.responses.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    interviewers = list(
        survey.responses.filter(interviewer__isnull=False)
        .values("interviewer_id", "interviewer__email", "interviewer__full_name")
        .annotate(
            completed=Count("pk", filter=Q(status=Response.Status.COMPLETED)),
            in_progress=Count("pk", filter=Q(status=Response.Status.IN_PROGRESS)),
            screened_out=Count("pk", filter=Q(status=Response.Status.SCREENED_OUT)),
        )
        .order_by("interviewer__full_name", "interviewer__email")
    )
    targets = dict(
        survey.assignments.filter(active=True)
        .values_list("interviewer_id")
        .annotate(t=Sum("target"))
        .values_list("interviewer_id", "t")
    )
    for row in interviewers:
        row["target"] = targets.get(row["interviewer_id"], 0)
    return {
        "completed": counts.get(Response.Status.COMPLETED, 0),
        "in_progress": counts.get(Response.Status.IN_PROGRESS, 0),
        "screened_out": counts.get(Response.Status.SCREENED_OUT, 0),
        "target": sum(q.target for q in quotas),
        "quotas": quotas,
        "interviewers": interviewers,
    }
