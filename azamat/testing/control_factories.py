"""Test support for public-control checks: checks started, run and completed through the services."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from azamat.accountability import control
from azamat.testing.files import real_pdf

PDF = real_pdf(text="Final document")


def pdf(name: str = "Итоговый документ.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def check(
    *,
    by,
    organisation,
    body,
    subject: str = "Мониторинг доступности поликлиник",
    method: str = "monitoring",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    **extra,
):
    today = timezone.localdate()
    starts_on = starts_on or today - datetime.timedelta(days=20)
    return control.check_create(
        by=by,
        organisation=organisation,
        body=body,
        subject=subject,
        method=method,
        starts_on=starts_on,
        ends_on=ends_on or starts_on + datetime.timedelta(days=40),
        **extra,
    )


def with_findings(found, *, by, findings: str = "В трёх из пяти поликлиник нет пандуса."):
    return control.check_findings_save(check=found, by=by, findings=findings)


def completed(found, *, by, document: bool = True, completed_on: datetime.date | None = None):
    if not found.findings:
        with_findings(found, by=by)
    if document:
        control.check_document_upload(check=found, by=by, upload=pdf())
    return control.check_complete(check=found, by=by, completed_on=completed_on)


def draft(found, *, by, body, title: str = "Установить пандусы", text: str = "Установить пандусы до 1 июня."):
    return control.recommendation_add(check=found, by=by, body=body, title=title, text=text)
