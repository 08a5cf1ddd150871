"""A small world where everything belongs to someone, and the personas who look at it, for the security checks.

`tests/security/conftest.py` builds it once per test module inside a transaction rolled back at the end (each
test runs in a savepoint within it), so thousands of URL × persona requests share one set of objects.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from azamat.accounts.models import PlatformRole
from azamat.grants.factories import (
    ApplicationFactory,
    CallFactory,
    DirectionFactory,
    ExpertFactory,
    grant_type,
)
from azamat.grants.models import (
    AgendaItem,
    Application,
    Assignment,
    Attachment,
    Commission,
    CommissionMember,
    Draw,
    SimilarityFlag,
    Sitting,
)
from azamat.grants.services import commission as commission_services
from azamat.grants.services.projects import project_create
from azamat.registry.models import GovernmentBody, Membership
from azamat.testing.commission import affiliate
from azamat.testing.factories import MembershipFactory, OrganisationFactory, PlatformRoleFactory, UserFactory

# A title no other page could show by chance: if it appears on a page a non-editor loads, the draft leaked.
DRAFT_TITLES = {
    "kk": "ЖАРИЯЛАНБАҒАН-ЖОБА Құпия конкурс",
    "ru": "НЕОПУБЛИКОВАННЫЙ-ЧЕРНОВИК Секретный конкурс",
    "en": "UNPUBLISHED-DRAFT Secret call",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Every persona the matrix asks about, in the order its rows list them.
PERSONAS = [
    "anonymous",
    "citizen",
    "other_member",
    "other_admin",
    "member",
    "owner",
    "operator",
    "expert_assigned",
    "expert_unassigned",
    "officer",
    "officer_other",
    "secretary",
    "monitor",
    "commission_member",
    "platform_admin",
    "working_group",
]


@dataclass
class World:
    people: dict = field(default_factory=dict)
    sessions: dict = field(default_factory=dict)  # persona → session key, signed in once per module
    ngo: object = None
    other_ngo: object = None
    draft_call: object = None
    open_call: object = None
    closed_call: object = None
    results_call: object = None
    direction: object = None
    draft_application: object = None
    submitted_application: object = None
    other_application: object = None
    compliant_application: object = None
    awarded_application: object = None
    attachment: object = None
    assignment: object = None
    draw: object = None
    similarity: object = None
    commission: object = None
    seat: object = None
    open_sitting: object = None
    item: object = None
    closed_sitting: object = None
    published_sitting: object = None
    project: object = None
    report: object = None
    report_file: object = None
    body: object = None
    other_body: object = None

    def user(self, persona: str):
        return None if persona == "anonymous" else self.people[persona]


def _person(email: str, name: str, **extra):
    return UserFactory(email=f"{email}@security.example.kz", full_name=name, **extra)


def _role(user, role, body=None):
    PlatformRoleFactory(user=user, role=role, body=body)
    return user


def build_world() -> World:
    now = timezone.now()
    w = World()
    w.body = GovernmentBody.objects.get(code="mci-civil-society")
    w.other_body = (
        GovernmentBody.objects.exclude(pk=w.body.pk).exclude(code="cso-support-centre").order_by("pk").first()
    )

    # Organisations and their people.
    w.ngo = OrganisationFactory(
        name_ru="Общественное объединение «Свой дом»", name_kk="«Өз үйі» қоғамдық бірлестігі"
    )
    w.other_ngo = OrganisationFactory(
        name_ru="Общественное объединение «Чужой»", name_kk="«Бөтен» бірлестігі"
    )
    p = w.people
    p["citizen"] = _person("citizen", "Гражданин Без Ролей")
    p["owner"] = _person("owner", "Владелец Своей НКО")
    MembershipFactory(user=p["owner"], organisation=w.ngo, role=Membership.Role.ADMIN)
    p["member"] = _person("member", "Член Своей НКО")
    MembershipFactory(user=p["member"], organisation=w.ngo, role=Membership.Role.MEMBER)
    p["other_admin"] = _person("other-admin", "Админ Чужой НКО")
    MembershipFactory(user=p["other_admin"], organisation=w.other_ngo, role=Membership.Role.ADMIN)
    p["other_member"] = _person("other-member", "Член Чужой НКО")
    MembershipFactory(user=p["other_member"], organisation=w.other_ngo, role=Membership.Role.MEMBER)

    # Platform roles.
    p["operator"] = _role(_person("operator", "Оператор Грантов"), PlatformRole.Role.GRANT_OPERATOR)
    p["officer"] = _role(
        _person("officer", "Сотрудник Заказчика"), PlatformRole.Role.GOVERNMENT_OFFICER, w.body
    )
    p["officer_other"] = _role(
        _person("officer-other", "Сотрудник Другого Органа"),
        PlatformRole.Role.GOVERNMENT_OFFICER,
        w.other_body,
    )
    p["secretary"] = _role(_person("secretary", "Секретарь Совета"), PlatformRole.Role.COUNCIL_SECRETARY)
    p["monitor"] = _role(_person("monitor", "Мониторщик"), PlatformRole.Role.MONITOR)
    p["platform_admin"] = _role(
        _person("admin", "Администратор Платформы", is_staff=True), PlatformRole.Role.PLATFORM_ADMIN
    )
    p["expert_assigned"] = ExpertFactory(user=_person("expert-assigned", "Эксперт Назначенный")).user
    _role(p["expert_assigned"], PlatformRole.Role.EXPERT)
    p["expert_unassigned"] = ExpertFactory(user=_person("expert-free", "Эксперт Свободный")).user
    _role(p["expert_unassigned"], PlatformRole.Role.EXPERT)
    p["commission_member"] = _person("commission", "Член Комиссии")
    p["working_group"] = _role(_person("working-group", "Рабочая Группа"), PlatformRole.Role.WORKING_GROUP)

    # Calls in every phase; the draft one carries a title that must never leak.
    w.draft_call = CallFactory(
        code="sec-draft",
        published=False,
        title_kk=DRAFT_TITLES["kk"],
        title_ru=DRAFT_TITLES["ru"],
        title_en=DRAFT_TITLES["en"],
        opens_at=now + datetime.timedelta(days=30),
        closes_at=now + datetime.timedelta(days=60),
    )
    DirectionFactory(
        call=w.draft_call, title_ru="Черновое направление", title_kk="Жоба бағыты", title_en="Draft direction"
    )
    w.open_call = CallFactory(
        code="sec-open", discussion_until=timezone.localdate() + datetime.timedelta(days=3)
    )
    w.direction = DirectionFactory(call=w.open_call)
    w.closed_call = CallFactory(  # two stages: it has a tender commission
        code="sec-closed",
        grant_type=grant_type("medium-term"),
        opens_at=now - datetime.timedelta(days=60),
        closes_at=now - datetime.timedelta(days=30),
    )
    closed_direction = DirectionFactory(call=w.closed_call)
    w.results_call = CallFactory(
        code="sec-results",
        grant_type=grant_type("medium-term"),
        results_published=True,
        opens_at=now - datetime.timedelta(days=200),
        closes_at=now - datetime.timedelta(days=170),
    )
    results_direction = DirectionFactory(call=w.results_call)

    # Applications of our NGO (and one of the other NGO, for near-duplicates).
    w.draft_application = ApplicationFactory(
        call=w.open_call,
        direction=w.direction,
        organisation=w.ngo,
        created_by=p["owner"],
        title="Черновик своей НКО",
    )
    w.attachment = Attachment.objects.create(
        application=w.draft_application,
        document_code="charter",
        file=ContentFile(PDF, "charter.pdf"),
        original_name="Устав.pdf",
        size=len(PDF),
        content_type="application/pdf",
        uploaded_by=p["owner"],
    )
    w.submitted_application = ApplicationFactory(
        call=w.open_call,
        direction=w.direction,
        organisation=w.ngo,
        created_by=p["owner"],
        status=Application.Status.SUBMITTED,
        number="KZ-2026-sec-open-0001",
        submitted_at=now,
        title="Поданная заявка своей НКО",
    )
    w.other_application = ApplicationFactory(
        call=w.open_call,
        direction=w.direction,
        organisation=w.other_ngo,
        created_by=p["other_admin"],
        status=Application.Status.SUBMITTED,
        number="KZ-2026-sec-open-0002",
        submitted_at=now,
        title="Заявка чужой НКО",
    )
    w.similarity = SimilarityFlag.objects.create(
        application=w.submitted_application,
        similar_to=w.other_application,
        score=Decimal("0.910"),
        passages=[],
    )

    # Stage 1: a compliant application of the closed call, assigned to one expert by a draw.
    w.compliant_application = ApplicationFactory(
        call=w.closed_call,
        direction=closed_direction,
        organisation=w.ngo,
        created_by=p["owner"],
        status=Application.Status.REVIEWED,
        number="KZ-2026-sec-closed-0001",
        submitted_at=now - datetime.timedelta(days=35),
        final_score=Decimal("80"),
        title="Проверенная заявка",
    )
    w.draw = Draw.objects.create(
        call=w.closed_call, method="random", seed="security", created_by=p["operator"]
    )
    w.assignment = Assignment.objects.create(
        application=w.compliant_application, expert=p["expert_assigned"].expert, draw=w.draw
    )

    # Stage 2: the closed call's commission, with an open sitting (an item on its agenda) and a closed one whose
    # protocol is not public yet (the results are not published).
    w.commission = commission_services.commission_create(call=w.closed_call, by=p["operator"])
    sides = [
        ("Председатель Комиссии", CommissionMember.Side.GOVERNMENT, True),
        ("НКО Член Первый", CommissionMember.Side.NGO, False),
        ("Операторский Член", CommissionMember.Side.OPERATOR, False),
        ("НКО Член Второй", CommissionMember.Side.NGO, False),
    ]
    for name, side, chair in sides:
        commission_services.commission_member_add(
            commission=w.commission,
            user=affiliate(UserFactory(full_name=name), side=side, call=w.closed_call),
            side=side,
            is_chair=chair,
            by=p["operator"],
        )
    w.seat = commission_services.commission_member_add(
        commission=w.commission,
        # An officer of the customer body: a role that opens no other page, so the persona stays a stranger
        # to everything but the commission (an NGO membership would let it apply for grants).
        user=affiliate(p["commission_member"], side=CommissionMember.Side.GOVERNMENT, call=w.closed_call),
        side=CommissionMember.Side.GOVERNMENT,
        is_chair=False,
        by=p["operator"],
    )
    w.open_sitting = Sitting.objects.create(
        commission=w.commission, starts_at=now + datetime.timedelta(days=2), place="Астана"
    )
    w.item = AgendaItem.objects.create(
        sitting=w.open_sitting, application=w.compliant_application, rank=1, recommendation="support"
    )
    w.closed_sitting = Sitting.objects.create(
        commission=w.commission,
        starts_at=now - datetime.timedelta(days=2),
        closed_at=now - datetime.timedelta(days=2),
        protocol=ContentFile(PDF, "protocol.pdf"),
    )

    # After the award: the results call's sitting with its public protocol, the project, its report and file.
    w.awarded_application = ApplicationFactory(
        call=w.results_call,
        direction=results_direction,
        organisation=w.ngo,
        created_by=p["owner"],
        status=Application.Status.AWARDED,
        number="KZ-2026-sec-results-0001",
        submitted_at=now - datetime.timedelta(days=180),
        final_score=Decimal("90"),
        title="Проект-победитель",
    )
    results_commission = Commission.objects.create(call=w.results_call)
    w.published_sitting = Sitting.objects.create(
        commission=results_commission,
        starts_at=now - datetime.timedelta(days=150),
        closed_at=now - datetime.timedelta(days=150),
        protocol=ContentFile(PDF, "protocol.pdf"),
    )
    AgendaItem.objects.create(
        sitting=w.published_sitting,
        application=w.awarded_application,
        rank=1,
        recommendation="support",
        decision="awarded",
        amount=Decimal("2700000.00"),
    )
    today = timezone.localdate()
    w.project = project_create(
        application=w.awarded_application, by=p["operator"], signed_on=today, starts_on=today
    )
    w.report = w.project.reports.order_by("due_on").first()
    w.report_file = Attachment.objects.create(
        application=w.awarded_application,
        report=w.report,
        file=ContentFile(PDF, "act.pdf"),
        original_name="Акт.pdf",
        size=len(PDF),
        content_type="application/pdf",
        uploaded_by=p["owner"],
    )
    return w
