"""Exports of a survey's responses: CSV, XLSX (write-only, streamed) and SPSS-ready (a .zip of data.csv in codes
and syntax.sps with the variable and value labels, the missing values and the weight). Each export is an
ExportJob (the audit: who, when, which format and filters, personal or not), built in the background by
`write_export`, which streams the responses in chunks to a private file under MEDIA_ROOT/surveys/exports/ and
updates `rows_done` as it goes — memory stays flat at 1,000,000 responses.

Columns: the response's facts (id, status, review, mode, language, region, interviewer, times, flags, weight),
then one per question outside repeats; a select_multiple is its joined answer plus one 0/1 column per choice;
"or other" text in "<name>_other". Repeats go to a second sheet of the XLSX (one row per repeat, keyed by
response id); the CSV and the SPSS files leave them out. Personal questions only when the job says so, which
the view allows managers only."""

import csv
import io
import json
import os
import re
import secrets
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from azamat.core.exports import BOM, as_text, safe_cell, xlsx_value
from azamat.surveys import decimals
from azamat.surveys import definition as form
from azamat.surveys.analysis import Filters, responses
from azamat.surveys.models import ExportJob, Survey

CHUNK = 2000
PROGRESS_EVERY = 5000
EXPORT_DIR = "surveys/exports"
META = [
    ("response_id", "id"),
    ("status", "status"),
    ("review", "review"),
    ("mode", "mode"),
    ("language", "language"),
    ("region_code", "region_code"),
    ("interviewer_id", "interviewer_id"),
    ("started_at", "started_at"),
    ("completed_at", "completed_at"),
    ("duration_seconds", "duration_seconds"),
    ("too_fast", "too_fast"),
    ("straightlining", "straightlining"),
    ("duplicate", "duplicate"),
    ("weight", "weight"),
]


class ExportError(ValueError):
    pass


@dataclass
class Column:
    """One column of the flat export: its header, how to read its value from a response, its SPSS shape."""

    name: str
    label: str
    question: dict | None = None
    choice: str | None = None  # the 0/1 column of one choice of a select_multiple
    kind: str = "meta"  # meta | single | multiple_joined | multiple_dummy | other | number | text | date
    codes: dict | None = None  # choice name → SPSS numeric code
    value_labels: dict | None = None  # code → label


def _definition(survey: Survey) -> dict:
    version = survey.current_version()
    return version.definition if version else {"children": [], "choices": {}}


def columns(survey: Survey, *, language: str, personal: bool, definition: dict | None = None) -> list[Column]:
    definition = definition or _definition(survey)
    languages = definition.get("languages")
    result = [Column(name=name, label=name) for name, _field in META]
    for node in form.questions(definition):
        if node.get("personal") and not personal:
            continue
        label = form.text(node.get("label"), language, languages) or node["name"]
        kind = node["type"]
        if kind in form.CHOICE_TYPES:
            items = definition.get("choices", {}).get(node["list"], [])
            names = [item["name"] for item in items]
            if node.get("or_other") and form.OTHER not in names:
                names.append(form.OTHER)
            labels = {name: form.choice_label(definition, node["list"], name, language) for name in names}
            if node.get("or_other") and labels.get(form.OTHER) == form.OTHER:
                labels[form.OTHER] = _("Other")
            codes = {name: index for index, name in enumerate(names, start=1)}
            if kind == "select_one":
                result.append(
                    Column(
                        node["name"],
                        label,
                        node,
                        kind="single",
                        codes=codes,
                        value_labels={codes[n]: labels[n] for n in names},
                    )
                )
            else:
                result.append(Column(node["name"], label, node, kind="multiple_joined", codes=codes))
                for name in names:
                    result.append(
                        Column(
                            f"{node['name']}/{name}",
                            f"{label}: {labels[name]}",
                            node,
                            choice=name,
                            kind="multiple_dummy",
                            value_labels={0: _("not chosen"), 1: _("chosen")},
                        )
                    )
            if node.get("or_other"):
                result.append(
                    Column(f"{node['name']}_other", f"{label}: {_('other, specify')}", node, kind="other")
                )
        elif kind in ("integer", "decimal"):
            result.append(Column(node["name"], label, node, kind="number"))
        elif kind == "date":
            result.append(Column(node["name"], label, node, kind="date"))
        else:
            result.append(Column(node["name"], label, node, kind="text"))
    return result


def _labels_of(definition: dict, node: dict, language: str) -> dict:
    labels = {
        item["name"]: form.text(item.get("label"), language, definition.get("languages")) or item["name"]
        for item in definition.get("choices", {}).get(node["list"], [])
    }
    if node.get("or_other"):
        labels.setdefault(form.OTHER, _("Other"))
    return labels


def _personal(row: dict) -> dict:
    text = row.get("personal") or ""
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _cell(column: Column, row: dict, answers: dict, *, labels: bool, choice_labels: dict, spss: bool):
    """One cell of a flat row."""
    if column.kind == "meta":
        value = row[dict(META)[column.name]]
        if hasattr(value, "isoformat"):
            return timezone.localtime(value).isoformat(timespec="seconds") if value else ""
        if isinstance(value, bool):
            return int(value)
        return value
    name = column.question["name"]
    value = answers.get(name)
    if column.kind == "other":
        return answers.get(f"{name}_other", "")
    if value is None or value == "" or value == []:
        if column.kind == "multiple_dummy" and name in answers:
            return 0
        return ""
    if column.kind == "single":
        if spss:
            return column.codes.get(str(value), "")
        return choice_labels[name].get(str(value), value) if labels else value
    if column.kind == "multiple_joined":
        chosen = value if isinstance(value, list) else [value]
        if spss or not labels:
            return " ".join(str(v) for v in chosen)
        return "; ".join(str(choice_labels[name].get(str(v), v)) for v in chosen)
    if column.kind == "multiple_dummy":
        chosen = value if isinstance(value, list) else [value]
        return 1 if column.choice in [str(v) for v in chosen] else 0
    if column.kind == "number":
        if column.question["type"] == "decimal":
            number = decimals.value(value)  # exact, with the places typed; a float stored before too
            return number if number is not None else str(value)
        return value if isinstance(value, int | float) else str(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _rows(job: ExportJob, cols: list[Column], *, labels: bool, spss: bool, definition: dict, on_progress):
    """The flat rows, streamed from the database in chunks."""
    choice_labels = {
        col.question["name"]: _labels_of(definition, col.question, job.language)
        for col in cols
        if col.kind in ("single", "multiple_joined")
    }
    fields = [field for _name, field in META] + ["data"]
    if job.include_personal:
        fields.append("personal")
    queryset = responses(job.survey, Filters.from_dict(job.filters)).order_by("pk").values(*fields)
    done = 0
    for row in queryset.iterator(chunk_size=CHUNK):
        answers = dict(row["data"] or {})
        if job.include_personal:
            answers.update(_personal(row))
        yield (
            row,
            [_cell(col, row, answers, labels=labels, choice_labels=choice_labels, spss=spss) for col in cols],
        )
        done += 1
        if done % PROGRESS_EVERY == 0:
            on_progress(done)
    on_progress(done)


def _path(job: ExportJob, extension: str) -> tuple[str, str]:
    relative = f"{EXPORT_DIR}/{job.survey_id}/{job.pk}-{secrets.token_hex(8)}.{extension}"
    absolute = os.path.join(settings.MEDIA_ROOT, relative)
    os.makedirs(os.path.dirname(absolute), exist_ok=True)
    return relative, absolute


def _csv_value(value):
    value = safe_cell(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal):
        return format(value, "f")  # 1234.50 as typed, never 1E+3
    return value


def _write_csv(handle, job, cols, definition, on_progress) -> None:
    handle.write(BOM)
    writer = csv.writer(handle)
    writer.writerow([col.name for col in cols])
    for _row, values in _rows(
        job, cols, labels=job.labels, spss=False, definition=definition, on_progress=on_progress
    ):
        writer.writerow([_csv_value(v) for v in values])


def _repeat_columns(definition: dict, language: str, personal: bool) -> list[tuple[dict, list[dict]]]:
    result = []
    for node in form.walk(definition.get("children", []), into_repeats=False):
        if node["type"] == "repeat":
            children = [
                child
                for child in form.walk(node.get("children", []))
                if child["type"] in form.ANSWERED_TYPES and (personal or not child.get("personal"))
            ]
            result.append((node, children))
    return result


def _write_xlsx(absolute: str, job, cols, definition, on_progress) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    repeats = _repeat_columns(definition, job.language, job.include_personal)
    repeat_sheets = []
    for node, children in repeats:
        repeat_sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", "_", node["name"])[:31])
        repeat_sheet.append(["response_id", "index", *[child["name"] for child in children]])
        repeat_sheets.append((node, children, repeat_sheet))

    def text_cell(target, value):
        if not isinstance(value, Decimal):
            value = xlsx_value(value)
        if isinstance(value, str):
            return as_text(WriteOnlyCell(target, value=value))  # text, never a formula
        if isinstance(value, Decimal) and value.as_tuple().exponent < 0:
            cell = WriteOnlyCell(target, value=value)
            cell.number_format = "0." + "0" * -value.as_tuple().exponent  # shown with the places typed
            return cell
        return value

    def repeat_value(child, item):
        value = item.get(child["name"], "")
        if child["type"] == "decimal":
            number = decimals.value(value)
            return number if number is not None else value
        return value

    sheet.append([col.name for col in cols])
    sheet.append([col.label for col in cols])
    for row, values in _rows(
        job, cols, labels=job.labels, spss=False, definition=definition, on_progress=on_progress
    ):
        sheet.append([text_cell(sheet, v) for v in values])
        for node, children, repeat_sheet in repeat_sheets:
            for index, item in enumerate(row["data"].get(node["name"]) or [], start=1):
                if isinstance(item, dict):
                    repeat_sheet.append(
                        [
                            row["id"],
                            index,
                            *[text_cell(repeat_sheet, repeat_value(child, item)) for child in children],
                        ]
                    )
    workbook.save(absolute)


def _spss_name(name: str, used: set) -> str:
    """A valid, unique SPSS variable name (letters, digits, _ and .; starting with a letter; up to 64 bytes)."""
    base = re.sub(r"[^A-Za-z0-9_.]", "_", name)
    if not base or not base[0].isalpha():
        base = "v_" + base
    base = base.rstrip("._")[:60] or "v"
    candidate, number = base, 1
    while candidate.lower() in used:
        number += 1
        candidate = f"{base[:56]}_{number}"
    used.add(candidate.lower())
    return candidate


def _quote(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    encoded = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    return "'" + encoded.replace("'", "''") + "'"


NO_ANSWER = -9


def spss_syntax(cols: list[Column], names: list[str], *, data_file: str = "data.csv", widths: dict) -> str:
    """The syntax that reads data.csv and labels it: GET DATA, VARIABLE LABELS, VALUE LABELS, MISSING VALUES,
    WEIGHT BY weight."""
    formats = []
    for col, name in zip(cols, names, strict=True):
        if col.kind == "meta":
            numeric = col.name in (
                "response_id",
                "interviewer_id",
                "duration_seconds",
                "too_fast",
                "straightlining",
                "duplicate",
                "weight",
            )
            fmt = (
                "F12.6"
                if col.name == "weight"
                else "F12.0"
                if numeric
                else f"A{max(widths.get(col.name, 1), 8)}"
            )
        elif col.kind in ("single", "multiple_dummy"):
            fmt = "F4.0"
        elif col.kind == "number":
            fmt = "F16.4" if col.question["type"] == "decimal" else "F12.0"
        elif col.kind == "date":
            fmt = "A10"
        else:
            fmt = f"A{max(1, min(widths.get(col.name, 1), 32767))}"
        formats.append(f"  {name} {fmt}")
    lines = [
        "* Azamat survey export: run from the folder holding data.csv (File > Open > Syntax, or pspp syntax.sps).",
        "GET DATA /TYPE=TXT",
        f"  /FILE='{data_file}'",
        "  /ENCODING='UTF8'",
        "  /ARRANGEMENT=DELIMITED",
        "  /DELCASE=LINE",
        "  /FIRSTCASE=2",
        "  /DELIMITERS=','",
        "  /QUALIFIER='\"'",
        "  /VARIABLES=",
        *formats,
        ".",
        "VARIABLE LABELS",
    ]
    labelled = [f"  {name} {_quote(col.label, 250)}" for col, name in zip(cols, names, strict=True)]
    lines += ["\n".join(labelled) + "."]
    value_lines = []
    missing = []
    for col, name in zip(cols, names, strict=True):
        if col.value_labels:
            pairs = " ".join(f"{code} {_quote(label, 120)}" for code, label in col.value_labels.items())
            if col.kind == "single":
                pairs += f" {NO_ANSWER} {_quote(_('No answer'), 120)}"
                missing.append(name)
            value_lines.append(f"  /{name} {pairs}")
    if value_lines:
        lines += [
            "VALUE LABELS",
            *[line if i else line.replace("  /", "  ", 1) for i, line in enumerate(value_lines)],
            ".",
        ]
    if missing:
        lines += [f"MISSING VALUES {' '.join(missing)} ({NO_ANSWER})."]
    if "weight" in names:
        lines += ["WEIGHT BY weight."]
    lines += ["EXECUTE."]
    return "\n".join(lines) + "\n"


def _write_spss(absolute: str, job, cols, definition, on_progress) -> None:
    used: set = set()
    names = [_spss_name(col.name, used) for col in cols]
    widths: dict[str, int] = {}
    # The data first (to a temporary member), measuring the text columns' widths for the syntax.
    with zipfile.ZipFile(absolute, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("data.csv", "w", force_zip64=True) as raw:
            handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            writer = csv.writer(handle)
            writer.writerow(names)
            for _row, values in _rows(
                job, cols, labels=False, spss=True, definition=definition, on_progress=on_progress
            ):
                out = []
                for col, value in zip(cols, values, strict=True):
                    if col.kind == "single" and value == "":
                        value = NO_ANSWER
                    value = _csv_value(value)
                    if isinstance(value, str):
                        widths[col.name] = max(widths.get(col.name, 1), len(value.encode("utf-8")))
                    out.append(value)
                writer.writerow(out)
            handle.flush()
            handle.detach()
        archive.writestr("syntax.sps", spss_syntax(cols, names, widths=widths))
        archive.writestr(
            "README.txt",
            _(
                "data.csv holds the answers as codes; syntax.sps reads it into SPSS or PSPP with the variable "
                "and value labels, the missing values and the weight. Open syntax.sps from this folder and run "
                "it. Repeated groups are not included."
            ),
        )


EXTENSIONS = {ExportJob.Format.CSV: "csv", ExportJob.Format.XLSX: "xlsx", ExportJob.Format.SPSS: "zip"}


def export_request(
    *,
    survey: Survey,
    by,
    format: str,
    labels: bool,
    language: str,
    filters: Filters,
    include_personal: bool,
    manager: bool,
) -> ExportJob:
    """Record the export (the audit row) and queue its building once the transaction commits."""
    if include_personal and not manager:
        raise ExportError(_("Only the survey's managers may export personal answers."))
    if format not in EXTENSIONS:
        raise ExportError(_("Choose CSV, XLSX or SPSS."))
    with transaction.atomic():
        job = ExportJob.objects.create(
            survey=survey,
            requested_by=by,
            format=format,
            labels=labels,
            language=language,
            filters=filters.to_dict(),
            include_personal=include_personal,
            rows_total=responses(survey, filters).count(),
        )
        from azamat.surveys.export_tasks import build_export

        transaction.on_commit(lambda: build_export.enqueue(job.pk))
    return job


def write_export(job: ExportJob) -> ExportJob:
    """Build the job's file: stream every response into it, updating rows_done every PROGRESS_EVERY rows."""
    survey = job.survey
    definition = _definition(survey)
    filters = Filters.from_dict(job.filters)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.RUNNING, rows_total=responses(survey, filters).count(), rows_done=0, error=""
    )

    def on_progress(done: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

    extension = EXTENSIONS[job.format]
    relative, absolute = _path(job, extension)
    try:
        with override(job.language):
            cols = columns(
                survey, language=job.language, personal=job.include_personal, definition=definition
            )
            if job.format == ExportJob.Format.CSV:
                with open(absolute, "w", encoding="utf-8", newline="") as handle:
                    _write_csv(handle, job, cols, definition, on_progress)
            elif job.format == ExportJob.Format.XLSX:
                _write_xlsx(absolute, job, cols, definition, on_progress)
            else:
                _write_spss(absolute, job, cols, definition, on_progress)
    except Exception as error:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        if os.path.exists(absolute):
            os.remove(absolute)
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE,
        file_path=relative,
        file_size=os.path.getsize(absolute),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def export_absolute_path(job: ExportJob) -> str | None:
    if not job.file_path:
        return None
    root = os.path.realpath(settings.MEDIA_ROOT)
    path = os.path.realpath(os.path.join(root, job.file_path))
    return path if path.startswith(root + os.sep) else None


def download_name(job: ExportJob) -> str:
    stamp = timezone.localtime(job.created_at).strftime("%Y-%m-%d")
    suffix = "-personal" if job.include_personal else ""
    return f"survey-{job.survey_id}-responses-{stamp}{suffix}.{EXTENSIONS.get(job.format, 'csv')}"
