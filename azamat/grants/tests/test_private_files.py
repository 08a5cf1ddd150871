"""Private files leave only through views that check permission; in production nginx sends them."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django_sendfile.utils import _get_sendfile

from azamat.grants.factories import ApplicationFactory
from azamat.grants.models import Attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(ngo):
    application = ApplicationFactory(organisation=ngo)
    return Attachment.objects.create(
        application=application,
        document_code="charter",
        file=ContentFile(b"%PDF-1.4 charter", "charter-1a2b.pdf"),
        original_name="Устав.pdf",
        size=16,
        content_type="application/pdf",
    )


@pytest.fixture
def backend(settings):
    """Switch the sendfile backend; django-sendfile2 caches the one it loaded first."""

    def use(name):
        settings.SENDFILE_BACKEND = f"django_sendfile.backends.{name}"
        _get_sendfile.cache_clear()

    yield use
    _get_sendfile.cache_clear()


def _url(attachment):
    return reverse("grants:application_attachment", args=[attachment.application_id, attachment.pk])


def test_the_simple_backend_sends_the_file_after_the_check(client, attachment, alice, backend):
    backend("simple")
    client.force_login(alice)
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 charter"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%D0%A3%D1%81%D1%82%D0%B0%D0%B2.pdf" in response["Content-Disposition"]


def test_with_nginx_the_response_only_points_to_the_internal_location(client, attachment, alice, backend):
    backend("nginx")
    client.force_login(alice)
    response = client.get(_url(attachment))
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/protected/" + attachment.file.name
    assert response.content == b""


def test_strangers_and_anonymous_requests_are_refused(client, attachment, carol, backend):
    backend("nginx")
    response = client.get(_url(attachment))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "X-Accel-Redirect" not in response
    client.force_login(carol)
    response = client.get(_url(attachment))
    assert response.status_code in (403, 404) and "X-Accel-Redirect" not in response


def test_a_missing_file_is_a_404_that_does_not_show_the_path(client, attachment, alice, backend):
    backend("simple")
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(alice)
    response = client.get(_url(attachment), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert attachment.file.name not in response.content.decode()


def test_stored_paths_are_not_guessable(attachment):
    from azamat.grants.models.commission import protocol_path

    class Sitting:
        class commission:  # noqa: N801 - a stand-in with the attributes protocol_path reads
            class call:  # noqa: N801
                code = "call-2026"

    first, second = protocol_path(Sitting, "protocol.pdf"), protocol_path(Sitting, "protocol.pdf")
    assert (
        first != second
        and first.startswith("grants/protocols/call-2026/")
        and first.endswith("/protocol.pdf")
    )
    assert len(first.split("/")[3]) == 32
