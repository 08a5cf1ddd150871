"""The founding documents' rows of the authorisation matrix, and the objects they need in the world.

The first NGO's charter is private: its people, the grant operator's staff and the platform's administrators
download it, everyone else gets 403 (an anonymous visitor too: a public document is downloadable without
signing in, so the download does not send to sign in). Its registration certificate is shown on the public
profile: anyone downloads it. Only the NGO's administrator ("owner") and the platform's administrators upload
(an empty form: 400, nothing written)."""

from tests.security.matrix import Case
from tests.security.world import PDF, World

READERS = ("owner", "member", "operator", "platform_admin")
KEEPERS = ("owner", "platform_admin")


def build(w: World) -> None:
    import datetime

    from django.core.files.base import ContentFile

    from azamat.registry.models import FoundingDocument

    def document(kind, public):
        return FoundingDocument.objects.create(
            organisation=w.ngo,
            kind=kind,
            file=ContentFile(PDF, f"{kind}.pdf"),
            original_name=f"{kind}.pdf",
            size=len(PDF),
            content_type="application/pdf",
            dated=datetime.date(2019, 4, 12),
            public=public,
            uploaded_by=w.people["owner"],
        )

    w.charter = document("charter", public=False)
    w.certificate = document("registration", public=True)


def _cases() -> dict[str, list]:
    from tests.security.matrix import PUBLIC, allow, table

    return {
        "registry:organisation_documents": [
            Case("", lambda w: {"bin": w.ngo.bin}, allow(READERS), allow(KEEPERS, "400"), KEEPERS)
        ],
        "registry:founding_document": [
            Case(
                "private",
                lambda w: {"bin": w.ngo.bin, "pk": w.charter.pk},
                table("403", **dict.fromkeys(READERS, "200")),
            ),
            Case("public", lambda w: {"bin": w.ngo.bin, "pk": w.certificate.pk}, PUBLIC),
        ],
    }


CASES: dict[str, list] = _cases()
