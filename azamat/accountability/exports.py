"""The rows of the public downloads: the items list (filtered like the page) and each body's figures (like the
ranking). The header and the names are in the active language; `core.exports` writes the file safely."""

from django.utils.translation import gettext as _

from azamat.accountability.models import Item


def items_table(queryset) -> tuple[list[str], list[list]]:
    """Every item of `queryset` (from `selectors.items`, annotated with its status and current due date)."""
    header = [
        _("Number"),
        _("Kind"),
        _("Title"),
        _("Government body"),
        _("Body code"),
        _("Region"),
        _("Sent on"),
        _("Answer due"),
        _("Status"),
        _("Answer"),
        _("Answered on"),
        _("Answered on time"),
        _("Implemented on"),
    ]
    kinds = dict(Item.Kind.choices)
    statuses = dict(Item.Status.choices)
    outcomes = dict(Item.Outcome.choices)
    yes, no = _("yes"), _("no")
    rows = []
    for item in queryset.iterator(chunk_size=2000):
        on_time = ""
        if item.answered_on:
            on_time = yes if item.answered_on <= item.current_due else no
        rows.append(
            [
                item.number,
                str(kinds.get(item.kind, item.kind)),
                item.title,
                item.body.name,
                item.body.code,
                item.region.name if item.region_id else "",
                item.sent_on,
                item.current_due,
                str(statuses.get(item.status, item.status)),
                str(outcomes.get(item.outcome, "")),
                item.answered_on,
                on_time,
                item.implemented_on,
            ]
        )
    return header, rows


def bodies_table(rows) -> tuple[list[str], list[list]]:
    """The ranking's rows (`stats.by_body`, in the ranking's order)."""
    header = [
        _("Government body"),
        _("Body code"),
        _("Level"),
        _("Region"),
        _("Items received"),
        _("Answered"),
        _("Answered on time"),
        _("Items due"),
        _("Share answered on time, %"),
        _("Median days to answer (calendar days)"),
        _("Overdue now"),
        _("Accepted"),
        _("Rejected"),
        _("Implemented"),
    ]
    table = [
        [
            row.subject.name,
            row.subject.code,
            row.subject.get_level_display(),
            row.subject.region.name if row.subject.region_id else "",
            row.received,
            row.answered,
            row.on_time,
            row.due,
            row.on_time_share,
            row.median,
            row.overdue,
            row.accepted,
            row.rejected,
            row.implemented,
        ]
        for row in rows
    ]
    return header, table
