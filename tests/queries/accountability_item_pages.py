"""The accountability item's own pages: one record each, or a step on it."""

ONE_RECORD = (
    "one record and its own bounded parts (its milestones, disputes, forwarding chain), not a list of records"
)
FORM_OR_ACTION = "a form or an action: it shows no list of records"
LIST_PAGES: dict[str, str] = {}
NOT_LISTS = {
    "accountability:item": ONE_RECORD,
    **dict.fromkeys(
        [
            "accountability:item_answer",
            "accountability:item_forward",
            "accountability:item_extend",
            "accountability:milestone_add",
            "accountability:milestone_done",
            "accountability:item_dispute",
            "accountability:dispute_answer",
            "accountability:item_follow",
            "accountability:item_file",
            "accountability:evidence_file",
        ],
        FORM_OR_ACTION,
    ),
}
