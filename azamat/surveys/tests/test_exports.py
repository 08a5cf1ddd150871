"""Exports: requested on the page (the audit row), built in the background (immediately in tests), streamed to a
private file, downloaded only through the checked view; read back as CSV and XLSX, and the SPSS syntax run
through PSPP to see the labels arrive."""

import csv
import os
import subprocess
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from azamat.surveys import export_services
from azamat.surveys.analysis import Filters
from azamat.surveys.models import ExportJob, SurveyMember
from azamat.testing import surveys_factories as sf

pytestmark = pytest.mark.django_db
PSPP = "/usr/bin/pspp"


@pytest.fixture
def survey(alice, ngo):
    made = sf.survey(by=alice, organisation=ngo)
    sf.response(
        made,
        {
            "region": "751000000",
            "sex": "f",
            "age": 34,
            "services": ["ramp", "other"],
            "services_other": "=HYPERLINK(1)",
            "satisfied": "no",
            "why": "Нет пандуса",
            "spend": 1500.5,
            "children": [{"child_age": 4}, {"child_age": 9}],
        },
        personal='{"phone": "+7 701 000 00 00"}',
    )
    sf.response(
        made, {"region": "711000000", "sex": "m", "age": 50, "services": ["transport"], "satisfied": "yes"}
    )
    sf.response(made, {"region": "711000000", "sex": "m"}, review="rejected")
    return made


def _export(survey, user, **fields) -> ExportJob:
    fields.setdefault("format", "csv")
    fields.setdefault("labels", True)
    fields.setdefault("language", "en")
    fields.setdefault("filters", Filters())
    fields.setdefault("include_personal", False)
    fields.setdefault("manager", True)
    job = export_services.export_request(survey=survey, by=user, **fields)
    job = ExportJob.objects.get(pk=job.pk)
    if job.status == ExportJob.Status.QUEUED:  # outside a committed transaction the task has not run yet
        job = export_services.write_export(job)
    return job


def _file(job) -> str:
    return export_services.export_absolute_path(job)


def test_csv_with_labels_multiple_choice_columns_and_safe_cells(survey, alice):
    job = _export(survey, alice)
    assert job.status == "done" and job.rows_done == 2 and job.rows_total == 2
    with open(_file(job), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2  # the rejected response is not counted
    first = rows[0]
    assert first["sex"] == "Female" and first["region"] == "Almaty"
    assert first["services"] == "Ramp; Other"
    assert (first["services/ramp"], first["services/sign"], first["services/other"]) == ("1", "0", "1")
    assert first["services_other"] == "'=HYPERLINK(1)"
    assert first["spend"] == "1500.5"
    assert "phone" not in first  # personal: not asked for


def test_csv_with_codes_and_personal_data_for_a_manager(survey, alice):
    job = _export(survey, alice, labels=False, include_personal=True)
    with open(_file(job), encoding="utf-8-sig", newline="") as handle:
        first = next(csv.DictReader(handle))
    assert first["sex"] == "f" and first["services"] == "ramp other"
    assert first["phone"] == "'+7 701 000 00 00"  # a leading "+" would be read as a formula


def test_personal_data_is_refused_to_an_analyst(survey, bob):
    with pytest.raises(export_services.ExportError):
        _export(survey, bob, include_personal=True, manager=False)


def test_xlsx_has_a_header_a_label_row_and_the_repeats_sheet(survey, alice):
    job = _export(survey, alice, format="xlsx", language="ru")
    workbook = load_workbook(_file(job), read_only=True)
    data = list(workbook["data"].iter_rows(values_only=True))
    header, labels, first = data[0], data[1], data[2]
    assert header.index("sex") == labels.index("Ваш пол")
    assert first[header.index("sex")] == "Женский"
    # Text as typed, in a text cell Excel never runs (a quote prefix, no apostrophe shown).
    assert first[header.index("services_other")] == "=HYPERLINK(1)"
    cell = load_workbook(_file(job))["data"].cell(row=3, column=header.index("services_other") + 1)
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    children = list(workbook["children"].iter_rows(values_only=True))
    assert children[0] == ("response_id", "index", "child_age")
    assert [row[2] for row in children[1:]] == [4, 9]


def test_spss_syntax_runs_in_pspp_and_carries_the_labels(survey, alice, tmp_path):
    assert os.path.exists(PSPP), "PSPP must be installed at /usr/bin/pspp to check the SPSS export"
    job = _export(survey, alice, format="spss", language="en")
    with zipfile.ZipFile(_file(job)) as archive:
        archive.extractall(tmp_path)
        syntax = archive.read("syntax.sps").decode()
    assert "VALUE LABELS" in syntax and "WEIGHT BY weight." in syntax and "MISSING VALUES" in syntax
    with open(tmp_path / "syntax.sps", "a", encoding="utf-8") as handle:
        handle.write("DISPLAY DICTIONARY.\nFREQUENCIES VARIABLES=sex.\n")
    run = subprocess.run(  # noqa: S603 — a fixed program on our own temporary file
        [PSPP, "-O", "format=txt", "-o", str(tmp_path / "out.txt"), "syntax.sps"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert run.returncode == 0, run.stdout + run.stderr + output
    assert "error" not in output.lower(), output
    assert "Your sex" in output and "Female" in output and "Male" in output
    assert "Which services are missing?: Ramp" in output


def test_the_page_records_the_export_and_the_download_is_checked(
    client, survey, alice, bob, carol, django_capture_on_commit_callbacks
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(alice)
    url = reverse("surveys:exports", args=[survey.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the task is queued when the request commits
        answer = client.post(
            url, {"format": "csv", "labels": "1", "language": "en", "include_personal": "on"}
        )
    job = ExportJob.objects.get(survey=survey)
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "surveys:export", args=[survey.pk, job.pk]
    )
    assert job.requested_by == alice and job.include_personal
    progress = client.get(reverse("surveys:export", args=[survey.pk, job.pk]), {"format": "json"}).json()
    assert progress["status"] == "done" and progress["progress"] == 100
    download = client.get(reverse("surveys:export_download", args=[survey.pk, job.pk]))
    assert download.status_code == 200
    body = b"".join(download.streaming_content) if download.streaming else download.content
    assert body.decode("utf-8-sig").startswith("response_id,")
    assert ExportJob.objects.get(pk=job.pk).downloaded_at is not None
    # An analyst of the team does not get a personal export; a stranger gets nothing.
    SurveyMember.objects.create(survey=survey, user=bob, role=SurveyMember.Role.ANALYST)
    client.force_login(bob)
    assert client.get(reverse("surveys:export_download", args=[survey.pk, job.pk])).status_code == 403
    page = client.get(url)
    assert page.status_code == 200 and "With personal data" not in page.content.decode()
    client.force_login(carol)
    assert client.get(reverse("surveys:export_download", args=[survey.pk, job.pk])).status_code == 403


def test_the_export_streams_in_chunks_and_reports_progress(survey, alice, monkeypatch):
    for index in range(7):
        sf.response(survey, {"region": "751000000", "sex": "f", "age": 20 + index})
    monkeypatch.setattr(export_services, "CHUNK", 3)
    monkeypatch.setattr(export_services, "PROGRESS_EVERY", 4)
    job = _export(survey, alice)
    with open(_file(job), encoding="utf-8-sig") as handle:
        assert sum(1 for _ in handle) == 1 + 9
    assert (job.rows_done, job.rows_total, job.progress) == (9, 9, 100)
    assert job.file_size == os.path.getsize(_file(job))


def test_bad_input_on_the_page_keeps_what_was_chosen(client, survey, alice):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(alice)
    page = client.post(
        reverse("surveys:exports", args=[survey.pk]), {"format": "pdf", "labels": "0", "language": "en"}
    )
    assert page.status_code == 400
    assert not ExportJob.objects.exists()
    assert "Select a valid choice" in page.content.decode()
