"""The query-count case of an organisation's founding documents page (the current file of each kind and every
earlier version, with who uploaded each), registered into `PAGE_CASES` on import. Rows vary: both kinds, each
version uploaded by a different person."""

import datetime

from django.urls import reverse

from tests.queries.support import SERIALS, page_case


def _versions_of(organisation, k: int) -> list[str]:
    from azamat.registry.models import FoundingDocument
    from azamat.testing.factories import UserFactory

    rows = []
    for _ in range(k):
        serial = next(SERIALS)
        document = FoundingDocument.objects.create(
            organisation=organisation,
            kind="charter" if serial % 2 else "registration",
            file=f"registry/documents/{organisation.pk}/version-{serial}.pdf",
            original_name=f"Версия {serial}.pdf",
            size=1000 + serial,
            content_type="application/pdf",
            dated=datetime.date(2019, 4, 12),
            current=False,  # an earlier version: any number of them
            uploaded_by=UserFactory(full_name=f"Загрузил Номер{serial}"),
        )
        rows.append(document.original_name)
    return rows


@page_case(
    "an organisation's founding documents",
    persona="alice",
    url=lambda ctx: reverse("registry:organisation_documents", args=[ctx["ngo"].bin]),
)
def _documents(k, ctx):
    return _versions_of(ctx["ngo"], k)


LIST_PAGES = {"registry:organisation_documents": "an organisation's founding documents"}
NOT_LISTS = {"registry:founding_document": "a file download of one record"}
