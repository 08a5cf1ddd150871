"""Registering organisations, editing them, and managing their people, through the services."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from azamat.core.audit import history_of
from azamat.core.errors import DomainError
from azamat.registry import errors, logos, services
from azamat.registry.models import ActivityArea, AllianceMembership, Membership, Organisation, Region
from azamat.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    data = {
        "bin": "940140000385",
        "name_kk": "«Жарқын болашақ» қоғамдық бірлестігі",
        "name_ru": "Общественное объединение «Светлое будущее»",
        "legal_form": "public_association",
        "registered_on": datetime.date(1994, 1, 10),
        "region": Region.objects.get(kato="470000000"),
        "address": "Актау, 14 мкр., 7",
    }
    data.update(overrides)
    return data


def _png(size=(40, 40)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 88, 122)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_the_first_person_to_register_becomes_administrator(carol):
    org = services.organisation_register(by=carol, data=_data())
    assert org.bin == "940140000385"
    membership = Membership.objects.get(organisation=org)
    assert (membership.user, membership.role, membership.status) == (carol, "admin", "active")
    assert org.history.count() == 1
    assert org.history.first().history_user == carol


@pytest.mark.parametrize(
    "language, words", [("en", "check digit"), ("ru", "контрольная цифра"), ("kk", "бақылау цифры")]
)
def test_wrong_bin_is_refused_and_nothing_is_created(carol, language, words):
    with translation.override(language), pytest.raises(DomainError) as error:
        services.organisation_register(by=carol, data=_data(bin="940140000386"))
    assert error.value.field == "bin"
    assert words in str(error.value)
    assert Organisation.objects.count() == 0
    assert Membership.objects.count() == 0


def test_duplicate_bin_is_refused_with_the_way_to_join(carol, ngo):
    with pytest.raises(DomainError) as error:
        services.organisation_register(by=carol, data=_data(bin=ngo.bin))
    assert error.value.code == "duplicate_bin"
    with translation.override("en"):
        assert "Ask to join" in str(error.value)
    with translation.override("kk"):
        assert "БСН" in str(error.value)
    assert Organisation.objects.count() == 1


def test_oversized_logo_is_refused(carol, monkeypatch):
    monkeypatch.setattr(logos, "UPLOAD_MAX_BYTES", 1000)
    with pytest.raises(DomainError) as error:
        services.organisation_register(by=carol, data=_data(), logo=_png((400, 400)))
    assert error.value.code == "logo_too_large"
    assert Organisation.objects.count() == 0


def test_non_image_logo_is_refused(carol):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    with pytest.raises(DomainError) as error:
        services.organisation_register(by=carol, data=_data(), logo=fake)
    assert error.value.code == "logo_not_image"
    assert Organisation.objects.count() == 0


def test_a_real_logo_is_kept(carol):
    org = services.organisation_register(by=carol, data=_data(), logo=_png())
    assert org.logo.name.startswith("logos/940140000385/")
    with Image.open(org.logo.path) as image:
        assert image.size == (40, 40)


def test_only_administrators_edit_and_every_change_is_audited(alice, bob, ngo):
    with pytest.raises(DomainError) as error:
        services.organisation_update(organisation=ngo, by=bob, data={"staff_count": 99})
    assert error.value.code == "not_allowed"
    services.organisation_update(
        organisation=ngo, by=alice, data={"staff_count": 12, "address": "Алматы, Абая 1"}
    )
    ngo.refresh_from_db()
    assert (ngo.staff_count, ngo.address) == (12, "Алматы, Абая 1")
    latest = ngo.history.first()
    assert latest.history_user == alice
    changed = {c.field for c in latest.diff_against(latest.prev_record).changes}
    assert {"staff_count", "address"} <= changed
    assert "name_ru" not in changed


def test_search_text_follows_the_names(alice, ngo):
    services.organisation_update(organisation=ngo, by=alice, data={"name_ru": "Фонд «Қамқор»"})
    ngo.refresh_from_db()
    assert "фонд «қамқор»" in ngo.search_text


def test_join_request_is_answered_by_an_administrator(alice, carol, ngo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(organisation=ngo, user=carol, message="Я юрист фонда")
    assert membership.status == "pending"
    assert mail.outbox[-1].to == ["alice@example.kz"]
    assert "carol@example.kz" in mail.outbox[-1].body
    with pytest.raises(DomainError):
        services.membership_request(organisation=ngo, user=carol)
    with django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(membership=membership, by=alice, accept=True)
    membership.refresh_from_db()
    assert (membership.status, membership.decided_by) == ("active", alice)
    assert mail.outbox[-1].to == ["carol@example.kz"]


def test_a_member_cannot_answer_requests(bob, carol, ngo, alice):
    membership = services.membership_request(organisation=ngo, user=carol)
    with pytest.raises(DomainError) as error:
        services.membership_decide(membership=membership, by=bob, accept=True)
    assert error.value.code == "not_allowed"
    membership.refresh_from_db()
    assert membership.status == "pending"


def test_the_last_administrator_stays(alice, bob, ngo):
    alice_membership = Membership.objects.get(user=alice, organisation=ngo)
    with pytest.raises(DomainError) as error:
        services.membership_set_role(membership=alice_membership, by=alice, role="member")
    assert error.value.code == "last_admin"
    bob_membership = Membership.objects.get(user=bob, organisation=ngo)
    services.membership_set_role(membership=bob_membership, by=alice, role="admin")
    services.membership_set_role(membership=alice_membership, by=alice, role="member")
    alice_membership.refresh_from_db()
    assert alice_membership.role == "member"


def test_alliance_membership_rules(dana):
    alliance = OrganisationFactory(is_alliance=True)
    plain = OrganisationFactory()
    member = OrganisationFactory()
    link = services.alliance_member_add(alliance=alliance, member=member, kind="branch", by=dana)
    assert AllianceMembership.objects.get(pk=link.pk).kind == "branch"
    with pytest.raises(DomainError):
        services.alliance_member_add(alliance=plain, member=member, kind="member", by=dana)
    with pytest.raises(DomainError):
        services.alliance_member_add(alliance=alliance, member=alliance, kind="member", by=dana)


def test_government_officer_role_needs_a_body(dana):
    from azamat.accounts.services import platform_role_grant

    person = UserFactory()
    with pytest.raises(DomainError) as error:
        platform_role_grant(user=person, role="government_officer", by=dana)
    assert error.value.field == "body"
    assert person.platform_roles.count() == 0


def test_registering_with_areas_and_saving_the_profile_are_one_entry_each_in_its_history(carol):
    """The history showed "Changed: areas — → Ecology" under "Created", and two entries for every save of the
    profile: the areas are linked after the record is saved."""
    ecology, youth = ActivityArea.objects.order_by("pk")[:2]
    organisation = services.organisation_register(by=carol, data=_data(), areas=[ecology])
    with translation.override("en"):
        [created] = history_of(organisation)
        assert str(created.kind) == "Created"
        services.organisation_update(
            organisation=organisation, by=carol, data={"address": "Актау, 15 мкр., 2"}, areas=[ecology, youth]
        )
        [changed, created] = history_of(organisation)
        shown = {str(label): (old, new) for label, old, new in changed.fields}
        assert shown["address"] == ("Актау, 14 мкр., 7", "Актау, 15 мкр., 2")
        assert shown["areas of activity"] == (str(ecology), ", ".join(sorted([str(ecology), str(youth)])))
    assert list(organisation.areas.order_by("pk")) == [ecology, youth]


def test_the_membership_emails_write_names_and_messages_as_typed(
    alice, carol, ngo, django_capture_on_commit_callbacks
):
    """Plain-text emails were HTML-escaped: 'Фонд "Ана үйі" & партнёры' reached the administrators as
    'Фонд &quot;Ана үйі&quot; &amp; партнёры'."""
    ngo = services.organisation_update(
        organisation=ngo, by=alice, data={"name_kk": 'Фонд "Ана үйі" & <серіктестер>'}
    )
    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_request(
            organisation=ngo, user=carol, message='Мен "Бала" & «Ана» жобасынанмын'
        )
    request = mail.outbox[-1]
    assert 'Фонд "Ана үйі" & <серіктестер>' in request.subject
    assert 'Фонд "Ана үйі" & <серіктестер>' in request.body
    assert 'Мен "Бала" & «Ана» жобасынанмын' in request.body
    assert "&quot;" not in request.body + request.subject and "&amp;" not in request.body
    with translation.override("kk"), django_capture_on_commit_callbacks(execute=True):
        services.membership_decide(membership=membership, by=alice, accept=True)
    answer = mail.outbox[-1]
    assert 'Фонд "Ана үйі" & <серіктестер>' in answer.subject
    assert 'Фонд "Ана үйі" & <серіктестер>' in answer.body


def test_a_save_over_a_version_its_history_does_not_hold_is_refused_whole(alice, ngo):
    """Without the profile as it was loaded (a moment no version has), what this save changed cannot be told
    from what a colleague changed: it is refused, as before the merge of separate fields."""
    stale = ngo.updated_at - datetime.timedelta(minutes=5)
    with translation.override("en"), pytest.raises(errors.EditedMeanwhile) as error:
        services.organisation_update(
            organisation=ngo, by=alice, data={"phone": "+7 701 000 00 00"}, loaded_at=stale
        )
    assert (error.value.code, error.value.fields, error.value.mine) == ("edited_meanwhile", [], ["phone"])
    assert str(error.value).startswith("Someone else saved this profile after you opened it, so your changes")
    ngo.refresh_from_db()
    assert ngo.phone == ""
