"""The deadline calculator against dates checked by hand on the 2025–2026 calendars of Kazakhstan."""

import datetime

import pytest

from azamat.accountability.models import DeadlineRule
from azamat.accountability.services import deadlines
from azamat.core.models import WorkingDayTransfer
from azamat.core.working_days import count_days, holiday_name, transfers_changed

pytestmark = pytest.mark.django_db
D = datetime.date

# sent on, working days, due on — each counted by hand (the start day never counts).
HAND_CHECKED = [
    # Nauryz 2026: 21–23 March (Sat–Mon), the weekend days' holidays observed on Tue 24 and Wed 25.
    (D(2026, 3, 16), 15, D(2026, 4, 9)),
    (D(2026, 3, 20), 1, D(2026, 3, 26)),
    # New Year 2026: 1–2 January (Thu–Fri), Orthodox Christmas Wed 7 January.
    (D(2025, 12, 26), 15, D(2026, 1, 21)),
    (D(2025, 12, 31), 1, D(2026, 1, 5)),
    # Defender's Day Thu 7 May 2026; Victory Day Sat 9 May observed on Mon 11 May.
    (D(2026, 5, 4), 5, D(2026, 5, 13)),
    (D(2026, 5, 8), 1, D(2026, 5, 12)),
    # 2025 decree: Sunday 5 January worked in exchange for Friday 3 January (the holidays package knows it).
    (D(2024, 12, 30), 3, D(2025, 1, 6)),
    (D(2025, 1, 2), 1, D(2025, 1, 5)),
    # An ordinary fortnight: weekends only.
    (D(2026, 11, 2), 10, D(2026, 11, 16)),
]


@pytest.mark.parametrize(("sent_on", "days", "due_on"), HAND_CHECKED)
def test_working_days_as_counted_by_hand(sent_on, days, due_on):
    assert count_days(sent_on, days).due_on == due_on


def test_the_counting_names_what_it_skipped_and_what_counted():
    nauryz = count_days(D(2026, 3, 16), 15)
    assert [day for day, _why in nauryz.skipped] == [D(2026, 3, 23), D(2026, 3, 24), D(2026, 3, 25)]
    assert {why for _day, why in nauryz.skipped} == {"holiday"}
    assert nauryz.weekend_days == 6
    decree = count_days(D(2024, 12, 30), 3)
    assert D(2025, 1, 3) in [day for day, why in decree.skipped if why == "decree"]
    assert decree.worked == (D(2025, 1, 5),)


def test_holiday_names_in_each_language():
    from django.utils import translation

    with translation.override("ru"):
        assert holiday_name(D(2026, 3, 23)) == "Наурыз"
        assert "перенесён" in holiday_name(D(2026, 5, 11))
    with translation.override("kk"):
        assert holiday_name(D(2026, 5, 9)) == "Жеңіс күні"
    assert holiday_name(D(2026, 11, 30)) == ""


def test_a_decree_entered_by_an_administrator_moves_the_deadline():
    # Independence Day Wed 16 Dec 2026; a (hypothetical) decree moves Fri 18 Dec off and Sat 19 Dec to work.
    before = count_days(D(2026, 12, 15), 3).due_on
    assert before == D(2026, 12, 21)  # 17, 18, 21
    WorkingDayTransfer.objects.create(date=D(2026, 12, 18), is_working=False, decree="test")
    WorkingDayTransfer.objects.create(date=D(2026, 12, 19), is_working=True, decree="test")
    transfers_changed()
    counted = count_days(D(2026, 12, 15), 3)
    assert counted.due_on == D(2026, 12, 21)  # 17, 19 (worked Saturday), 21
    assert (D(2026, 12, 18), "decree") in counted.skipped
    assert counted.worked == (D(2026, 12, 19),)
    assert count_days(D(2026, 12, 17), 1).due_on == D(2026, 12, 19)


def test_an_appeal_is_due_in_15_working_days_and_long_overdue_15_later():
    rule = DeadlineRule.objects.get(code="appeal")
    counted = deadlines(rule, D(2026, 3, 16))
    assert counted["due_on"] == D(2026, 4, 9)
    assert counted["long_overdue_on"] == count_days(D(2026, 4, 9), 15).due_on
    assert counted["counting"]["skipped"][0] == ["2026-03-23", "holiday"]


def test_calendar_days_for_a_public_control_recommendation():
    rule = DeadlineRule.objects.get(code="public_control")
    assert deadlines(rule, D(2026, 3, 16))["due_on"] == D(2026, 4, 15)
