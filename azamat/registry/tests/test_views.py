"""The registry's pages, as visitors and members see them."""

import html
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from azamat.core.collation import sort_key
from azamat.registry.models import ActivityArea, Membership, Organisation, Region
from azamat.registry.name_order import name_key
from azamat.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_orgs(db):
    almaty = Region.objects.get(kato="750000000")
    aktau = Region.objects.get(kato="470000000")
    ecology = ActivityArea.objects.get(code="ecology")
    a = OrganisationFactory(
        name_ru="Экологический фонд «Таза Каспий»", name_kk="«Таза Каспий» экологиялық қоры", region=aktau
    )
    a.areas.add(ecology)
    b = OrganisationFactory(
        name_ru="Общественное объединение «Мейірім»", name_kk="«Мейірім» қоғамдық бірлестігі", region=almaty
    )
    c = OrganisationFactory(
        name_ru="Фонд «Надежда»", name_kk="«Үміт» қоры", region=almaty, legal_form="public_foundation"
    )
    return a, b, c


def test_home_page_says_what_azamat_is(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "civil society in the open" in response.content.decode()


def test_new_visitor_gets_kazakh_unless_the_browser_asks(client):
    assert client.get("/").headers["Content-Language"] == "kk"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").headers["Content-Language"] == "ru"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE").headers["Content-Language"] == "kk"


def test_the_language_choice_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/organisations/"})
    assert response.status_code == 302
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru").headers["Content-Language"] == "en"


def test_directory_searches_in_both_languages_case_insensitively(client, directory_orgs):
    taza, meyirim, nadezhda = directory_orgs
    body = client.get("/organisations/", {"q": "КАСПИЙ"}).content.decode()
    assert taza.bin in body and meyirim.bin not in body
    body = client.get("/organisations/", {"q": "үміт"}).content.decode()
    assert nadezhda.bin in body and taza.bin not in body
    body = client.get("/organisations/", {"q": nadezhda.bin}).content.decode()
    assert nadezhda.bin in body and meyirim.bin not in body


def test_a_search_too_long_says_so_and_lists_no_organisation(client, directory_orgs):
    """A search longer than the box takes is refused beside the box, and the list is empty, not every
    organisation as if nothing had been asked."""
    taza, meyirim, _nadezhda = directory_orgs
    body = client.get("/organisations/", {"q": "Каспий " * 40}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "At most 200 characters, please" in body and 'role="alert"' in body
    assert taza.bin not in body and meyirim.bin not in body


def test_directory_filters(client, directory_orgs):
    taza, meyirim, nadezhda = directory_orgs
    body = client.get("/organisations/", {"region": "750000000"}).content.decode()
    assert meyirim.bin in body and nadezhda.bin in body and taza.bin not in body
    body = client.get("/organisations/", {"area": "ecology"}).content.decode()
    assert taza.bin in body and meyirim.bin not in body
    body = client.get("/organisations/", {"legal_form": "public_foundation"}).content.decode()
    assert nadezhda.bin in body and meyirim.bin not in body


def test_directory_htmx_request_gets_only_the_results(client, directory_orgs):
    response = client.get("/organisations/", {"q": "каспий"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="results"')
    assert "<html" not in body and directory_orgs[0].bin in body


def test_directory_paginates(client, db):
    for n in range(45):
        OrganisationFactory(name_ru=f"Фонд {n:02d}")
    first = client.get("/organisations/").content.decode()
    third = client.get("/organisations/", {"page": 3}).content.decode()
    assert first.count("<li>\n      <h2>") == 20
    assert third.count("<li>\n      <h2>") == 5


def test_profile_page_and_unknown_bin(client, ngo):
    response = client.get(ngo.get_absolute_url())
    assert response.status_code == 200
    assert ngo.bin in response.content.decode()
    assert client.get("/organisations/940140000385/").status_code == 404


def test_register_organisation_page(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("registry:organisation_register"),
        {
            "name_kk": "«Сенім» қоры",
            "name_ru": "Фонд «Сеним»",
            "bin": "990140004654",
            "legal_form": "public_foundation",
            "registered_on": "1999-01-20",
            "region": Region.objects.get(kato="710000000").pk,
            "areas": [ActivityArea.objects.get(code="legal-aid").pk],
            "staff_count": 3,
            "volunteer_count": 0,
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(bin="990140004654")
    assert response.url == org.get_absolute_url()
    assert list(org.areas.values_list("code", flat=True)) == ["legal-aid"]
    assert Membership.objects.get(organisation=org).user == carol


def test_register_with_a_wrong_bin_shows_the_reason_and_changes_nothing(client, carol):
    client.force_login(carol)
    response = client.post(
        reverse("registry:organisation_register"),
        {
            "name_kk": "x",
            "name_ru": "y",
            "bin": "990140004655",
            "legal_form": "public_foundation",
            "registered_on": "1999-01-20",
            "region": Region.objects.get(kato="710000000").pk,
            "staff_count": 0,
            "volunteer_count": 0,
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "check digit" in response.content.decode()
    assert Organisation.objects.count() == 0


def test_register_needs_sign_in(client):
    response = client.get(reverse("registry:organisation_register"))
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_edit_page_is_for_administrators_only(client, alice, bob, ngo):
    client.force_login(bob)
    response = client.get(reverse("registry:organisation_edit", args=[ngo.bin]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "administrators" in response.content.decode()
    client.force_login(alice)
    assert client.get(reverse("registry:organisation_edit", args=[ngo.bin])).status_code == 200


def test_edit_saves_and_shows_in_history(client, alice, ngo):
    client.force_login(alice)
    response = client.post(
        reverse("registry:organisation_edit", args=[ngo.bin]),
        {
            "name_kk": ngo.name_kk,
            "name_ru": ngo.name_ru,
            "legal_form": ngo.legal_form,
            "registered_on": "2015-06-01",
            "region": ngo.region_id,
            "staff_count": 7,
            "volunteer_count": 30,
            "address": "Алматы, Жибек жолы 50",
        },
    )
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert (ngo.staff_count, ngo.volunteer_count, ngo.bin) == (7, 30, ngo.bin)
    history = client.get(reverse("registry:organisation_history", args=[ngo.bin])).content.decode()
    assert "Жибек жолы 50" in history


def test_join_and_accept_through_the_pages(client, alice, carol, ngo):
    client.force_login(carol)
    client.post(reverse("registry:organisation_join", args=[ngo.bin]), {"message": "Работаю бухгалтером"})
    membership = Membership.objects.get(user=carol, organisation=ngo)
    assert membership.status == "pending"
    client.force_login(alice)
    page = client.get(reverse("registry:organisation_members", args=[ngo.bin])).content.decode()
    assert "Работаю бухгалтером" in page
    client.post(
        reverse("registry:organisation_members", args=[ngo.bin]),
        {"membership": membership.pk, "action": "accept"},
    )
    membership.refresh_from_db()
    assert membership.status == "active"


def test_members_page_is_for_administrators_only(client, bob, ngo, alice):
    client.force_login(bob)
    assert client.get(reverse("registry:organisation_members", args=[ngo.bin])).status_code == 403
    response = client.post(
        reverse("registry:organisation_members", args=[ngo.bin]),
        {"membership": Membership.objects.get(user=alice).pk, "action": "remove"},
    )
    assert response.status_code == 403
    assert Membership.objects.filter(user=alice).exists()


def test_government_bodies_directory(client, db):
    body = client.get("/government-bodies/", {"region": "470000000"}).content.decode()
    assert "Маңғыстау облысының әкімдігі" in body
    assert "Маңғыстау облыстық мәслихаты" in body
    ru = client.get("/government-bodies/", {"kind": "ministry"}, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Министерство юстиции Республики Казахстан" in ru
    detail = client.get("/government-bodies/mci/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Комитет по делам гражданского общества" in detail


def test_output_is_escaped(client, db):
    org = OrganisationFactory(name_ru='<script>alert("x")</script>', name_kk='<script>alert("x")</script>')
    body = client.get(org.get_absolute_url()).content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;" in body


def test_a_bin_searched_with_spaces_is_found(client, directory_orgs):
    taza, meyirim, nadezhda = directory_orgs
    spaced = f"{nadezhda.bin[:4]} {nadezhda.bin[4:8]}\u00a0{nadezhda.bin[8:]}"
    body = client.get("/organisations/", {"q": spaced}).content.decode()
    assert nadezhda.bin in body and meyirim.bin not in body and taza.bin not in body


def test_an_administrator_who_steps_down_lands_on_the_profile_not_a_refusal(client, ngo, alice):
    other = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN)
    MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN)  # one stays: not the last administrator
    mine = Membership.objects.get(user=alice, organisation=ngo)
    client.force_login(alice)
    url = reverse("registry:organisation_members", args=[ngo.bin])
    response = client.post(url, {"membership": mine.pk, "action": "make_member", "confirm": "yes"})
    assert response.status_code == 302 and response.url == ngo.get_absolute_url()
    mine.refresh_from_db()
    assert mine.role == Membership.Role.MEMBER
    # and one who removes themself, the same
    client.force_login(other.user)
    response = client.post(url, {"membership": other.pk, "action": "remove", "confirm": "yes"})
    assert response.status_code == 302 and response.url == ngo.get_absolute_url()
    assert client.get(response.url).status_code == 200


def test_an_administrator_changing_another_stays_on_the_members_page(client, ngo, alice, bob):
    client.force_login(alice)
    url = reverse("registry:organisation_members", args=[ngo.bin])
    membership = Membership.objects.get(user=bob, organisation=ngo)
    response = client.post(url, {"membership": membership.pk, "action": "make_admin"})
    assert response.status_code == 302 and response.url == url


def test_a_person_who_asked_to_join_is_told_the_request_waits(client, ngo, alice, carol):
    client.force_login(carol)
    client.post(reverse("registry:organisation_join", args=[ngo.bin]), {"message": "Хочу помогать"})
    page = client.get(ngo.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "You have asked to join this organisation; its administrators have not answered yet." in page
    assert "Ask to join" not in page


def test_a_stale_filter_in_a_link_drops_only_itself_and_says_why(client, directory_orgs):
    taza, meyirim, nadezhda = directory_orgs
    response = client.get(
        "/organisations/", {"region": "750000000", "area": "no-such-area"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    body = response.content.decode()
    assert meyirim.bin in body and nadezhda.bin in body and taza.bin not in body  # the region still applies
    assert "Select a valid choice. no-such-area is not one of the available choices." in body


def _profile_post(ngo, page: str, **changes) -> dict:
    loaded = re.search(r'name="loaded_at" value="([^"]+)"', page)
    data = {
        "name_kk": ngo.name_kk,
        "name_ru": ngo.name_ru,
        "legal_form": ngo.legal_form,
        "registered_on": ngo.registered_on.isoformat(),
        "region": ngo.region_id,
        "address": ngo.address,
        "staff_count": str(ngo.staff_count),
        "volunteer_count": str(ngo.volunteer_count),
        "loaded_at": loaded[1] if loaded else "",
    }
    return data | changes


def _typed(page: str, name: str) -> str:
    """What the form shows in a text box or a text area."""
    box = re.search(rf'<input type="[a-z]+" name="{name}" value="([^"]*)"', page)
    if box:
        return html.unescape(box[1])
    area = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', page, re.S)
    return html.unescape(area[1]) if area else ""


def test_two_administrators_editing_the_profile_at_once_do_not_undo_each_other(client, ngo, alice):
    """The second save was refused, and its form, saved again as the message said, put back the first one's
    fields as they were when the second tab was opened: changing the phone undid a colleague's new address."""
    other = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    client.force_login(alice)
    mine = client.get(url).content.decode()
    theirs_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    theirs_client.force_login(other)
    theirs = theirs_client.get(url).content.decode()
    assert client.post(url, _profile_post(ngo, mine, about_ru="Помогаем детям")).status_code == 302
    # a save from the older tab that changes other fields keeps both
    response = theirs_client.post(url, _profile_post(ngo, theirs, phone="+7 701 000 00 00"))
    assert response.status_code == 302
    ngo.refresh_from_db()
    assert (ngo.about_ru, ngo.phone) == ("Помогаем детям", "+7 701 000 00 00")
    assert ngo.history.count() == 3  # created, and one entry for each save


def test_a_field_both_changed_is_refused_with_what_was_typed_beside_the_colleagues_save(client, ngo, alice):
    other = MembershipFactory(organisation=ngo, role=Membership.Role.ADMIN).user
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    client.force_login(alice)
    mine = client.get(url).content.decode()
    theirs_client = Client(HTTP_ACCEPT_LANGUAGE="en")
    theirs_client.force_login(other)
    theirs = theirs_client.get(url).content.decode()
    first = _profile_post(ngo, mine, phone="+7 727 111 11 11", about_ru="Помогаем детям")
    assert client.post(url, first).status_code == 302
    second = _profile_post(ngo, theirs, phone="+7 701 000 00 00", address="Алматы, пр. Абая, 2")
    response = theirs_client.post(url, second)
    assert response.status_code == 400
    page = response.content.decode()
    assert (
        "Someone else saved this profile after you opened it and changed the same fields as you: phone."
        in page
    )
    # what they typed where they changed something; the colleague's save in the rest
    assert (_typed(page, "phone"), _typed(page, "address")) == ("+7 701 000 00 00", "Алматы, пр. Абая, 2")
    assert _typed(page, "about_ru") == "Помогаем детям"
    ngo.refresh_from_db()
    assert (ngo.phone, ngo.address) == ("+7 727 111 11 11", "Алматы, ул. Абая, 10")
    # saving the form as shown, knowingly, keeps their phone and address and the colleague's text
    again = _profile_post(ngo, page, phone=_typed(page, "phone"), address=_typed(page, "address"))
    again["about_ru"] = _typed(page, "about_ru")
    assert theirs_client.post(url, again).status_code == 302
    ngo.refresh_from_db()
    assert (ngo.phone, ngo.address, ngo.about_ru) == (
        "+7 701 000 00 00",
        "Алматы, пр. Абая, 2",
        "Помогаем детям",
    )


def _png(colour) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), colour).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_the_profile_form_shows_the_current_logo_and_can_remove_it(client, ngo, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    url = reverse("registry:organisation_edit", args=[ngo.bin])
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(alice)
    page = client.get(url).content.decode()
    assert "Remove the current logo" not in page  # nothing to remove yet
    assert client.post(url, {**_profile_post(ngo, page), "logo": _png("navy")}).status_code == 302
    ngo.refresh_from_db()
    first = ngo.logo.name
    page = client.get(url).content.decode()
    assert f'src="{ngo.logo.url}" alt="The current logo"' in page and "Remove the current logo" in page
    # a new logo replaces it even with the box ticked; the box alone takes it off the profile
    post = {**_profile_post(ngo, page), "logo": _png("teal"), "remove_logo": "on"}
    assert client.post(url, post).status_code == 302
    ngo.refresh_from_db()
    assert ngo.logo and ngo.logo.name != first
    page = client.get(url).content.decode()
    assert client.post(url, {**_profile_post(ngo, page), "remove_logo": "on"}).status_code == 302
    ngo.refresh_from_db()
    assert not ngo.logo
    assert '<img class="logo"' not in client.get(ngo.get_absolute_url()).content.decode()


def test_the_people_are_listed_administrators_first_then_alphabetically(client, ngo, alice, bob):
    """The members page and the profile listed the members before the administrators ("-role": "member" comes
    after "admin"), and Әйгерім after Яна (the database's order of letters)."""
    for name, role in [("Яна Ким", "admin"), ("Әйгерім Сәтбаева", "member"), ("Ержан Беков", "member")]:
        MembershipFactory(organisation=ngo, role=role, user=UserFactory(full_name=name))
    client.force_login(alice)
    page = client.get(reverse("registry:organisation_members", args=[ngo.bin])).content.decode()
    names = ["Алия Нурланова", "Яна Ким", "Әйгерім Сәтбаева", "Бауыржан Ахметов", "Ержан Беков"]
    assert sorted(names, key=page.index) == names
    profile = client.get(ngo.get_absolute_url()).content.decode()
    assert sorted(names, key=profile.index) == names


NAMES = [  # (Kazakh, Russian), in no order
    ("«Ізгілік» қоғамдық қоры", "Общественный фонд «Добро»"),
    ("Алматы қаласының «Ерікті» бірлестігі", "Объединение «Доброволец» города Алматы"),
    ("«Үміт» қоры", "Фонд «Надежда»"),
    ("«Ақ жол» қоғамдық бірлестігі", "Общественное объединение «Ак жол»"),
    ("«Әділдік» қоры", "Фонд «Справедливость»"),
    ("«Яссы» қоры", "Фонд «Ёлка»"),
    ("«Қамқор» қоры", "Фонд «Забота»"),
]


def _listed(client, language: str, **filters) -> list[str]:
    page = client.get("/organisations/", filters, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return [
        html.unescape(name)
        for name in re.findall(r'<h2><a href="/organisations/\d+/">([^<]+)</a></h2>', page)
    ]


def test_the_directory_is_in_the_alphabetical_order_of_the_readers_language(client, db):
    """A Kazakh page listed the Kazakh names in the order of the Russian ones («Сауатты азамат», «Аялы алақан»,
    «Ана мен бала»…), and the database put І before А, Ә, Қ and Ү after Я, and every name opening with a
    quotation mark before the others."""
    almaty = Region.objects.get(kato="750000000")
    for kk, ru in NAMES:
        OrganisationFactory(name_kk=kk, name_ru=ru, region=almaty, current_report=False)
    assert _listed(client, "kk") == [
        "«Ақ жол» қоғамдық бірлестігі",
        "Алматы қаласының «Ерікті» бірлестігі",
        "«Әділдік» қоры",
        "«Қамқор» қоры",
        "«Үміт» қоры",
        "«Ізгілік» қоғамдық қоры",
        "«Яссы» қоры",
    ]
    assert _listed(client, "ru") == [
        "Общественное объединение «Ак жол»",
        "Общественный фонд «Добро»",
        "Объединение «Доброволец» города Алматы",
        "Фонд «Ёлка»",  # ё with е, as dictionaries file it
        "Фонд «Забота»",
        "Фонд «Надежда»",
        "Фонд «Справедливость»",
    ]
    # the same within a region's filter (its own index) and among a search's equally good matches
    assert _listed(client, "kk", region="750000000")[:3] == [
        "«Ақ жол» қоғамдық бірлестігі",
        "Алматы қаласының «Ерікті» бірлестігі",
        "«Әділдік» қоры",
    ]
    assert _listed(client, "kk", q="қоры")[:5] == [
        "«Әділдік» қоры",
        "«Қамқор» қоры",
        "«Үміт» қоры",
        "«Ізгілік» қоғамдық қоры",
        "«Яссы» қоры",
    ]


def _bodies(client, language: str, **filters) -> list[str]:
    page = client.get("/government-bodies/", filters, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return [
        html.unescape(name) for name in re.findall(r'<a href="/government-bodies/[\w-]+/">([^<]+)</a>', page)
    ]


def test_government_bodies_are_found_by_word_forms_and_listed_alphabetically(client, db):
    """«әкімдік» found nothing (the names say «әкімдігі»), nor «министерства»; a Kazakh page listed the ministries
    by their Russian names."""
    assert "Маңғыстау облысының әкімдігі" in _bodies(client, "kk", q="әкімдік", region="470000000")
    ministries = _bodies(client, "ru", q="министерства")
    assert "Министерство юстиции Республики Казахстан" in ministries
    kk = _bodies(client, "kk", kind="ministry")
    assert kk == sorted(kk, key=lambda name: sort_key(name, "kk")) and len(kk) > 10


def test_a_member_can_leave_and_one_who_asked_can_withdraw(client, ngo, alice, bob, carol):
    """A member had no way to leave an organisation (the members page is its administrators'), nor could a
    request to join be taken back."""
    url = reverse("registry:organisation_join", args=[ngo.bin])
    client.force_login(bob)
    profile = client.get(ngo.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        '<button class="btn secondary" type="submit" name="action" value="leave">Leave the organisation'
        in profile
    )
    response = client.post(url, {"action": "leave"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response.url == ngo.get_absolute_url()
    assert not Membership.objects.filter(user=bob, organisation=ngo).exists()
    assert (
        "You have left the organisation."
        in client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.post(url, {"action": "leave"}, HTTP_ACCEPT_LANGUAGE="en")  # sent twice: nothing to leave, said so
    assert (
        "You are not in this organisation."
        in client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )
    client.force_login(carol)
    client.post(url, {"message": "Хочу помогать"}, HTTP_ACCEPT_LANGUAGE="en")
    client.post(url, {"action": "leave"}, HTTP_ACCEPT_LANGUAGE="en")
    assert not Membership.objects.filter(user=carol).exists()
    assert (
        "Your request to join is withdrawn."
        in client.get(response.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_the_only_administrator_is_told_how_to_leave(client, ngo, alice):
    client.force_login(alice)
    response = client.post(
        reverse("registry:organisation_join", args=[ngo.bin]), {"action": "leave"}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 302
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    with translation.override("ru"):
        told = translation.gettext(
            "You are its only administrator: first make another person an administrator on the members page, "
            "then leave."
        )
    assert html.escape(told) in page
    assert Membership.objects.get(user=alice, organisation=ngo).role == Membership.Role.ADMIN


def test_the_government_bodies_page_reads_only_its_page_of_bodies_in_each_languages_order(client, db):
    """The page read every body (some 300 with the reference data, two objects each with region and parent) and
    sorted them in Python on every request, to show 30: the database now orders them by each language's
    alphabet (the stored name_order columns, as the directory's) and reads one page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from azamat.registry.models import GovernmentBody

    assert not GovernmentBody.objects.filter(name_order_kk="").exists()  # reference data and seeds filled
    with CaptureQueriesContext(connection) as queries:
        first = _bodies(client, "kk")
    reads = [
        q["sql"] for q in queries if 'FROM "registry_governmentbody"' in q["sql"] and "COUNT(" not in q["sql"]
    ]
    assert len(reads) == 1 and "LIMIT 30" in reads[0], reads
    assert len(first) == 30
    # Page by page, the same order a Kazakh reader's sort gives, within each level and kind.
    levels, kinds = list(GovernmentBody.Level.values), list(GovernmentBody.Kind.values)
    rows = sorted(
        GovernmentBody.objects.all(),
        key=lambda body: (levels.index(body.level), kinds.index(body.kind), body.name_order_kk, body.pk),
    )
    assert (
        rows[0].level == "republican" and rows[0].kind == "ministry"
    )  # not the city akimats ("city" < "rep…")
    with translation.override("kk"):
        assert first == [body.name for body in rows[:30]]
        second = _bodies(client, "kk", page=2)
        assert second == [body.name for body in rows[30:60]]
    for language in ("kk", "ru", "en"):
        ministries = _bodies(client, language, kind="ministry")
        assert ministries == sorted(ministries, key=lambda name: sort_key(name, language)), language
    body = GovernmentBody.objects.create(
        code="test-body", name_kk="Әуе", name_ru="Авиа", name_en="Zed", kind="other"
    )
    assert (body.name_order_kk, body.name_order_ru) == (name_key("Әуе", "kk"), name_key("Авиа", "ru"))
    assert body.name_order_en == name_key("Zed", "en") > name_key("Alpha", "en")
    assert name_key("Zed", "en") < name_key("Авиа", "en")  # in English, Latin letters before Cyrillic
