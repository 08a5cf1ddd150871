"""Reads of an organisation's founding documents, shared by its documents page, its profile and the grants'
application editor."""

from azamat.registry.document_models import FoundingDocument


def founding_documents(*, organisation) -> list[FoundingDocument]:
    """Every version, current first within each kind, with who uploaded it."""
    return list(
        FoundingDocument.objects.filter(organisation=organisation)
        .select_related("uploaded_by")
        .order_by("kind", "-current", "-uploaded_at", "-pk")
    )


def current_documents(*, organisation) -> dict[str, FoundingDocument]:
    """The current file of each kind on file: kind → document."""
    return {
        document.kind: document
        for document in FoundingDocument.objects.filter(organisation=organisation, current=True)
    }


def public_documents(*, organisation) -> list[FoundingDocument]:
    """What the organisation shows on its public profile."""
    return list(FoundingDocument.objects.filter(organisation=organisation, current=True, public=True))


def current_document(*, organisation, kind: str) -> FoundingDocument | None:
    return FoundingDocument.objects.filter(organisation=organisation, kind=kind, current=True).first()


def kinds_on_file(organisations) -> dict[int, set[str]]:
    """The kinds each organisation has a current file of, by its key, in one query (the workspace's cards)."""
    on_file: dict[int, set[str]] = {}
    rows = FoundingDocument.objects.filter(organisation__in=organisations, current=True).values_list(
        "organisation_id", "kind"
    )
    for organisation_id, kind in rows:
        on_file.setdefault(organisation_id, set()).add(kind)
    return on_file
