"""Data for the grants journeys, set up with the module's services and factories, and a small real PDF.

Each journey clicks through its own role's steps in the browser; everything before those steps (the call,
the earlier stages of the cycle) is made here, the way the services would have made it.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from azamat.grants.factories import (
    ApplicationFactory,
    CallFactory,
    DirectionFactory,
    ExpertFactory,
    grant_type,
)
from azamat.grants.models import AgendaItem, Application, Attachment, CommissionMember, Vote
from azamat.grants.services import commission as commission_services
from azamat.grants.services import sittings as sitting_services
from azamat.grants.services.applications import application_number_prefix
from azamat.testing.commission import affiliate
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory, UserFactory

from .support import describe_violations, run_axe

GOV, OPR, NGO = CommissionMember.Side.GOVERNMENT, CommissionMember.Side.OPERATOR, CommissionMember.Side.NGO
SUPPORT, AGAINST, ABSTAIN = Vote.Choice.SUPPORT, Vote.Choice.AGAINST, Vote.Choice.ABSTAIN
# What every ApplicationFactory application asks for: 6 × 250,000 + 4 × 300,000 ₸.
REQUESTED = Decimal("2700000.00")


def minimal_pdf(text: str = "Azamat") -> bytes:
    """A one-page PDF 1.4 with a correct cross-reference table: small, and a real PDF to any reader."""
    content = f"BT /F1 18 Tf 20 50 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def pdf_upload(name: str, text: str = "Azamat") -> dict:
    """A file for Playwright's set_input_files."""
    return {"name": name, "mimeType": "application/pdf", "buffer": minimal_pdf(text)}


def assert_accessible(page, label: str) -> None:
    """axe-core (WCAG 2.1 A and AA): no serious or critical violation."""
    violations = run_axe(page)
    assert not violations, f"axe found serious/critical violations on {label}:\n" + describe_violations(
        violations
    )


def make_operator(email: str = "operator@example.kz", full_name: str = "Айгерим Operator"):
    user = UserFactory(email=email, full_name=full_name)
    PlatformRoleFactory(user=user, role="grant_operator")
    return user


def open_call(code: str, title: str, **extra):
    return CallFactory(code=code, title_en=title, **extra)


def closed_call(code: str, title: str, **extra):
    """A call whose applications closed yesterday (it opened six weeks ago)."""
    now = timezone.now()
    extra.setdefault("opens_at", now - datetime.timedelta(days=42))
    extra.setdefault("closes_at", now - datetime.timedelta(days=1))
    return CallFactory(code=code, title_en=title, **extra)


def commission_call(code: str, title: str, **extra):
    """A closed call of a two-stage grant type (medium-term): only such a call has a tender commission."""
    extra.setdefault("grant_type", grant_type("medium-term"))
    return closed_call(code, title, **extra)


def direction(call, title: str, **extra):
    return DirectionFactory(call=call, title_en=title, **extra)


def application(call, direction, organisation, index: int, status: str, **extra) -> Application:
    """An application already past the given stage, numbered as the submission would number it."""
    extra.setdefault("submitted_at", call.closes_at - datetime.timedelta(days=3, hours=index))
    extra.setdefault("number", f"{application_number_prefix(call)}{index:04d}")
    return ApplicationFactory(
        call=call, direction=direction, organisation=organisation, status=status, **extra
    )


def attach_required_documents(application: Application) -> None:
    for code, name in [("charter", "Charter.pdf"), ("registration", "Registration certificate.pdf")]:
        Attachment.objects.create(
            application=application,
            document_code=code,
            file=ContentFile(minimal_pdf(code), f"{code}.pdf"),
            original_name=name,
            size=len(minimal_pdf(code)),
            content_type="application/pdf",
        )


def experts(count: int, *, first=None) -> list:
    """Experts in the register reading Kazakh and Russian; `first`, a user, is the first of them."""
    people = [first] if first is not None else []
    people += [UserFactory(full_name=f"Эксперт Тізілім-{k}") for k in range(count - len(people))]
    return [ExpertFactory(user=person) for person in people]


COMMISSION = [  # key, email, full name, side, chair
    ("chair", "chair@example.kz", "Ерлан Жұмабаев", GOV, True),
    ("gov", "gov@example.kz", "Светлана Ким", GOV, False),
    ("opr", "opr@example.kz", "Асель Бекова", OPR, False),
    ("ngo1", "marat@example.kz", "Марат Серіков", NGO, False),
    ("ngo2", "gulnar@example.kz", "Гүлнар Әбенова", NGO, False),
]


def commission_with_sitting(call, operator, *, unconfirmed=("ngo1",)):
    """A valid commission of five, a sitting with everyone present and the agenda built; everyone but
    `unconfirmed` has confirmed their declaration."""
    commission = commission_services.commission_create(call=call, by=operator)
    members = {}
    for key, email, name, side, chair in COMMISSION:
        members[key] = commission_services.commission_member_add(
            commission=commission,
            user=affiliate(UserFactory(email=email, full_name=name), side=side, call=call),
            side=side,
            is_chair=chair,
            by=operator,
        )
    sitting = sitting_services.sitting_schedule(
        commission=commission,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        place="Astana, House of Ministries, hall 3",
        stream_url="https://youtube.com/live/komissiya-2026",
        by=operator,
    )
    sitting_services.agenda_build(sitting=sitting, by=operator)
    sitting_services.sitting_mark_present(sitting=sitting, members=list(members.values()), by=operator)
    for key, member in members.items():
        if key not in unconfirmed:
            commission_services.commission_declaration_confirm(member=member, by=member.user)
    return commission, members, sitting


def vote(sitting, application, members: dict, choices: dict) -> AgendaItem:
    item = AgendaItem.objects.get(sitting=sitting, application=application)
    for key, choice in choices.items():
        sitting_services.vote_cast(item=item, member_user=members[key].user, choice=choice)
    return item


def other_organisation(name: str):
    return OrganisationFactory(name_ru=f"Общественный фонд «{name}»", name_kk=f"«{name}» қоғамдық қоры")
