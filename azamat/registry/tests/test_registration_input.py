"""What a real user types into an organisation's profile: a registration date in the future is refused, by the
page and by the service; a staff count as people write it is read; a long description is refused."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from azamat.core.errors import DomainError
from azamat.registry import services
from azamat.registry.models import Organisation, Region

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
FUTURE = "The registration date cannot be in the future."


def _post(client, **overrides):
    data = {
        "name_kk": "«Сенім» қоры",
        "name_ru": "Фонд «Сеним»",
        "bin": "990140004654",
        "legal_form": "public_foundation",
        "registered_on": "1999-01-20",
        "region": Region.objects.get(kato="710000000").pk,
        "staff_count": "0",
        "volunteer_count": "0",
    }
    return client.post(reverse("registry:organisation_register"), data | overrides, HTTP_ACCEPT_LANGUAGE="en")


@time_machine.travel(TODAY, tick=False)
def test_the_page_refuses_a_registration_date_in_the_future_and_creates_nothing(client, carol):
    client.force_login(carol)
    page = client.get(reverse("registry:organisation_register"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'max="2026-03-02"' in page
    response = _post(client, registered_on="2026-03-03")
    assert response.status_code == 400
    assert FUTURE in response.content.decode()
    assert not Organisation.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_the_service_refuses_a_registration_date_in_the_future(carol, ngo, alice):
    data = {
        "bin": "940140000385",
        "name_kk": "Бірлестік",
        "name_ru": "Объединение",
        "legal_form": "public_association",
        "registered_on": datetime.date(2026, 3, 3),
        "region": Region.objects.get(kato="470000000"),
    }
    with translation.override("en"), pytest.raises(DomainError) as error:
        services.organisation_register(by=carol, data=data)
    assert (str(error.value), error.value.field) == (FUTURE, "registered_on")
    assert not Organisation.objects.filter(bin="940140000385").exists()
    before = ngo.registered_on
    with translation.override("en"), pytest.raises(DomainError):
        services.organisation_update(
            organisation=ngo, by=alice, data={"registered_on": datetime.date(2027, 1, 1)}
        )
    ngo.refresh_from_db()
    assert ngo.registered_on == before
    # Today itself is a possible registration date.
    services.organisation_update(
        organisation=ngo, by=alice, data={"registered_on": datetime.date(2026, 3, 2)}
    )


@time_machine.travel(TODAY, tick=False)
def test_counts_are_read_as_typed_and_a_long_description_is_refused(client, carol):
    client.force_login(carol)
    response = _post(client, about_kk="ә" * 10001)
    assert response.status_code == 400
    assert "At most 10,000 characters, please; this text has 10,001." in response.content.decode()
    response = _post(client, staff_count="1 200", volunteer_count="3\u00a0500")
    assert response.status_code == 302
    assert Organisation.objects.values_list("staff_count", "volunteer_count").get() == (1200, 3500)


def test_about_is_kept_per_language_and_the_reader_s_language_comes_first(client, carol):
    client.force_login(carol)
    response = _post(client, about_kk="Балаларға көмектесеміз.", about_ru="Помогаем детям.")
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert (organisation.about_kk, organisation.about_ru, organisation.about_en) == (
        "Балаларға көмектесеміз.",
        "Помогаем детям.",
        "",
    )
    client.logout()
    for language, first, other in [("kk", "Балаларға", "Помогаем"), ("ru", "Помогаем", "Балаларға")]:
        page = client.get(organisation.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert page.index(f'<p lang="{language}">{first}') < page.index(other)


def test_a_text_s_language_is_told_by_its_letters():
    from azamat.registry.models import text_language

    assert [text_language(t) for t in ["Балаларға көмек", "Помощь детям", "Help for children", ""]] == [
        "kk",
        "ru",
        "en",
        "en",
    ]


def test_a_bin_typed_or_pasted_with_spaces_is_read_as_its_digits(client, carol):
    client.force_login(carol)
    page = client.get(reverse("registry:organisation_register")).content.decode()
    assert 'maxlength="12"' not in page  # the browser would cut "9901 4000 4654" to "9901 4000 46"
    response = _post(client, bin="9901 4000\u00a04654 ")
    assert response.status_code == 302
    assert Organisation.objects.get().bin == "990140004654"


def test_a_persons_iin_is_refused_as_a_bin_with_the_reason(client, carol):
    client.force_login(carol)
    response = _post(client, bin="921029350851")  # a valid IIN: its check digit matches too
    assert response.status_code == 400
    assert "This is a person&#x27;s IIN, not an organisation&#x27;s BIN" in response.content.decode()
    assert not Organisation.objects.exists()


def test_a_bin_already_on_azamat_leads_to_that_organisation_to_ask_to_join(client, carol, ngo):
    client.force_login(carol)
    response = _post(client, bin=ngo.bin)
    assert response.status_code == 400
    page = response.content.decode()
    assert "An organisation with this BIN is already registered on Azamat." in page
    assert f'<a href="{ngo.get_absolute_url()}">Open its profile to ask to join' in page
    assert Organisation.objects.count() == 1


def test_a_registration_sent_twice_tells_its_administrator_it_is_theirs(client, carol):
    """A second tap on "Register" (or the back button and "Register" again) told the new administrator that the
    organisation was already on Azamat and to ask to join it."""
    client.force_login(carol)
    assert _post(client).status_code == 302
    response = _post(client, name_kk="«Сенім» қоры (екінші рет)")
    assert response.status_code == 400
    page = response.content.decode()
    organisation = Organisation.objects.get()
    assert "This organisation is already registered on Azamat, and you are one of its people." in page
    assert f'<a href="{organisation.get_absolute_url()}">Open its profile: ' in page
    assert "Ask to join it instead" not in page and "to ask to join" not in page
    assert organisation.name_kk == "«Сенім» қоры"
    assert organisation.memberships.get().user == carol
