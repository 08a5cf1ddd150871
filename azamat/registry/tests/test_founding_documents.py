"""An organisation's founding documents: its administrator alice puts the charter and the registration certificate
on file once; a replaced file stays as an earlier version; bad files are refused in the reader's language with
nothing changed; the files are private (bob the member, the grant operator's staff and dana the platform
administrator download them, carol the stranger and anonymous visitors do not) unless shown on the profile."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from azamat.accounts.models import PlatformRole
from azamat.core.errors import DomainError
from azamat.registry import document_services
from azamat.registry.models import FoundingDocument
from azamat.testing.factories import PlatformRoleFactory, UserFactory
from azamat.testing.files import locked_pdf, phone_photo, real_docx, real_pdf, says_nothing_of_the_phone

pytestmark = pytest.mark.django_db

DATED = datetime.date(2019, 4, 12)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SENDFILE_ROOT = tmp_path


@pytest.fixture
def operator(db):
    user = UserFactory(email="operator@example.kz")
    PlatformRoleFactory(user=user, role=PlatformRole.Role.GRANT_OPERATOR)
    return user


def _pdf(name="Устав.pdf", text="Charter"):
    return SimpleUploadedFile(name, real_pdf(text=text), content_type="application/pdf")


def _upload(ngo, alice, kind="charter", upload=None, **extra):
    return document_services.founding_document_upload(
        organisation=ngo, by=alice, kind=kind, upload=upload or _pdf(), dated=DATED, **extra
    )


def _url(ngo, name="registry:organisation_documents", **kwargs):
    return reverse(name, kwargs={"bin": ngo.bin, **kwargs})


# --- Services --------------------------------------------------------------------------------------------------


def test_an_administrator_puts_the_charter_on_file_and_the_history_says_who(ngo, alice):
    document = _upload(ngo, alice)
    assert (document.kind, document.original_name, document.dated, document.current, document.public) == (
        "charter",
        "Устав.pdf",
        DATED,
        True,
        False,
    )
    assert document.uploaded_by == alice
    assert document.content_type == "application/pdf"
    assert document.file.name.startswith(f"registry/documents/{ngo.pk}/charter-")
    assert document.history.get().history_user == alice


def test_a_new_file_replaces_the_current_one_and_the_earlier_stays_in_history(ngo, alice):
    first = _upload(ngo, alice, upload=_pdf("Устав 2019.pdf"))
    second = _upload(ngo, alice, upload=SimpleUploadedFile("Устав 2024.docx", real_docx()))
    first.refresh_from_db()
    assert (first.current, second.current) == (False, True)
    assert second.content_type.endswith("wordprocessingml.document")
    assert first.file.storage.exists(first.file.name)  # the earlier file is kept on disk
    assert [d.original_name for d in FoundingDocument.objects.filter(organisation=ngo, current=True)] == [
        "Устав 2024.docx"
    ]
    assert first.history.latest().history_user == alice and first.history.count() == 2


def test_the_two_kinds_are_kept_side_by_side(ngo, alice):
    _upload(ngo, alice, kind="charter")
    _upload(ngo, alice, kind="registration", upload=_pdf("Справка.pdf"))
    assert FoundingDocument.objects.filter(organisation=ngo, current=True).count() == 2


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (SimpleUploadedFile("устав.exe", b"MZ\x90\x00"), "file_type"),
        (SimpleUploadedFile("устав.pdf", b""), "file_empty"),
        (SimpleUploadedFile("устав.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)), "file_too_large"),
        (SimpleUploadedFile("устав.pdf", b"not a pdf at all"), "file_content"),
        (SimpleUploadedFile("устав.pdf", locked_pdf()), "file_encrypted"),
    ],
)
def test_a_bad_file_is_refused_and_the_current_one_stays(ngo, alice, upload, code):
    current = _upload(ngo, alice)
    with pytest.raises(DomainError) as refused:
        _upload(ngo, alice, upload=upload)
    assert refused.value.code == code
    current.refresh_from_db()
    assert current.current
    assert FoundingDocument.objects.filter(organisation=ngo).count() == 1


def test_a_photo_of_the_certificate_is_kept_without_where_it_was_taken(ngo, alice):
    photo = SimpleUploadedFile("справка.jpg", phone_photo("JPEG"), content_type="image/jpeg")
    document = _upload(ngo, alice, kind="registration", upload=photo)
    assert document.content_type == "image/jpeg"
    assert says_nothing_of_the_phone(document.file.read())


def test_only_the_organisations_administrators_upload(ngo, bob, carol):
    for person in (bob, carol):
        with pytest.raises(DomainError) as refused:
            _upload(ngo, person)
        assert refused.value.code == "not_allowed"
    assert not FoundingDocument.objects.exists()


def test_a_document_dated_in_the_future_is_refused(ngo, alice):
    with pytest.raises(DomainError) as refused:
        document_services.founding_document_upload(
            organisation=ngo, by=alice, kind="charter", upload=_pdf(), dated=datetime.date(2999, 1, 1)
        )
    assert (refused.value.code, refused.value.field) == ("document_dated_in_future", "dated")


# --- Pages -----------------------------------------------------------------------------------------------------


def test_the_administrator_uploads_from_the_documents_page(client, ngo, alice):
    client.force_login(alice)
    response = client.post(
        _url(ngo),
        {"kind": "registration", "dated": "12.04.2019", "file": _pdf("Справка.pdf"), "public": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    document = FoundingDocument.objects.get(organisation=ngo)
    assert (document.kind, document.dated, document.public) == ("registration", DATED, True)
    page = client.get(_url(ngo), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Справка.pdf" in page and "Shown: anyone may download it" in page


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("kk", "Файл бос."),
        ("ru", "Файл пустой."),
        ("en", "The file is empty."),
    ],
)
def test_an_empty_file_is_refused_on_the_page_in_the_readers_language(client, ngo, alice, language, message):
    current = _upload(ngo, alice)
    client.force_login(alice)
    response = client.post(
        _url(ngo),
        {"kind": "charter", "dated": "12.04.2019", "file": SimpleUploadedFile("устав.pdf", b"")},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert FoundingDocument.objects.get() == current
    html = response.content.decode()
    assert message in html
    assert 'value="12.04.2019"' in html or 'value="2019-04-12"' in html  # what was typed is kept


def test_a_wrong_type_is_refused_on_the_page_with_its_name(client, ngo, alice):
    client.force_login(alice)
    response = client.post(
        _url(ngo),
        {"kind": "charter", "dated": "12.04.2019", "file": SimpleUploadedFile("устав.exe", b"MZ\x90")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert (
        "Upload a PDF, DOCX, PNG or JPEG file; “устав.exe” is not one of them." in response.content.decode()
    )
    assert not FoundingDocument.objects.exists()


def test_a_replaced_version_is_listed_as_earlier(client, ngo, alice):
    _upload(ngo, alice, upload=_pdf("Устав 2019.pdf"))
    _upload(ngo, alice, upload=_pdf("Устав 2024.pdf"))
    client.force_login(alice)
    page = client.get(_url(ngo), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 earlier version" in page
    assert page.index("Устав 2024.pdf") < page.index("Устав 2019.pdf")


def test_showing_a_document_on_the_profile_is_the_administrators_choice(client, ngo, alice):
    document = _upload(ngo, alice)
    client.force_login(alice)
    client.post(_url(ngo), {"action": "publish", "document": document.pk, "public": "1"})
    document.refresh_from_db()
    assert document.public
    client.logout()
    profile = client.get(ngo.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert _url(ngo, "registry:founding_document", pk=document.pk) in profile
    assert client.get(_url(ngo, "registry:founding_document", pk=document.pk)).status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 403), ("carol", 403), ("bob", 200), ("alice", 200), ("operator", 200), ("dana", 200)],
)
def test_a_private_document_is_downloaded_only_by_those_who_may(request, client, ngo, alice, persona, status):
    document = _upload(ngo, alice)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(_url(ngo, "registry:founding_document", pk=document.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status
    if status == 200:
        assert response.content.startswith(b"%PDF-")


def test_an_earlier_version_of_a_public_document_is_not_public(client, ngo, alice, carol):
    first = _upload(ngo, alice, public=True)
    _upload(ngo, alice, public=True)
    client.force_login(carol)
    assert client.get(_url(ngo, "registry:founding_document", pk=first.pk)).status_code == 403


def test_a_document_of_another_organisation_is_not_found_under_this_one(client, ngo, alice, dana):
    from azamat.testing.factories import OrganisationFactory

    document = _upload(ngo, alice)
    other = OrganisationFactory()
    client.force_login(dana)
    assert client.get(_url(other, "registry:founding_document", pk=document.pk)).status_code == 404


def test_the_workspace_leads_the_administrator_to_the_documents(client, ngo, alice, bob):
    url = _url(ngo)
    client.force_login(alice)
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert url in page
    assert "Put the charter and the certificate of state registration on file once" in page
    _upload(ngo, alice)
    _upload(ngo, alice, kind="registration")
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Both are on file and offered in every grant application" in page
    client.force_login(bob)  # a member sees them from the profile, not as a task
    assert url not in client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
