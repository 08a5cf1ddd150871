"""The councils module's rows of the authorisation matrix, and the objects they need in the world.

The secretary persona keeps `w.council` (published) and nothing else; `w.other_council` has no secretary among the
personas (only the platform administrator manages it) and `w.draft_council` is unpublished. Empty POSTs by those who
manage come back as the form with its errors (400) or, for a step with nothing to type, a redirect with the
refusal's message (302).
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.security.matrix import POST_ONLY, PUBLIC, SIGNED, Case, allow, table
from tests.security.world import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MANAGERS = ("secretary", "platform_admin")
ADMIN = ("platform_admin",)


def build(w: World) -> None:
    """Add the module's objects to the security world."""
    from azamat.councils.models import Document
    from azamat.testing.councils_factories import (
        CouncilFactory,
        CouncilSecretaryFactory,
        MeetingFactory,
        MemberFactory,
    )

    now = timezone.now()
    w.council = CouncilFactory(name_ru="Общественный совет Своего", body=w.body)
    CouncilSecretaryFactory(council=w.council, user=w.people["secretary"])
    w.other_council = CouncilFactory(name_ru="Общественный совет Чужого", body=w.other_body)
    w.draft_council = CouncilFactory(name_ru="Черновой совет", body=w.body, published_at=None)
    w.council_member = MemberFactory(council=w.council, full_name="Член Своего Совета")
    w.other_council_member = MemberFactory(council=w.other_council, full_name="Член Чужого Совета")
    w.council_meeting = MeetingFactory(council=w.council, starts_at=now - datetime.timedelta(hours=3))
    w.other_council_meeting = MeetingFactory(
        council=w.other_council, starts_at=now - datetime.timedelta(hours=3)
    )
    w.council_private_document = Document.objects.create(
        council=w.council,
        kind=Document.Kind.PLAN,
        title="Проект плана",
        file=ContentFile(PDF, "plan.pdf"),
        original_name="План.pdf",
        size=len(PDF),
        is_public=False,
    )
    w.council_public_document = Document.objects.create(
        council=w.council,
        kind=Document.Kind.REGULATIONS,
        title="Положение",
        file=ContentFile(PDF, "rules.pdf"),
        original_name="Положение.pdf",
        size=len(PDF),
        is_public=True,
    )


def _none(w):
    return {}


def _council(attr):
    return lambda w: {"pk": getattr(w, attr).pk}


def _member(council, member):
    return lambda w: {"pk": getattr(w, council).pk, "member_pk": getattr(w, member).pk}


def _proposal(attr):
    return lambda w: {"pk": w.council.pk, "proposal_pk": getattr(w, attr).pk}


def _meeting(council, meeting):
    return lambda w: {"pk": getattr(w, council).pk, "meeting_pk": getattr(w, meeting).pk}


OWN = _council("council")
OTHER = _council("other_council")
OWN_MEETING = _meeting("council", "council_meeting")
OTHER_MEETING = _meeting("other_council", "other_council_meeting")


def _managed_post(code: str, *, secretary_code: str | None = None, get=POST_ONLY):
    """A council's POST-only step: its secretary and the administrator act (`code`), anyone else 403; on the other
    council only the administrator."""
    own = allow(ADMIN, code, secretary=secretary_code or code)
    return [
        Case("own", OWN, get, own, MANAGERS if not secretary_code else ADMIN),
        Case("other", OTHER, get, allow(ADMIN, code), ADMIN),
    ]


def _meeting_post(code: str):
    return [
        Case("own", OWN_MEETING, POST_ONLY, allow(MANAGERS, code), MANAGERS),
        Case("other", OTHER_MEETING, POST_ONLY, allow(ADMIN, code), ADMIN),
    ]


CASES: dict[str, list] = {
    # Public pages.
    "councils:list": [Case("", _none, PUBLIC)],
    "councils:meetings": [Case("", _none, PUBLIC)],
    "councils:calendar": [Case("", _none, PUBLIC)],
    "councils:detail": [
        Case("published", OWN, PUBLIC),
        Case("unpublished", _council("draft_council"), table("404", platform_admin="200")),
    ],
    "councils:council_calendar": [
        Case("published", OWN, PUBLIC),
        Case("unpublished", _council("draft_council"), table("404")),
    ],
    "councils:meeting": [Case("", OWN_MEETING, PUBLIC)],
    "councils:document": [
        Case("public", lambda w: {"pk": w.council_public_document.pk}, PUBLIC),
        Case(
            "private",
            lambda w: {"pk": w.council_private_document.pk},
            table("403", secretary="200", platform_admin="200"),
        ),
    ],
    # Management.
    "councils:mine": [Case("", _none, SIGNED)],
    "councils:create": [Case("", _none, allow(ADMIN), allow(ADMIN, "400"), ADMIN)],
    "councils:manage": [
        Case("own", OWN, allow(MANAGERS), allow(MANAGERS, "400"), MANAGERS),
        Case("other", OTHER, allow(ADMIN), allow(ADMIN, "400"), ADMIN),
    ],
    "councils:publish": _managed_post("302"),
    "councils:member_add": _managed_post("400"),
    "councils:member_edit": [
        Case(
            "own",
            _member("council", "council_member"),
            allow(MANAGERS),
            allow(MANAGERS, "400"),
            MANAGERS,
        ),
        Case(
            "other",
            _member("other_council", "other_council_member"),
            allow(ADMIN),
            allow(ADMIN, "400"),
            ADMIN,
        ),
    ],
    "councils:member_leave": [
        Case(
            "own",
            _member("council", "council_member"),
            allow(MANAGERS),
            allow(MANAGERS, "400"),
            MANAGERS,
        ),
        Case(
            "other",
            _member("other_council", "other_council_member"),
            allow(ADMIN),
            allow(ADMIN, "400"),
            ADMIN,
        ),
    ],
    "councils:committee_add": _managed_post("400"),
    "councils:secretary_add": _managed_post("400", secretary_code="403"),
    "councils:document_add": _managed_post("400"),
    "councils:meeting_schedule": _managed_post("400"),
    # A meeting's record.
    "councils:meeting_manage": [
        Case("own", OWN_MEETING, allow(MANAGERS)),
        Case("other", OTHER_MEETING, allow(ADMIN)),
    ],
    "councils:agenda_add": _meeting_post("400"),
    "councils:attendance": _meeting_post("400"),
    "councils:decision_add": _meeting_post("400"),
    "councils:minutes_save": _meeting_post("400"),
    "councils:minutes_publish": _meeting_post("302"),
    "councils:meeting_cancel": _meeting_post("400"),
    "councils:meeting_document_add": _meeting_post("400"),
    # Members' proposed recommendations (built by `cases_councils_kpi.build`, after the citizen's seat): a sitting
    # member (the citizen persona) proposes and follows their own, the secretary takes each up; an empty proposal
    # or step is the form with its errors, a step not one's own is refused with its reason.
    "councils:proposals": [
        Case("own", OWN, allow((*MANAGERS, "citizen"))),
        Case("other", OTHER, allow(ADMIN)),
    ],
    "councils:proposal_submit": [
        Case("own", OWN, POST_ONLY, allow(("citizen",), "400"), ("citizen",)),
        Case("other", OTHER, POST_ONLY, allow(())),
    ],
    "councils:proposal_agenda": [
        Case("", _proposal("council_proposal"), POST_ONLY, allow(MANAGERS, "400"), MANAGERS),
    ],
    "councils:proposal_decline": [
        Case("", _proposal("council_proposal"), POST_ONLY, allow(MANAGERS, "400"), MANAGERS),
    ],
    "councils:proposal_withdraw": [
        Case(
            "",
            _proposal("council_proposal_to_withdraw"),
            POST_ONLY,
            allow((*MANAGERS, "citizen"), "302"),
            ("citizen",),
        ),
    ],
}
