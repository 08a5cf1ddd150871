"""Two people (or one person in two tabs) edit the same person's record or the same case: the second save, made on
a form loaded before the first, is refused instead of silently undoing the first; what the second typed stays in
the form, and saving again, having been told, replaces the other change. Found walking the demo: a monitor's note
on a person ("asks not to name the employer") vanished under a colleague's later save of an older form."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from azamat.accounts.models import PlatformRole
from azamat.core import edits
from azamat.monitoring import elections_services
from azamat.monitoring.elections_services import CHECKLIST
from azamat.monitoring.models import Act, Checklist, Intervention, Person, PublicationPolicy, Term
from azamat.registry.models import Region
from azamat.testing import monitoring_factories as mf
from azamat.testing import monitoring_listing_factories as lf
from azamat.testing import monitoring_records_factories as rf
from azamat.testing.factories import PlatformRoleFactory, UserFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
MESSAGE = (
    "Someone changed this record while you were editing it: open it to see their changes. Your text is kept "
    "here; save again to replace theirs with it."
)
# When every save since was the editor's own, in another tab.
OWN = (
    "You saved this record in another tab or window after this form was loaded: open it to see what was saved. "
    "Your text is kept here; save again to replace that with it."
)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def team():
    return rf.organisation_with_team()


def _posted(form) -> dict:
    """What the browser sends back for a form as it was loaded (its initial values), by the fields' names in the
    page (a prefixed form's too)."""
    data = {}
    for field in form:
        value = field.value()
        if value is None or value is False:
            continue
        if isinstance(value, list | tuple):
            data[field.html_name] = [getattr(v, "pk", v) for v in value]
        else:
            data[field.html_name] = getattr(value, "pk", value)
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

    _refused(second, OWN)  # both tabs hers: she is not told a stranger changed it
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
    colleague = mf.grant(UserFactory(email="lawyer2@monitoring.example.kz"), organisation, "lawyer")
    case.lawyers.add(colleague)
    url = reverse("monitoring:case_edit", args=[case.pk])
    client.force_login(colleague)
    first_tab = _posted(client.get(url, **EN).context["form"])
    client.force_login(people["lawyer"])
    second_tab = _posted(client.get(url, **EN).context["form"])

    client.force_login(colleague)
    first = client.post(url, {**first_tab, "notes": "Подзащитный просит не сообщать о деле в СМИ."}, **EN)
    assert first.status_code == 302
    client.force_login(people["lawyer"])
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


def _two_tabs(client, url) -> tuple[dict, dict]:
    return _posted(client.get(url, **EN).context["form"]), _posted(client.get(url, **EN).context["form"])


def test_an_act_saved_meanwhile_by_a_colleague_is_not_overwritten(client, team):
    """The verifier corrected an act's description; the monitor's tab, opened before, saved a date over it and
    the verifier's words were gone."""
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    url = reverse("monitoring:act_edit", args=[act.pk])
    client.force_login(people["monitor"])
    monitors_tab = _posted(client.get(url, **EN).context["form"])
    client.force_login(people["verifier"])
    verifiers_tab = _posted(client.get(url, **EN).context["form"])
    described = "Задержан у входа, в РУВД провёл 6 часов без адвоката."
    assert client.post(url, {**verifiers_tab, "description": described}, **EN).status_code == 302

    client.force_login(people["monitor"])
    second = client.post(url, {**monitors_tab, "victim_group": "пятеро участников пикета"}, **EN)

    _refused(second, MESSAGE)
    assert second.context["form"]["victim_group"].value() == "пятеро участников пикета"
    act.refresh_from_db()
    assert (act.description, act.victim_group) == (described, "")
    assert client.post(url, second.context["form"].data, **EN).status_code == 302
    act.refresh_from_db()
    assert act.victim_group == "пятеро участников пикета"


def test_a_source_saved_meanwhile_in_another_tab_is_not_overwritten(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    source = event.sources.get()
    url = reverse("monitoring:source_edit", args=[source.pk])
    client.force_login(people["monitor"])
    first_tab, second_tab = _two_tabs(client, url)
    assert client.post(url, {**first_tab, "reference": "https://t.me/example/123"}, **EN).status_code == 302

    second = client.post(url, {**second_tab, "reliability": "d"}, **EN)

    _refused(second, OWN)
    assert second.context["form"]["reliability"].value() == "d"
    source.refresh_from_db()
    assert (source.reference, source.reliability) == ("https://t.me/example/123", "b")
    assert client.post(url, second.context["form"].data, **EN).status_code == 302
    source.refresh_from_db()
    assert (source.reference, source.reliability) == ("", "d")  # told, they chose theirs


def test_an_interventions_outcome_saved_meanwhile_is_not_overwritten(client, team):
    """Two people noting what came of one complaint: the later, older form no longer erases the earlier answer."""
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    event.readers.add(people["monitor2"])  # shared with a second monitor, who follows the complaint too
    intervention = Intervention.objects.create(
        organisation=organisation, event=event, kind="visit", sent_on=event.date, summary="Визит адвоката"
    )
    url = reverse("monitoring:intervention", args=[intervention.pk])
    client.force_login(people["monitor"])
    monitors_tab = _posted(client.get(url, **EN).context["form"])
    client.force_login(people["monitor2"])
    colleagues_tab = _posted(client.get(url, **EN).context["form"])
    answered = "Прокуратура ответила: проверка назначена."
    assert client.post(url, {**colleagues_tab, "outcome": answered}, **EN).status_code == 302

    client.force_login(people["monitor"])
    second = client.post(url, {**monitors_tab, "outcome": "Ответа пока нет."}, **EN)

    _refused(second, MESSAGE)
    assert second.context["form"]["outcome"].value() == "Ответа пока нет."
    intervention.refresh_from_db()
    assert intervention.outcome == answered
    assert client.post(url, second.context["form"].data, **EN).status_code == 302
    intervention.refresh_from_db()
    assert intervention.outcome == "Ответа пока нет."


def test_a_candidates_analysis_saved_meanwhile_is_not_overwritten(client, team):
    organisation, people = team
    criteria = mf.criteria(organisation)
    candidate = mf.candidate(organisation, by=people["monitor"])
    url = reverse("monitoring:candidate_analysis", args=[candidate.pk])
    client.force_login(people["verifier"])
    # The select shows its first version chosen, which the browser sends.
    first_tab, second_tab = ({**tab, "criteria": criteria.pk} for tab in _two_tabs(client, url))
    written = "Преследуется за участие в мирном собрании."
    assert client.post(url, {**first_tab, "analysis": written, "step": "save"}, **EN).status_code == 302

    second = client.post(url, {**second_tab, "analysis": "Черновик", "step": "save"}, **EN)

    _refused(second, OWN)
    assert second.context["form"]["analysis"].value() == "Черновик"
    candidate.refresh_from_db()
    assert candidate.analysis == written
    again = client.post(url, {**second.context["form"].data.dict(), "step": "save"}, **EN)
    assert again.status_code == 302
    candidate.refresh_from_db()
    assert candidate.analysis == "Черновик"


def test_the_publication_policy_set_meanwhile_by_another_administrator_is_not_overwritten(client, team):
    """The first save of a policy never set counts too: the other administrator's tab was loaded before it."""
    organisation, _people = team
    first_admin, second_admin = lf.org_admin(organisation), lf.org_admin(organisation, "second@example.kz")
    url = reverse("monitoring:publication", args=[organisation.pk])
    client.force_login(first_admin)
    firsts = _posted(client.get(url, **EN).context["policy_form"])
    client.force_login(second_admin)
    seconds = _posted(client.get(url, **EN).context["policy_form"])
    client.force_login(first_admin)
    assert client.post(url, {**firsts, "form": "policy", "policy-place": "country"}, **EN).status_code == 302

    client.force_login(second_admin)
    second = client.post(url, {**seconds, "form": "policy", "policy-date": "year"}, **EN)

    assert second.status_code == 400
    form = second.context["policy_form"]
    assert MESSAGE in " ".join(str(e) for e in form.non_field_errors())
    assert form["date"].value() == "year"
    policy = PublicationPolicy.objects.get(organisation=organisation)
    assert (policy.place, policy.date) == ("country", "month")
    assert client.post(url, {**form.data.dict()}, **EN).status_code == 302
    policy.refresh_from_db()
    assert (policy.place, policy.date) == ("region", "year")


def test_a_thesaurus_term_saved_meanwhile_by_another_administrator_is_not_overwritten(client, dana):
    other = UserFactory(email="erlan@example.kz", full_name="Ерлан Ахметов", is_staff=True)
    PlatformRoleFactory(user=other, role=PlatformRole.Role.PLATFORM_ADMIN)
    term = Term.objects.get(kind="event_type", code="assembly")
    url = reverse("monitoring:term_edit", args=[term.pk])
    client.force_login(dana)
    danas = _posted(client.get(url, **EN).context["form"])
    client.force_login(other)
    others = _posted(client.get(url, **EN).context["form"])
    client.force_login(dana)
    assert client.post(url, {**danas, "reference_en": "Constitution, art. 32"}, **EN).status_code == 302

    client.force_login(other)
    second = client.post(url, {**others, "name_en": "Peaceful assembly (rally, picket)"}, **EN)

    _refused(second, MESSAGE)
    assert second.context["form"]["name_en"].value() == "Peaceful assembly (rally, picket)"
    term.refresh_from_db()
    assert (term.name_en, term.reference_en) == ("Peaceful assembly", "Constitution, art. 32")
    assert client.post(url, second.context["form"].data, **EN).status_code == 302
    term.refresh_from_db()
    assert term.name_en == "Peaceful assembly (rally, picket)"


def test_a_checklist_sent_from_another_tab_meanwhile_is_not_replaced_unasked(client, team):
    """An observer with the station open in two tabs sent the opening checklist from one; the other, loaded
    before anything was sent, no longer replaces those answers without a word."""
    organisation, people = team
    observer = people["monitor"]
    election = elections_services.election_create(
        by=people["verifier"],
        organisation=organisation,
        title="Выборы депутатов маслихата",
        kind="maslikhat",
        day=timezone.localdate(),
    )
    station = elections_services.station_add(
        by=people["verifier"],
        election=election,
        number="214",
        region=Region.objects.get(kato=mf.ALMATY),
        settlement_kato="",
        address="Алматы, ул. Абая, 10, школа № 12",
        observers=[observer],
    )
    client.force_login(observer)
    page = reverse("monitoring:station", args=[station.pk])
    tabs = [
        _posted(next(b["form"] for b in client.get(page, **EN).context["phases"] if b["phase"] == "opening"))
        for _tab in range(2)
    ]
    answers = {f"opening-{code}": "yes" for code, _t, _p in CHECKLIST["opening"]}
    url = reverse("monitoring:checklist_send", args=[station.pk, "opening"])
    assert (
        client.post(url, {**tabs[0], **answers, "opening-note": "Всё по правилам"}, **EN).status_code == 302
    )

    second = client.post(url, {**tabs[1], **answers, "opening-boxes_empty": "no"}, **EN)

    assert second.status_code == 400
    form = next(b["form"] for b in second.context["phases"] if b["phase"] == "opening")
    assert OWN in " ".join(str(e) for e in form.non_field_errors())
    assert form["boxes_empty"].value() == "no"
    checklist = Checklist.objects.get(station=station, observer=observer, phase="opening")
    assert (checklist.answers["boxes_empty"], checklist.note) == ("yes", "Всё по правилам")
    assert client.post(url, form.data, **EN).status_code == 302
    checklist.refresh_from_db()
    assert (checklist.answers["boxes_empty"], checklist.note) == ("no", "")


DELETED = (
    "Someone deleted this record after you opened this form: what you typed is kept here, for you to copy before "
    "you leave the page."
)
DELETED_OWN = (
    "You deleted this record in another tab or window after you opened this form: what you typed is kept here, "
    "for you to copy before you leave the page."
)


def test_an_act_deleted_meanwhile_keeps_what_the_editor_typed(client, team):
    """The monitor was describing an act while the verifier deleted it as a duplicate: the save gave a 404 and
    twenty minutes of typing were gone. Now the form comes back with the text and says what happened; saving it
    from there adds it again as a new act, if the monitor still thinks it one."""
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    url = reverse("monitoring:act_edit", args=[act.pk])
    client.force_login(people["monitor"])
    monitors_tab = _posted(client.get(url, **EN).context["form"])
    client.force_login(people["verifier"])
    assert client.post(reverse("monitoring:act_delete", args=[act.pk]), **EN).status_code == 302

    client.force_login(people["monitor"])
    typed = "Задержан у входа; в РУВД провёл шесть часов без адвоката, телефон изъят."
    response = client.post(url, {**monitors_tab, "description": typed}, **EN)

    assert response.status_code == 409
    form = response.context["form"]
    assert DELETED in " ".join(str(e) for e in form.non_field_errors())
    assert form["description"].value() == typed
    page = response.content.decode()
    assert typed in page and f'action="{reverse("monitoring:act_new", args=[event.pk])}"' in page
    assert not event.acts.exists()  # nothing brought back unasked
    added = client.post(reverse("monitoring:act_new", args=[event.pk]), form.data, **EN)
    assert added.status_code == 302 and event.acts.get().description == typed


def test_an_act_deleted_in_another_tab_says_so(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    url = reverse("monitoring:act_edit", args=[act.pk])
    client.force_login(people["monitor"])
    tab = _posted(client.get(url, **EN).context["form"])
    assert client.post(reverse("monitoring:act_delete", args=[act.pk]), **EN).status_code == 302

    response = client.post(url, {**tab, "victim_group": "пятеро участников"}, **EN)

    assert response.status_code == 409
    assert DELETED_OWN in " ".join(str(e) for e in response.context["form"].non_field_errors())
    # Opened afresh, a deleted act is not found; nor is it for who may not edit its event.
    assert client.get(url, **EN).status_code == 404
    client.force_login(people["expert"])
    assert client.post(url, {**tab, "victim_group": "пятеро участников"}, **EN).status_code == 404


def test_an_act_deleted_between_the_page_and_the_save_is_not_brought_back(team):
    """The delete lands while the save is on its way: the save is refused, not written as a new row."""
    from azamat.core.errors import DomainError
    from azamat.monitoring import records_services

    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    loaded = edits.last_saved(act)
    records_services.act_delete(act=Act.objects.get(pk=act.pk), by=people["verifier"])

    with pytest.raises(DomainError) as refused:
        records_services.act_update(
            act=act,
            by=people["monitor"],
            loaded_at=loaded,
            type=act.type,
            victim=act.victim,
            victim_group="",
            date=act.date,
            description="Новое описание",
        )

    assert refused.value.code == edits.DELETED_MEANWHILE and str(refused.value) == DELETED
    assert not Act.objects.filter(pk=act.pk).exists()


def test_a_perpetrator_typed_for_an_act_deleted_meanwhile_is_kept_to_copy(client, team):
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    act = event.acts.get()
    url = reverse("monitoring:involvement_new", args=[act.pk])
    client.force_login(people["monitor"])
    assert client.get(url, **EN).status_code == 200
    client.force_login(people["verifier"])
    assert client.post(reverse("monitoring:act_delete", args=[act.pk]), **EN).status_code == 302

    client.force_login(people["monitor"])
    typed = "двое в штатском, один представился сотрудником ДП"
    response = client.post(url, {"description": typed, "role": "carried_out"}, **EN)

    assert response.status_code == 409
    form = response.context["form"]
    assert DELETED in " ".join(str(e) for e in form.non_field_errors())
    assert form["description"].value() == typed
    assert "Add the perpetrator</button>" not in response.content.decode()  # nothing to add it to


def test_an_act_deleted_twice_lands_on_the_event_as_the_first_delete_did(client, team):
    """The delete button tapped twice on a slow line: the second found no act and showed "not found"."""
    organisation, people = team
    event = mf.event(organisation, by=people["monitor"])
    url = reverse("monitoring:act_delete", args=[event.acts.get().pk])
    client.force_login(people["monitor"])

    first, again = client.post(url, **EN), client.post(url, **EN)

    assert (first.status_code, again.status_code) == (302, 302)
    assert again["Location"] == first["Location"] == reverse("monitoring:event", args=[event.pk]) + "#acts"
    assert not event.acts.exists()
