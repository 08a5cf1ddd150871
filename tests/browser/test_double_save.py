"""Save pressed twice on a phone, 390 px wide, on a slow line: the first press reached the server and saved, its
answer never came back, and the monitor pressed Save again on the same page. The second send carries what the
first stored: it is the same save, so she lands on the record as after one save, not on "You saved this record
in another tab", which made people think their text was lost (core.edits)."""

import pytest
from playwright.sync_api import expect

from azamat.monitoring.models import Person
from azamat.testing import monitoring_factories as mf
from azamat.testing.factories import OrganisationFactory, UserFactory

from .test_monitoring_journey import PHONE, fits, sign_in_with_code

pytestmark = pytest.mark.browser
NOTE = "Просит не указывать место работы."
# The first press, as the browser sends it: the page's own form, its hidden marker of when it was loaded included.
FIRST_PRESS = """form => fetch(form.action || location.href, {method: "POST", body: new FormData(form),
    credentials: "same-origin", redirect: "manual"}).then(answer => answer.type)"""


def test_save_pressed_twice_on_a_slow_line_lands_on_the_saved_record(make_page):
    bureau = OrganisationFactory(name_ru="Бюро «Сенім»", name_kk="«Сенім» бюросы")
    monitor = UserFactory(email="monitor@senim.kz", full_name="Жанна Сейткалиева")
    mf.grant(monitor, bureau, "monitor", with_two_factor=False)
    secret = mf.two_factor(monitor)
    person = mf.person(bureau, "Ержан Сапаров", by=monitor, notes="")
    saves = person.history.count()

    page = make_page(locale="ru-RU", **PHONE)
    sign_in_with_code(page, monitor.email, secret)
    page.goto(f"/workspace/monitoring/persons/{person.pk}/edit/")
    page.locator('form [name="notes"]').fill(NOTE)
    form = page.locator('main form:has([name="notes"])')
    assert form.evaluate(FIRST_PRESS) == "opaqueredirect"  # saved: the answer is the redirect to the record
    assert Person.objects.get(pk=person.pk).notes == NOTE

    page.get_by_role("button", name="Сохранить").click()  # pressed again: the page still shows the form
    expect(page.get_by_text(NOTE, exact=True)).to_be_visible()
    assert "/edit/" not in page.url
    expect(page.get_by_text("в другой вкладке")).to_have_count(0)
    assert Person.objects.get(pk=person.pk).history.count() == saves + 1
    assert fits(page)
