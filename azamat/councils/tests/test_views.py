"""The councils' pages: the public sees published councils, meetings and minutes; a secretary manages their own
council only; forms with bad input come back with their messages and change nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from azamat.core.working_days import add_working_days
from azamat.councils.models import Council, Decision, Level, Meeting, Member
from azamat.councils.services import meetings as meeting_services
from azamat.testing.councils_factories import (
    CouncilFactory,
    CouncilSecretaryFactory,
    GovernmentBodyFactory,
    MeetingFactory,
    MemberFactory,
    seat_council,
)
from azamat.testing.factories import OrganisationFactory, PlatformRoleFactory
from azamat.testing.files import real_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def council_a():
    return CouncilFactory(
        name_ru="Общественный совет Альфа", name_en="Alpha council", level=Level.QUASI_PUBLIC
    )


@pytest.fixture
def council_b():
    return CouncilFactory(name_ru="Общественный совет Бета", name_en="Beta council")


@pytest.fixture
def secretary(council_a):
    return CouncilSecretaryFactory(council=council_a).user


def test_the_public_list_filters_by_level_region_and_words(client, council_a, council_b):
    hidden = CouncilFactory(name_en="Hidden council", published_at=None)
    page = client.get(reverse("councils:list")).content.decode()
    assert "Alpha council" in page and "Beta council" in page and hidden.name_en not in page
    page = client.get(reverse("councils:list"), {"level": "quasi_public"}).content.decode()
    assert "Alpha council" in page and "Beta council" not in page
    page = client.get(reverse("councils:list"), {"q": "бета"}).content.decode()
    assert "Beta council" in page and "Alpha council" not in page
    other = CouncilFactory(name_en="Gamma council", region=None)
    page = client.get(reverse("councils:list"), {"region": str(council_a.region_id)}).content.decode()
    assert "Alpha council" in page and other.name_en not in page
    assert client.get(reverse("councils:list"), {"region": "junk", "level": "x"}).status_code == 200


def test_a_search_too_long_is_refused_with_its_reason_not_answered_with_every_council(
    client, council_a, council_b
):
    """A search longer than the box takes (an edited address, a pasted paragraph) says so beside the box and lists
    no council; the other filters sent with it still apply when it is fixed."""
    response = client.get(reverse("councils:list"), {"q": "бета " * 30}, HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "At most 100 characters, please; this text has 149." in page and 'role="alert"' in page
    assert "Alpha council" not in page and "Beta council" not in page
    page = client.get(reverse("councils:list"), {"region": "junk", "level": "quasi_public"}).content.decode()
    assert (
        "Alpha council" in page and "Beta council" not in page
    )  # the valid filter kept, the stale one dropped


def test_public_pages_answer(client, council_a):
    MemberFactory(council=council_a, full_name="Айгерим Серикова", role=Member.Role.CHAIR)
    MemberFactory(council=council_a, full_name="Ушедший Член", left_on=timezone.localdate())
    meeting = MeetingFactory(council=council_a)
    page = client.get(council_a.get_absolute_url()).content.decode()
    assert "Айгерим Серикова" in page and "Former members" in page and "Ушедший Член" in page
    assert client.get(meeting.get_absolute_url()).status_code == 200
    assert client.get(reverse("councils:meetings")).status_code == 200


def test_an_unpublished_council_is_not_found_by_the_public(client, secretary):
    council = CouncilFactory(published_at=None)
    assert client.get(council.get_absolute_url()).status_code == 404
    CouncilSecretaryFactory(council=council, user=secretary)
    client.force_login(secretary)
    assert client.get(council.get_absolute_url()).status_code == 200


def test_a_secretary_of_one_council_cannot_manage_another(client, council_a, council_b, secretary):
    client.force_login(secretary)
    assert client.get(reverse("councils:manage", args=[council_a.pk])).status_code == 200
    assert client.get(reverse("councils:manage", args=[council_b.pk])).status_code == 403
    response = client.post(
        reverse("councils:member_add", args=[council_b.pk]),
        {"full_name": "Чужой", "role": "member", "represents": "citizen", "joined_on": "2026-01-10"},
    )
    assert response.status_code == 403 and not council_b.members.exists()
    meeting = MeetingFactory(council=council_b)
    assert client.get(reverse("councils:meeting_manage", args=[council_b.pk, meeting.pk])).status_code == 403
    # A meeting of council B reached through council A's address is not found.
    assert client.get(reverse("councils:meeting_manage", args=[council_a.pk, meeting.pk])).status_code == 404
    assert (
        client.post(reverse("councils:secretary_add", args=[council_a.pk]), {"email": "x@x.kz"}).status_code
        == 403
    )


def test_a_member_is_added_and_the_second_from_an_ngo_refused(client, council_a, secretary):
    client.force_login(secretary)
    ngo = OrganisationFactory()
    data = {
        "full_name": "Первый Представитель",
        "role": "member",
        "represents": "ngo",
        "organisation_bin": ngo.bin,
        "joined_on": council_a.term_starts_on.isoformat(),
    }
    response = client.post(reverse("councils:member_add", args=[council_a.pk]), data)
    assert response.status_code == 302
    response = client.post(
        reverse("councils:member_add", args=[council_a.pk]), {**data, "full_name": "Второй Представитель"}
    )
    assert response.status_code == 400
    assert "already has a member on this council; one member per NGO." in response.content.decode()
    assert list(council_a.members.values_list("full_name", flat=True)) == ["Первый Представитель"]


def test_a_full_council_refuses_with_the_message(client, council_a, secretary):
    seat_council(council_a, by=secretary, ngo=0, citizens=15)
    client.force_login(secretary)
    response = client.post(
        reverse("councils:member_add", args=[council_a.pk]),
        {
            "full_name": "Лишний",
            "role": "member",
            "represents": "citizen",
            "joined_on": council_a.term_starts_on.isoformat(),
        },
    )
    assert response.status_code == 400
    assert "the most a council of this level may have" in response.content.decode()
    assert council_a.members.count() == 15


def test_bad_input_comes_back_with_messages(client, council_a, secretary):
    client.force_login(secretary)
    response = client.post(
        reverse("councils:member_add", args=[council_a.pk]),
        {
            "full_name": "",
            "role": "boss",
            "represents": "ngo",
            "organisation_bin": "000",
            "joined_on": "soon",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "No organisation with this BIN is in the registry." in page
    assert "Enter a date as day.month.year, for example 05.03.2024." in page
    response = client.post(reverse("councils:meeting_schedule", args=[council_a.pk]), {"starts_at": "x"})
    assert response.status_code == 400 and not council_a.meetings.exists()
    response = client.post(
        reverse("councils:document_add", args=[council_a.pk]),
        {"title": "Устав", "kind": "regulations", "file": SimpleUploadedFile("a.pdf", b"not a pdf")},
    )
    assert response.status_code == 400
    assert "“a.pdf” is not a genuine PDF file" in response.content.decode()


def test_a_member_leaves_and_stays_in_the_history(client, council_a, secretary):
    member = MemberFactory(council=council_a, full_name="Уходящий Член")
    client.force_login(secretary)
    url = reverse("councils:member_leave", args=[council_a.pk, member.pk])
    assert client.get(url).status_code == 200
    assert client.post(
        url, {"left_on": timezone.localdate().isoformat(), "reason": "По собственному желанию"}
    )["Location"] == reverse("councils:manage", args=[council_a.pk])
    member.refresh_from_db()
    assert member.left_on == timezone.localdate()
    again = client.get(url)  # already left: the reason and the date, not "page not found"
    assert again.status_code == 200 and "This member has already left the council." in again.content.decode()


def test_a_council_is_created_by_an_administrator_only(client, secretary):
    admin = PlatformRoleFactory(role="platform_admin").user
    client.force_login(secretary)
    assert client.get(reverse("councils:create")).status_code == 403
    client.force_login(admin)
    body = GovernmentBodyFactory()
    response = client.post(
        reverse("councils:create"),
        {
            "name_kk": "Жаңа кеңес",
            "name_ru": "Новый совет",
            "level": "central",
            "body": body.pk,
            "term_starts_on": "2026-01-01",
            "term_ends_on": "2025-01-01",
        },
    )
    assert response.status_code == 400 and "The term must end after it starts." in response.content.decode()
    assert not Council.objects.filter(name_ru="Новый совет").exists()


def test_the_meeting_record_from_decision_to_published_minutes(client, council_a, secretary):
    body = GovernmentBodyFactory(name_en="Ministry of Openness")
    member = MemberFactory(council=council_a, full_name="Присутствующий Член")
    meeting = MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(secretary)
    base = (council_a.pk, meeting.pk)
    assert client.get(reverse("councils:meeting_manage", args=base)).status_code == 200
    assert client.post(reverse("councils:agenda_add", args=base), {"title": "О бюджете"}).status_code == 302
    response = client.post(reverse("councils:attendance", args=base), {f"member_{member.pk}": "present"})
    assert response.status_code == 302 and meeting.attendance.get().status == "present"
    due = add_working_days(timezone.localdate(), 15)
    response = client.post(
        reverse("councils:decision_add", args=base),
        {"kind": "recommendation", "title": "Открыть данные", "text": "Рекомендовать.", "due_on": ""},
    )
    assert response.status_code == 400
    assert "Choose the state bodies the recommendation is addressed to." in response.content.decode()
    response = client.post(
        reverse("councils:decision_add", args=base),
        {
            "kind": "recommendation",
            "title": "Открыть данные",
            "text": "Рекомендовать.",
            "addressees": [body.pk],
            "due_on": due.isoformat(),
        },
    )
    assert response.status_code == 302 and Decision.objects.get().addressees.get() == body
    client.post(reverse("councils:minutes_save", args=base), {"minutes": "Заседание состоялось."})
    client.post(reverse("councils:minutes_publish", args=base))
    assert Meeting.objects.get(pk=meeting.pk).minutes_published_at
    client.logout()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Заседание состоялось." in page and "Присутствующий Член" in page
    assert "Ministry of Openness" in page and "Where the recommendations are now" in page


def test_unpublished_minutes_stay_private(client, council_a):
    meeting = MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(hours=2))
    meeting_services.minutes_save(
        meeting=meeting, minutes="ЧЕРНОВИК ПРОТОКОЛА", by=None, check_permission=False
    )
    assert "ЧЕРНОВИК ПРОТОКОЛА" not in client.get(meeting.get_absolute_url()).content.decode()


def test_a_private_document_only_for_managers(client, council_a, secretary):
    from azamat.councils.services.councils import document_add

    upload = SimpleUploadedFile("план.pdf", real_pdf())
    document = document_add(council=council_a, title="План", upload=upload, is_public=False, by=secretary)
    assert client.get(document.get_absolute_url()).status_code == 403
    client.force_login(secretary)
    response = client.get(document.get_absolute_url())
    content = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and content.startswith(b"%PDF")


def test_the_workspace_lists_the_secretary_s_councils_and_minutes_to_publish(client, council_a, secretary):
    MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(days=1))
    client.force_login(secretary)
    page = client.get(reverse("accounts:dashboard")).content.decode()
    assert "Public councils you keep" in page and "Minutes to publish: Alpha council" in page
    other = PlatformRoleFactory(role="monitor").user
    client.force_login(other)
    assert "Public councils you keep" not in client.get(reverse("accounts:dashboard")).content.decode()


def test_a_member_s_role_and_committees_change_under_the_rules(client, council_a, secretary):
    from azamat.testing.councils_factories import CommitteeFactory

    MemberFactory(council=council_a, role=Member.Role.CHAIR, full_name="Председатель")
    member = MemberFactory(council=council_a, full_name="Рядовой Член")
    committee = CommitteeFactory(
        council=council_a, name_kk="Бюджет комиссиясы", name_ru="Комиссия по бюджету"
    )
    client.force_login(secretary)
    url = reverse("councils:member_edit", args=[council_a.pk, member.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"role": "chair", "position": "", "committees": [committee.pk]})
    assert response.status_code == 400
    assert (
        "The council already has a chair; the chair must leave the role first." in response.content.decode()
    )
    member.refresh_from_db()
    assert member.role == "member" and not member.committees.exists()
    response = client.post(url, {"role": "deputy_chair", "position": "Юрист", "committees": [committee.pk]})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "deputy_chair" and list(member.committees.all()) == [committee]


def test_pages_with_several_forms_repeat_no_id(client, council_a, secretary):
    import re
    from collections import Counter

    from azamat.testing.councils_factories import CommitteeFactory

    CommitteeFactory(council=council_a)
    MemberFactory(council=council_a)
    meeting = MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(secretary)
    for url in (
        reverse("councils:manage", args=[council_a.pk]),
        reverse("councils:meeting_manage", args=[council_a.pk, meeting.pk]),
    ):
        ids = Counter(re.findall(r'\sid="([^"]+)"', client.get(url).content.decode()))
        assert [i for i, n in ids.items() if n > 1] == [], url


@pytest.mark.parametrize("starts_at", ["0001-01-01T00:00", "2014-12-31T10:00", "9999-12-31T23:59"])
def test_a_meeting_in_an_implausible_year_is_refused_not_a_server_error(
    client, council_a, secretary, starts_at
):
    # Year 1, typed by mistake, fell before the calendar's start once converted to UTC: a server error.
    client.force_login(secretary)
    url = reverse("councils:meeting_schedule", args=[council_a.pk])
    response = client.post(url, {"starts_at": starts_at, "place": "Зал"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and not council_a.meetings.exists()
    assert "Check the year: a meeting can be held from 2015 to" in response.content.decode()


def test_a_recommendation_due_in_year_9999_is_refused_with_its_reason(client, council_a, secretary):
    body = GovernmentBodyFactory()
    meeting = MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(hours=2))
    client.force_login(secretary)
    response = client.post(
        reverse("councils:decision_add", args=(council_a.pk, meeting.pk)),
        {
            "kind": "recommendation",
            "title": "Открыть данные",
            "text": "Рекомендовать.",
            "addressees": [body.pk],
            "due_on": "9999-12-30",
        },
    )
    last = timezone.localdate() + datetime.timedelta(days=366)
    assert response.status_code == 400
    assert f"Check the date: an answer can be due no later than {last:%d.%m.%Y}." in response.content.decode()
    assert not Decision.objects.exists()


def test_a_member_leaving_typed_far_ahead_is_refused_with_the_reason(client, council_a, secretary):
    member = MemberFactory(council=council_a, full_name="Айдар Сарсенбаев")
    client.force_login(secretary)
    url = reverse("councils:member_leave", args=[council_a.pk, member.pk])
    response = client.post(url, {"left_on": "2099-01-01", "reason": "Переезд"})
    assert response.status_code == 400
    assert "the date can be no later than today" in response.content.decode()
    member.refresh_from_db()
    assert member.left_on is None


def test_a_member_who_left_from_another_tab_gets_the_reason_not_page_not_found(client, council_a, secretary):
    member = MemberFactory(council=council_a, full_name="Айдар Сарсенбаев", left_on=timezone.localdate())
    client.force_login(secretary)
    leave = reverse("councils:member_leave", args=[council_a.pk, member.pk])
    response = client.post(leave, {"left_on": timezone.localdate().isoformat(), "reason": "Второй раз"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This member has already left the council." in page and 'name="left_on"' not in page
    response = client.get(leave)
    assert (
        response.status_code == 200
        and "This member has already left the council." in response.content.decode()
    )
    edit = client.get(reverse("councils:member_edit", args=[council_a.pk, member.pk]))
    assert edit.status_code == 200 and "This member has left the council." in edit.content.decode()
    assert client.get(reverse("councils:member_edit", args=[council_a.pk, 999999])).status_code == 404


def test_a_form_sent_after_the_meeting_was_cancelled_gives_the_reason_and_the_typed_text(
    client, council_a, secretary
):
    meeting = MeetingFactory(council=council_a)
    client.force_login(secretary)
    meeting_services.meeting_cancel(meeting=meeting, reason="Нет кворума", by=secretary)
    url = reverse("councils:decision_add", args=[council_a.pk, meeting.pk])
    typed = {"kind": "other", "title": "О плане работы", "text": "Утвердить план работы на 2027 год."}
    response = client.post(url, typed)
    assert response.status_code == 400 and not meeting.decisions.exists()
    page = response.content.decode()
    assert "The meeting was cancelled." in page
    assert "Not saved; what you typed is here to copy:" in page
    assert "Утвердить план работы на 2027 год." in page and "О плане работы" in page


def test_minutes_sent_after_they_were_published_come_back_to_copy(client, council_a, secretary):
    meeting = MeetingFactory(council=council_a, starts_at=timezone.now() - datetime.timedelta(days=1))
    meeting_services.minutes_save(meeting=meeting, minutes="Первая редакция.", by=secretary)
    meeting_services.minutes_publish(meeting=meeting, by=secretary)
    client.force_login(secretary)
    url = reverse("councils:minutes_save", args=[council_a.pk, meeting.pk])
    response = client.post(url, {"minutes": "Вторая редакция, длинная."})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The minutes are published; the meeting&#x27;s record can no longer change." in page
    assert "Вторая редакция, длинная." in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Первая редакция."
