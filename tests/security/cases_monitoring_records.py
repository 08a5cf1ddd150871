"""Monitoring's rows of the authorisation matrix: the records part (objects from cases_monitoring.build).

The other NGO's member (monitor and lawyer) entered the verified event, the received one and the victim; its
administrator (verifier and expert) entered the restricted event, shared with nobody. So: both read the verified
event, but only the verifier changes it (a verified record is changed by a verifier); both change the received
one; only the administrator reads the restricted one. Everyone else is a stranger to the organisation: 403, the
refusal logged. An empty POST to a form is refused by the form (400) and changes nothing; the delete actions by
those who may change the event go through (302)."""


def build(w) -> None:
    """Nothing of its own: cases_monitoring.build made the objects."""


def _cases() -> dict[str, list]:
    from tests.security.cases_monitoring import MONITORS, ROLE_HOLDERS, VERIFIERS
    from tests.security.matrix import POST_ONLY, Case, allow

    def org(w):
        return {"org": w.mon_org.pk}

    def pk(attr):
        return lambda w: {"pk": getattr(w, attr).pk}

    def form(kwargs, who, label=""):
        """A form page: `who` see it (200) and an empty POST is refused by the form (400)."""
        return Case(label, kwargs, allow(who), allow(who, "400"), who)

    def action(kwargs, who):
        return Case("", kwargs, POST_ONLY, allow(who, "302"), who)

    return {
        # Lists and searches: any role holder; a posted search changes nothing.
        "monitoring:events": [Case("", org, allow(ROLE_HOLDERS), allow(ROLE_HOLDERS), ROLE_HOLDERS)],
        "monitoring:persons": [Case("", org, allow(ROLE_HOLDERS), allow(ROLE_HOLDERS), ROLE_HOLDERS)],
        "monitoring:event_new": [form(org, ROLE_HOLDERS)],
        "monitoring:person_new": [form(org, ROLE_HOLDERS)],
        "monitoring:event": [
            Case("verified", pk("mon_event"), allow(ROLE_HOLDERS)),
            Case("received", pk("mon_received"), allow(ROLE_HOLDERS)),
            Case(
                "restricted", pk("mon_restricted"), allow(VERIFIERS)
            ),  # not named on it: the monitor is refused
        ],
        "monitoring:event_edit": [
            form(pk("mon_event"), VERIFIERS, "verified"),
            form(pk("mon_received"), ROLE_HOLDERS, "received"),
            form(pk("mon_restricted"), VERIFIERS, "restricted"),
        ],
        # The children of the verified event: changed by the verifier only.
        "monitoring:act_new": [
            form(pk("mon_event"), VERIFIERS, "verified"),
            form(pk("mon_received"), ROLE_HOLDERS, "received"),
        ],
        "monitoring:act_edit": [form(pk("mon_act"), VERIFIERS)],
        "monitoring:act_delete": [action(pk("mon_act"), VERIFIERS)],
        "monitoring:involvement_new": [form(pk("mon_act"), VERIFIERS)],
        "monitoring:involvement_delete": [action(pk("mon_involvement"), VERIFIERS)],
        "monitoring:source_new": [
            form(pk("mon_event"), VERIFIERS, "verified"),
            form(pk("mon_received"), ROLE_HOLDERS, "received"),
        ],
        "monitoring:source_edit": [form(pk("mon_source"), VERIFIERS)],
        "monitoring:attachment_new": [
            form(pk("mon_event"), VERIFIERS, "verified"),
            form(pk("mon_received"), ROLE_HOLDERS, "received"),
        ],
        # The download: who reads the event; a case's document, who reads the case (its lawyer, the member).
        "monitoring:attachment": [
            Case("", pk("mon_attachment"), allow(ROLE_HOLDERS)),
            Case("case document", pk("mon_case_document"), allow(MONITORS)),
        ],
        "monitoring:attachment_delete": [
            action(pk("mon_attachment"), VERIFIERS),
            Case("case document", pk("mon_case_document"), POST_ONLY, allow(MONITORS, "302"), MONITORS),
        ],
        # The victim was entered by the monitor; the verifier sees every person of the organisation.
        "monitoring:person": [Case("", pk("mon_victim"), allow(ROLE_HOLDERS))],
        "monitoring:person_edit": [form(pk("mon_victim"), ROLE_HOLDERS)],
    }


CASES: dict[str, list] = _cases()
