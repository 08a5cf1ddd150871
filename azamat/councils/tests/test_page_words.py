"""Words a Russian reader met on the council's pages, found walking the demo at 390 px: the secretary's form to add a
member was headed «Добавить члена комиссии» (the grant commission's words, the same English msgid), and the
composition's first column «Пользователь» (a user account) though most members have none — for visitors too."""

import pytest
from django.urls import reverse
from django.utils import translation

from azamat.testing.councils_factories import CouncilFactory, CouncilSecretaryFactory, MemberFactory

pytestmark = pytest.mark.django_db
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


@pytest.fixture
def council():
    council = CouncilFactory()
    MemberFactory(council=council, full_name="Динара Рахимова")
    return council


def test_the_secretary_adds_a_member_of_the_council_not_of_a_commission(client, council):
    client.force_login(CouncilSecretaryFactory(council=council).user)
    page = client.get(reverse("councils:manage", args=[council.pk]), **RU).content.decode()
    with translation.override("ru"):
        heading = translation.pgettext("to a council's composition", "Add a member")
    assert f"<h3>{heading}</h3>" in page
    assert "члена комиссии" not in page


@pytest.mark.parametrize("url", ["councils:detail", "councils:manage"])
def test_the_composition_lists_members_by_full_name_not_as_users(client, council, url):
    client.force_login(CouncilSecretaryFactory(council=council).user)
    page = client.get(reverse(url, args=[council.pk]), **RU).content.decode()
    assert '<th scope="col">ФИО</th>' in page
    assert '<th scope="col">Пользователь</th>' not in page
