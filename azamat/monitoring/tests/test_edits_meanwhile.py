"""Two people (or one person in two tabs) edit the same person's record or the same case: the second save, made on
a form loaded before the first, is refused instead of silently undoing the first; what the second typed stays in
the form, and saving again, having been told, replaces the other change. Found walking the demo: a monitor's note
on a person ("asks not to name the employer") vanished under a colleague's later save of an older form."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.monitoring.models import Person
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_records_factories as rf

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MESSAGE = (
    "Someone changed this record while you were editing it: open it to see their changes. Your text is kept "
    "here; save again to replace theirs with it."
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def team():
    return rf.organisation_with_team()


def _posted(form) -> dict:
    """What the browser sends back for a form as it was loaded (its initial values)."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[field.name] = [getattr(v, "pk", v) for v in value]
        else:
            data[field.name] = getattr(value, "pk", value)
    return data


def _refused(response, message: str):
    assert response.status_code == 400, response.status_code
    with translation.override("en"):
        errors = " ".join(str(e) for e in response.context["form"].non_field_errors())
    assert message in errors, errors


def test_a_persons_record_saved_meanwhile_in_another_tab_is_not_overwritten(client, team):
    organisation, people = team
    person = mf.person(organisation, "Ержан Сапаров", by=people["monitor"], notes="")
    client.force_login(people["monitor"])
    url = reverse("monitoring:person_edit", args=[person.pk])
    first_tab = _posted(client.get(url, **EN).context["form"])
    second_tab = _posted(client.get(url, **EN).context["form"])

    first = client.post(url, {**first_tab, "notes": "Просит не указывать место работы."}, **EN)
    assert first.status_code == 302
    second = client.post(url, {**second_tab, "phone": "+7 701 000 00 01"}, **EN)

    _refused(second, MESSAGE)
    assert second.context["form"]["phone"].value() == "+7 701 000 00 01"  # what they typed is kept
    person.refresh_from_db()
    assert (person.notes, person.phone) == ("Просит не указывать место работы.", "+7 701 555 12 34")
    again = client.post(url, second.context["form"].data, **EN)  # told, and saved again
    assert again.status_code == 302
    person.refresh_from_db()
    assert person.phone == "+7 701 000 00 01"


def test_a_person_saved_twice_from_one_form_after_a_refusal_elsewhere_still_saves(client, team):
    """A form sent back for a mistake (a consent without its note) keeps the moment it was loaded: fixed and
    sent again, it saves."""
    organisation, people = team
    person = mf.person(organisation, "Ержан Сапаров", by=people["monitor"])
    client.force_login(people["monitor"])
    url = reverse("monitoring:person_edit", args=[person.pk])
    loaded = _posted(client.get(url, **EN).context["form"])
    wrong = client.post(url, {**loaded, "consent_to_publish": "on"}, **EN)
    assert wrong.status_code == 400
    fixed = client.post(
        url, {**wrong.context["form"].data.dict(), "consent_note": "Устно, 12.05.2025."}, **EN
    )
    assert fixed.status_code == 302
    assert Person.objects.get(pk=person.pk).consent_to_publish is True


def test_a_case_saved_meanwhile_by_another_lawyer_is_not_overwritten(client, team):
    organisation, people = team
    case = mf.case(organisation, lawyer=people["lawyer"], by=people["lawyer"])
    client.force_login(people["lawyer"])
    url = reverse("monitoring:case_edit", args=[case.pk])
    first_tab = _posted(client.get(url, **EN).context["form"])
    second_tab = _posted(client.get(url, **EN).context["form"])

    first = client.post(url, {**first_tab, "notes": "Подзащитный просит не сообщать о деле в СМИ."}, **EN)
    assert first.status_code == 302
    second = client.post(url, {**second_tab, "court_number": "7594-24-00-4/9999"}, **EN)

    _refused(second, MESSAGE)
    assert second.context["form"]["court_number"].value() == "7594-24-00-4/9999"
    case.refresh_from_db()
    assert (case.notes, case.court_number) == (
        "Подзащитный просит не сообщать о деле в СМИ.",
        "7594-24-00-4/1234",
    )
    again = client.post(url, second.context["form"].data, **EN)
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.court_number == "7594-24-00-4/9999"
