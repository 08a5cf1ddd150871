"""A member of a public council is «член совета» in Russian, not «Участник» (the shared msgid "Member" of the
grants' commissions and the registry's memberships): its seat on the council's page, the KPI tables' column and
the assessor's choice of whom to score take a context of their own."""

import pytest
from django.utils import translation
from django.utils.translation import pgettext

from azamat.councils.models import Member
from azamat.testing.councils_factories import CouncilFactory, MemberFactory

pytestmark = pytest.mark.django_db

CONTEXT = "a member of a public council"


def _word(language: str) -> str:
    with translation.override(language):
        return pgettext(CONTEXT, "Member")


def test_a_members_seat_on_the_councils_page_is_not_called_a_participant(client):
    council = CouncilFactory()
    MemberFactory(council=council, full_name="Айгерим Серикова", role=Member.Role.MEMBER)
    page = client.get(council.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Айгерим Серикова" in page
    assert f">{_word('ru')}</td>" in page
    assert ">Участник</td>" not in page


def test_the_role_and_the_kpi_columns_take_the_councils_word():
    with translation.override("ru"):
        assert str(Member.Role.MEMBER.label) == _word("ru")
    from django.template.loader import get_template

    for name in ("councils/kpi/level.html", "councils/kpi/period.html", "councils/kpi/score.html"):
        source = get_template(name).template.source
        assert '{% translate "Member" %}' not in source, name
        assert f'{{% translate "Member" context "{CONTEXT}" %}}' in source, name
