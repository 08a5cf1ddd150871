"""The councils' services: every composition rule refuses with its message and changes nothing; members leave with
a date and stay in the history; meetings, minutes and recommendations that become accountability items."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from azamat.core.errors import DomainError
from azamat.core.working_days import add_working_days
from azamat.councils import errors
from azamat.councils.forms import DocumentForm
from azamat.councils.models import CompositionRule, Decision, Level, Member
from azamat.councils.selectors import composition_rule
from azamat.councils.services import councils as council_services
from azamat.councils.services import meetings as meeting_services
from azamat.councils.services import members as services
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
    MemberFactory,
    seat_council,
)
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory, UserFactory
from azamat.testing.files import is_plain_jpeg, phone_exif, real_heic, real_odt, real_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return PlatformRoleFactory(role="platform_admin").user


@pytest.fixture
def quasi(admin):
    """A quasi-public council: 10–15 members, at most one third from the state."""
    return CouncilFactory(level=Level.QUASI_PUBLIC)


def _refused(code, call, council):
    before = list(Member.objects.filter(council=council).values_list("pk", "left_on", "role"))
    history = Member.history.filter(council_id=council.pk).count()
    with pytest.raises(DomainError) as raised:
        call()
    assert raised.value.code == code
    assert list(Member.objects.filter(council=council).values_list("pk", "left_on", "role")) == before
    assert Member.history.filter(council_id=council.pk).count() == history
    return str(raised.value)


def test_the_rules_come_from_the_table_and_the_defaults():
    assert composition_rule(Level.CENTRAL).min_members == 15
    assert composition_rule(Level.QUASI_PUBLIC).max_members == 15
    CompositionRule.objects.filter(level=Level.DISTRICT).update(max_members=9)
    assert composition_rule(Level.DISTRICT).max_members == 9
    CompositionRule.objects.filter(level=Level.CITY).delete()
    assert composition_rule(Level.CITY) == composition_rule(Level.CITY)
    assert (composition_rule(Level.CITY).min_members, composition_rule(Level.CITY).max_members) == (10, 20)


def test_a_member_beyond_the_largest_size_is_refused(admin, quasi):
    seat_council(quasi, by=admin, ngo=5, citizens=5, state=5)
    message = _refused(
        errors.TOO_MANY_MEMBERS,
        lambda: services.member_add(
            council=quasi,
            full_name="Шестнадцатый Член",
            represents=Member.Represents.CITIZEN,
            joined_on=quasi.term_starts_on,
            by=admin,
        ),
        quasi,
    )
    assert message == (
        "The council already has 15 members, the most a council of this level may have. "
        "A member must leave before another joins."
    )


def test_a_second_member_from_the_same_ngo_is_refused(admin, quasi):
    ngo = OrganisationFactory(name_ru="Общественное объединение «Один»", name_kk="«Бір» бірлестігі")
    services.member_add(
        council=quasi,
        full_name="Первый Представитель",
        represents=Member.Represents.NGO,
        organisation=ngo,
        joined_on=quasi.term_starts_on,
        by=admin,
    )
    message = _refused(
        errors.NGO_ALREADY_SEATED,
        lambda: services.member_add(
            council=quasi,
            full_name="Второй Представитель",
            represents=Member.Represents.NGO,
            organisation=ngo,
            joined_on=quasi.term_starts_on,
            by=admin,
        ),
        quasi,
    )
    assert (
        message == "Общественное объединение «Один» already has a member on this council; one member per NGO."
    )


def test_the_ngo_may_be_seated_again_after_its_member_left(admin, quasi):
    ngo = OrganisationFactory()
    first = services.member_add(
        council=quasi,
        full_name="Первый",
        represents=Member.Represents.NGO,
        organisation=ngo,
        joined_on=quasi.term_starts_on,
        by=admin,
    )
    services.member_leave(member=first, left_on=timezone.localdate(), reason="Ротация", by=admin)
    second = services.member_add(
        council=quasi,
        full_name="Второй",
        represents=Member.Represents.NGO,
        organisation=ngo,
        joined_on=timezone.localdate(),
        by=admin,
    )
    first.refresh_from_db()
    assert first.left_on == timezone.localdate() and first.leave_reason == "Ротация"
    assert second.is_active and Member.objects.filter(council=quasi).count() == 2
    assert first.history.first().history_user == admin


def test_the_state_share_is_kept(admin, quasi):
    # With a minimum of 10 seats, a third is 3 state members until the council grows past 10.
    seat_council(quasi, by=admin, state=3)
    message = _refused(
        errors.STATE_SHARE,
        lambda: services.member_add(
            council=quasi,
            full_name="Четвёртый Чиновник",
            represents=Member.Represents.STATE,
            joined_on=quasi.term_starts_on,
            by=admin,
        ),
        quasi,
    )
    assert message == (
        "State bodies may hold at most 1 in every 3 seats: 3 for this council now. "
        "Add members from civil society first."
    )
    seat_council(quasi, by=admin, citizens=9)  # 12 members: a third is 4
    services.member_add(
        council=quasi,
        full_name="Четвёртый Чиновник",
        represents=Member.Represents.STATE,
        joined_on=quasi.term_starts_on,
        by=admin,
    )


def test_the_state_share_is_configurable(admin, quasi):
    CompositionRule.objects.filter(level=Level.QUASI_PUBLIC).update(
        state_share_numerator=1, state_share_denominator=2
    )
    seat_council(quasi, by=admin, state=5)
    assert Member.objects.filter(council=quasi, represents="state").count() == 5


def test_one_chair_at_a_time(admin, quasi):
    MemberFactory(council=quasi, role=Member.Role.CHAIR, full_name="Председатель")
    message = _refused(
        errors.ROLE_TAKEN,
        lambda: services.member_add(
            council=quasi,
            full_name="Второй Председатель",
            represents=Member.Represents.CITIZEN,
            role=Member.Role.CHAIR,
            joined_on=quasi.term_starts_on,
            by=admin,
        ),
        quasi,
    )
    assert message == "The council already has a chair; the chair must leave the role first."


@pytest.mark.parametrize(
    ("fields", "code", "message"),
    [
        (
            {"represents": "ngo"},
            errors.ORGANISATION_REQUIRED,
            "Choose the organisation a member from an NGO represents.",
        ),
        (
            {"represents": "citizen", "organisation": "ngo"},
            errors.ORGANISATION_NOT_NGO,
            "Only a member who represents an NGO is linked to an organisation.",
        ),
        (
            {"represents": "citizen", "joined_on": datetime.date(2000, 1, 1)},
            errors.JOINED_OUTSIDE_TERM,
            "A member joins within the council's term, from {start} to {end}.",
        ),
    ],
)
def test_a_seat_must_make_sense(admin, quasi, fields, code, message):
    fields = {"joined_on": quasi.term_starts_on, **fields}
    if fields.get("organisation") == "ngo":
        fields["organisation"] = OrganisationFactory()
    text = _refused(
        code,
        lambda: services.member_add(council=quasi, full_name="Кто-то", by=admin, **fields),
        quasi,
    )
    assert text == message.format(
        start=f"{quasi.term_starts_on:%d.%m.%Y}", end=f"{quasi.term_ends_on:%d.%m.%Y}"
    )


def test_a_secretary_manages_only_their_council(quasi):
    secretary = CouncilSecretaryFactory(council=quasi).user
    other = CouncilFactory()
    services.member_add(
        council=quasi, full_name="Свой", represents="citizen", joined_on=quasi.term_starts_on, by=secretary
    )
    message = _refused(
        errors.NOT_ALLOWED,
        lambda: services.member_add(
            council=other,
            full_name="Чужой",
            represents="citizen",
            joined_on=other.term_starts_on,
            by=secretary,
        ),
        other,
    )
    assert message == "Only the secretary of this council or a platform administrator can manage it."


def test_composition_problems_are_plain_words(admin, quasi):
    seat_council(quasi, by=admin, citizens=2)
    assert services.composition_problems(quasi) == [
        "The council has 2 members; a council of this level needs at least 10.",
        "The council has no chair.",
    ]


def test_leaving_twice_or_before_joining_is_refused(admin, quasi):
    member = MemberFactory(council=quasi, joined_on=timezone.localdate())
    with pytest.raises(DomainError) as raised:
        services.member_leave(
            member=member, left_on=timezone.localdate() - datetime.timedelta(days=1), by=admin
        )
    assert raised.value.code == errors.LEFT_BEFORE_JOINED
    services.member_leave(member=member, by=admin)
    with pytest.raises(DomainError) as raised:
        services.member_leave(member=member, by=admin)
    assert raised.value.code == errors.ALREADY_LEFT


def test_publishing_a_council_is_audited(admin):
    council = CouncilFactory(published_at=None)
    council_services.council_publish(council=council, by=admin)
    council.refresh_from_db()
    assert council.published_by == admin and council.published_at
    latest = council.history.first()
    assert latest.history_user == admin and latest.history_change_reason == "published"
    with pytest.raises(DomainError) as raised:
        council_services.council_publish(council=council, by=admin)
    assert raised.value.code == errors.ALREADY_PUBLISHED


def test_a_council_term_must_end_after_it_starts(admin):
    body = GovernmentBodyFactory()
    with pytest.raises(DomainError) as raised:
        council_services.council_create(
            by=admin,
            name_kk="Кеңес",
            name_ru="Совет",
            level=Level.CENTRAL,
            body=body,
            term_starts_on=datetime.date(2026, 1, 1),
            term_ends_on=datetime.date(2025, 1, 1),
        )
    assert raised.value.code == errors.BAD_TERM


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("устав.pdf", b"MZ not a pdf at all", errors.FILE_CONTENT),  # a program renamed .pdf
        ("устав.pdf", b"%PDF-1.4\n%%EOF\n", errors.FILE_CONTENT),  # a PDF's first bytes, no pages
        ("устав.odt", b"PK\x03\x04 not a package", errors.FILE_CONTENT),
        ("устав.exe", real_pdf(), errors.FILE_TYPE),
        ("устав.pdf", b"", errors.FILE_EMPTY),
    ],
)
def test_a_document_must_be_what_its_name_says(admin, quasi, name, content, code):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    with pytest.raises(DomainError) as raised:
        council_services.document_add(council=quasi, title="Устав", upload=upload, by=admin)
    assert raised.value.code == code and raised.value.field == "file"
    assert not quasi.documents.exists()


@pytest.mark.parametrize(("name", "content"), [("устав.pdf", real_pdf()), ("протокол.odt", real_odt())])
def test_a_real_document_is_kept_under_a_name_that_says_nothing(admin, quasi, name, content):
    upload = SimpleUploadedFile(name, content)
    document = council_services.document_add(council=quasi, title="Устав", upload=upload, by=admin)
    assert document.original_name == name and not document.file.name.endswith(name)


def test_an_iphones_photo_is_published_as_a_jpeg_without_its_location(admin, quasi):
    """secretary@ photographed the signed minutes with her iPhone: refused before ("Upload a PDF, DOCX, XLSX, ODT,
    PNG or JPEG file…"). A council's documents are public: kept as a JPEG without the place it was taken."""
    photo = SimpleUploadedFile("IMG_0440.HEIC", real_heic(exif=phone_exif()), content_type="image/heic")
    document = council_services.document_add(council=quasi, title="Протокол", upload=photo, by=admin)
    assert document.original_name == "IMG_0440.jpg" and document.file.name.endswith(".jpg")
    with document.file.open("rb") as handle:
        content = handle.read()
    assert is_plain_jpeg(content) and document.size == len(content)
    cut = SimpleUploadedFile("IMG_0441.heic", real_heic()[:300])  # cut short in sending: cannot be read
    with pytest.raises(DomainError) as raised:
        council_services.document_add(council=quasi, title="Протокол", upload=cut, by=admin)
    assert (raised.value.code, raised.value.field) == (errors.FILE_CONTENT, "file")
    assert quasi.documents.count() == 1


def test_the_document_input_says_an_iphones_photos_are_taken():
    with translation.override("en"):
        assert str(DocumentForm.base_fields["file"].help_text) == (
            "PDF, DOCX, XLSX, ODT, PNG or JPEG, at most 20 MB. HEIC photos from an iPhone are taken as JPEG."
        )


def _past_meeting(council):
    return MeetingFactory(council=council, starts_at=timezone.now() - datetime.timedelta(hours=3))


def test_minutes_published_close_the_record(admin, quasi):
    meeting = _past_meeting(quasi)
    with pytest.raises(DomainError) as raised:
        meeting_services.minutes_publish(meeting=meeting, by=admin)
    assert raised.value.code == errors.MINUTES_EMPTY
    meeting_services.minutes_save(meeting=meeting, minutes="Заседание открыто.", by=admin)
    meeting_services.minutes_publish(meeting=meeting, by=admin)
    meeting.refresh_from_db()
    assert meeting.status == "minutes" and meeting.minutes_published_by == admin
    with pytest.raises(DomainError) as raised:
        meeting_services.agenda_item_add(meeting=meeting, title="Поздно", by=admin)
    assert raised.value.code == errors.MINUTES_PUBLISHED


def test_attendance_only_for_members_seated_that_day(admin, quasi):
    meeting = _past_meeting(quasi)
    seated = MemberFactory(council=quasi)
    later = MemberFactory(council=quasi, joined_on=timezone.localdate() + datetime.timedelta(days=3))
    meeting_services.attendance_record(meeting=meeting, statuses={seated: "excused"}, by=admin)
    assert meeting.attendance.get().status == "excused"
    with pytest.raises(DomainError) as raised:
        meeting_services.attendance_record(meeting=meeting, statuses={later: "present"}, by=admin)
    assert raised.value.code == errors.NOT_A_MEMBER


def test_a_meeting_is_cancelled_with_a_reason(admin, quasi):
    meeting = MeetingFactory(council=quasi)
    meeting_services.meeting_cancel(meeting=meeting, reason="Нет кворума", by=admin)
    meeting.refresh_from_db()
    assert (
        meeting.status == "cancelled"
        and meeting.cancelled_by == admin
        and meeting.cancel_reason == "Нет кворума"
    )


def test_a_recommendation_becomes_items_for_each_body(admin, quasi):
    from azamat.accountability.selectors import items_of_source

    meeting = _past_meeting(quasi)
    bodies = [GovernmentBodyFactory(), GovernmentBodyFactory()]
    due = add_working_days(timezone.localdate(), 20)
    decision = meeting_services.decision_record(
        meeting=meeting,
        kind=Decision.Kind.RECOMMENDATION,
        title="Открыть данные о грантах",
        text="Рекомендовать публиковать отчёты.",
        addressees=bodies,
        due_on=due,
        by=admin,
    )
    items = list(items_of_source(decision))
    assert [item.body for item in items] == bodies
    assert all(item.due_on == due and item.source == decision for item in items)


def test_a_recommendation_needs_bodies_and_a_due_date(admin, quasi):
    meeting = _past_meeting(quasi)
    with pytest.raises(DomainError) as raised:
        meeting_services.decision_record(
            meeting=meeting, kind="recommendation", title="Т", text="Т", by=admin, due_on=timezone.localdate()
        )
    assert raised.value.code == errors.ADDRESSEES_REQUIRED
    with pytest.raises(DomainError) as raised:
        meeting_services.decision_record(
            meeting=meeting, kind="recommendation", title="Т", text="Т", by=admin, addressees=[quasi.body]
        )
    assert raised.value.code == errors.DUE_DATE_REQUIRED
    assert not Decision.objects.exists()


def test_a_refused_item_refuses_the_decision(admin, quasi):
    meeting = _past_meeting(quasi)
    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 + 7)
    with pytest.raises(DomainError):
        meeting_services.decision_record(
            meeting=meeting,
            kind="recommendation",
            title="Т",
            text="Т",
            by=admin,
            addressees=[quasi.body],
            due_on=saturday,
        )
    assert not Decision.objects.exists()


def test_other_decisions_send_nothing(admin, quasi):
    from azamat.accountability.selectors import items_of_source

    meeting = _past_meeting(quasi)
    decision = meeting_services.decision_record(
        meeting=meeting, kind="approved", title="План работы", text="Утвердить план.", by=admin, due_on=None
    )
    assert not items_of_source(decision).exists() and decision.due_on is None
    assert UserFactory  # the factories module loads


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        (datetime.date(1024, 8, 23), datetime.date(2027, 8, 22), "term_starts_on"),
        (datetime.date(2024, 8, 23), datetime.date(9999, 12, 31), "term_ends_on"),
    ],
)
def test_a_council_term_in_an_implausible_year_is_refused(admin, quasi, starts_on, ends_on, field):
    # The members' and the KPI periods' dates are held within the term: a typo year there let 1025 through too.
    with pytest.raises(DomainError) as raised:
        council_services.council_update(
            council=quasi, by=admin, term_starts_on=starts_on, term_ends_on=ends_on
        )
    last = timezone.localdate().year + 10
    assert raised.value.code == errors.BAD_TERM and raised.value.field == field
    assert str(raised.value) == f"Check the year: a council's term can run from 2015 to {last}."
    quasi.refresh_from_db()
    assert quasi.term_starts_on.year > 2015 and quasi.term_ends_on.year < last


def test_a_member_does_not_leave_on_a_day_still_to_come(admin, quasi):
    # A leaving date ahead (2099, typed for 2024) took the seat out of the composition at once.
    member = MemberFactory(council=quasi)
    today = timezone.localdate()
    message = _refused(
        errors.LEFT_IN_FUTURE,
        lambda: services.member_leave(member=member, left_on=today + datetime.timedelta(days=1), by=admin),
        quasi,
    )
    assert message == (
        "A member's leaving is recorded once it has happened: the date can be no later than today, "
        f"{today:%d.%m.%Y}."
    )
    services.member_leave(member=member, left_on=today, by=admin)
