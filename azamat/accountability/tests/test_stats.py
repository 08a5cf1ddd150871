"""The public figures of accountability, counted in the database: public items only, each definition exact."""

import datetime

import pytest

from azamat.accountability import services, stats
from azamat.accountability.models import Item
from azamat.registry.models import Region
from azamat.testing.accountability_factories import appeal, body, officer_of, other_body

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
MARCH = datetime.date(2026, 3, 2)
APRIL = datetime.date(2026, 4, 1)


def answer(item, officer, outcome, on, text="Ответ"):
    return services.item_answer(item=item, by=officer, outcome=outcome, text=text, answered_on=on)


@pytest.fixture
def world():
    """Seven items: the body's five public ones (on time, late, long overdue, awaiting, forwarded), a private one
    and one of another body."""
    ours, theirs = body(), None
    theirs = other_body(ours)
    officer, other_officer = officer_of(ours), officer_of(theirs)
    almaty = Region.objects.get(kato="750000000")
    w = {"body": ours, "other": theirs, "officer": officer, "region": almaty}
    w["on_time"] = answer(
        appeal(to=ours, sent_on=MARCH, region=almaty), officer, "accepted", MARCH.replace(day=7)
    )
    late = appeal(to=ours, sent_on=MARCH, region=almaty)
    w["late"] = answer(late, officer, "rejected", late.due_on + datetime.timedelta(days=3))
    w["overdue"] = appeal(to=ours, sent_on=APRIL)
    w["awaiting"] = appeal(to=ours, sent_on=datetime.date(2026, 6, 10))
    w["forwarded"] = appeal(to=ours, sent_on=MARCH)
    services.item_forward(
        item=w["forwarded"], by=officer, to_body=theirs, reason="Не наша компетенция", on=MARCH.replace(day=4)
    )
    private = appeal(to=ours, sent_on=MARCH, is_public=False)
    answer(private, officer, "accepted", MARCH.replace(day=3))
    w["theirs"] = answer(
        appeal(to=theirs, sent_on=MARCH, region=almaty), other_officer, "partial", MARCH.replace(day=12)
    )
    return w


def test_a_body_s_figures_count_its_public_items_on_the_day(world):
    figures = stats.figures(stats.public_items(body=world["body"]), TODAY)
    assert figures.received == 5
    assert figures.answered == 3  # accepted, rejected, forwarded
    assert figures.on_time == 2  # accepted on the 5th day, forwarded on the 2nd
    assert figures.late == 1
    assert figures.overdue_now == 1 and figures.long_overdue == 1
    assert figures.awaiting == 1
    assert figures.due == 4
    assert figures.on_time_share == 50.0
    assert (figures.accepted, figures.rejected, figures.forwarded, figures.implemented) == (1, 1, 1, 0)


def test_the_private_item_counts_nowhere(world):
    everything = stats.figures(stats.public_items(), TODAY)
    # Ours: 5 public; theirs: the forwarded item and their own; the private one is left out.
    assert everything.received == 7
    assert Item.objects.count() == 8


def test_answer_times_in_calendar_days_with_the_median(world):
    times = stats.answer_times(stats.public_items(body=world["body"]))
    late_days = (world["late"].answered_on - MARCH).days
    assert times.answered == 3
    assert times.median_days == 5.0  # 2 (forwarded), 5 (accepted), late_days
    counts = {(b.low, b.high): b.count for b in times.buckets}
    assert counts[(0, 5)] == 2
    assert sum(counts.values()) == 3
    bucket = next(b for b in times.buckets if b.low <= late_days and (b.high is None or late_days <= b.high))
    assert bucket.count == 1


def test_an_even_number_of_answers_has_the_mean_of_the_middle_two_as_median(world):
    times = stats.answer_times(stats.public_items(body=world["other"]))
    # Theirs: partial on the 10th day; the forwarded item (sent to them on 4 March) unanswered.
    assert times.median_days == 10.0
    both = stats.answer_times(stats.public_items(region=world["region"]).exclude(pk=world["late"].pk))
    assert both.median_days == 7.5  # 5 (ours, accepted) and 10 (theirs)


def test_sent_and_answered_per_month_and_per_quarter(world):
    months = stats.over_time(stats.public_items(body=world["body"]), period="month", today=TODAY)
    assert len(months) == 12 and months[-1].start == datetime.date(2026, 6, 1)
    march = next(m for m in months if m.start == MARCH.replace(day=1))
    assert (march.sent, march.answered) == (3, 3)  # the late rejection still came in March
    quarters = stats.over_time(stats.public_items(body=world["body"]), period="quarter", today=TODAY)
    assert len(quarters) == 8 and quarters[-1].start == datetime.date(2026, 4, 1)
    first = next(q for q in quarters if q.start == datetime.date(2026, 1, 1))
    assert (first.sent, first.answered, first.quarter) == (3, 3, 1)
    assert (quarters[-1].sent, quarters[-1].answered) == (2, 0)


def test_the_ranking_rows_per_body_with_their_median(world):
    rows = {row.subject.code: row for row in stats.by_body(stats.public_items(), today=TODAY)}
    ours, theirs = rows[world["body"].code], rows[world["other"].code]
    assert (ours.received, ours.answered, ours.on_time, ours.overdue, ours.due) == (5, 3, 2, 1, 4)
    assert ours.on_time_share == 50.0 and ours.median == 5.0
    assert (theirs.received, theirs.answered, theirs.on_time) == (2, 1, 1)
    assert theirs.median == 10.0
    assert theirs.overdue == 1  # the forwarded item: 15 working days from 4 March passed long ago


def test_the_ranking_keeps_bodies_with_enough_items_and_sorts(world):
    rows = stats.by_body(stats.public_items(), today=TODAY, min_items=3)
    assert [row.subject for row in rows] == [world["body"]]
    both = stats.by_body(stats.public_items(), today=TODAY)
    # Both answered half of their due items on time: the tie is broken alphabetically (Азаматтық before Қазақстан).
    alphabetical = [world["body"], world["other"]]
    assert [r.subject for r in stats.ranked(both, "share")] == alphabetical
    assert [r.subject for r in stats.ranked(both, "-share")] == alphabetical
    assert [r.subject for r in stats.ranked(both, "name")] == alphabetical
    assert [r.subject for r in stats.ranked(both, "median")] == alphabetical  # 5 days before 10
    assert [r.subject for r in stats.ranked(both, "received")] == [world["body"], world["other"]]


def test_per_region_rows(world):
    rows = {row.subject.kato: row for row in stats.by_region(stats.public_items(), today=TODAY)}
    almaty = rows["750000000"]
    assert almaty.received == 3 and almaty.on_time == 2


def test_the_query_count_does_not_depend_on_the_items(world, django_assert_num_queries):
    queryset = stats.public_items()
    expected = 1 if stats.has_percentile() else 2
    with django_assert_num_queries(expected):
        stats.answer_times(queryset)
    with django_assert_num_queries(1):
        stats.figures(queryset, TODAY)


def test_the_figures_agree_with_the_status_of_each_item(world):
    from django.db.models import Count

    from azamat.accountability.selectors import with_status
    from azamat.testing.factories import UserFactory

    author = UserFactory()
    for disputed in (False, True):
        item = answer(
            appeal(to=world["body"], sent_on=MARCH, author=author), world["officer"], "accepted", MARCH
        )
        milestone = services.milestone_add(
            item=item, by=world["officer"], title="Опубликовать план", due_on=datetime.date(2026, 3, 16)
        )
        services.milestone_done(milestone=milestone, by=world["officer"], text="Опубликован", done_on=MARCH)
        if disputed:
            services.dispute_open(item=item, by=author, reasons="План не опубликован")
    queryset = stats.public_items()
    by_status = dict(
        with_status(queryset, TODAY).values_list("computed_status").annotate(n=Count("pk")).order_by()
    )
    figures = stats.figures(queryset, TODAY)
    assert by_status.get("awaiting", 0) == figures.awaiting
    assert by_status.get("overdue", 0) == figures.overdue
    assert by_status.get("long_overdue", 0) == figures.long_overdue
    assert by_status.get("rejected", 0) == figures.rejected
    assert by_status.get("forwarded", 0) == figures.forwarded
    assert by_status.get("implemented", 0) == figures.implemented
    assert sum(by_status.values()) == figures.received
    assert (by_status["implemented"], by_status["disputed"]) == (1, 1)
    for status in ("awaiting", "overdue", "long_overdue", "implemented", "answered"):
        filtered = with_status(queryset, TODAY).filter(stats.status_filter(status, TODAY))
        assert filtered.count() == by_status.get(status, 0), status


def test_the_charts_geometry():
    from azamat.accountability import charts

    periods = [
        stats.PeriodCounts(datetime.date(2025, 12, 1), "month", 200, 0),
        stats.PeriodCounts(datetime.date(2026, 1, 1), "month", 1, 100),
    ]
    chart = charts.sent_and_answered(periods)
    first, second = chart["groups"]
    assert first.sent.height == charts.PLOT_HEIGHT and first.answered.height == 0
    assert second.sent.height == 1  # one item is never drawn as none
    assert second.answered.height == charts.PLOT_HEIGHT // 2
    assert first.sent.y + first.sent.height == chart["baseline"]
    assert (first.year_label, second.year_label) == ("2025", "2026")  # the first column and each January
    bars = charts.answer_time_bars([stats.Bucket(0, 5, 4), stats.Bucket(61, None, 0)])
    assert [bar.width for bar in bars["bars"]] == [charts.BAR_AREA, 0]
    assert not bars["empty"] and charts.answer_time_bars([stats.Bucket(0, 5, 0)])["empty"]
