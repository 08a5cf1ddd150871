"""Monitoring's rows of the authorisation matrix: the casework part (objects from cases_monitoring.build).

The other NGO's member (monitor and lawyer) entered the events, the victim and the detention, opened the case and
is its lawyer; its administrator is a verifier and an expert. Both see the events, the victim and the blocked
websites and record checks, detentions and visits; only the member records interventions and their outcomes (the
organisation's monitors and lawyers act on a record; its verifiers and experts read what was done: the
administrator's POST is refused, 403, and changes nothing); only the member sees the case (a case is seen by the
lawyers named on it and who opened it), and only a lawyer opens one. Everyone else is a stranger: 403 (the
refusal logged), anonymous visitors are sent to sign in. An empty POST is an incomplete form: 400, nothing
changed, except the outcome of an intervention, which an empty form leaves as it was (302)."""

from tests.security.cases_monitoring import MONITORS, ROLE_HOLDERS


def build(w) -> None:
    """Nothing of its own: cases_monitoring.build made the objects."""


def _cases() -> dict[str, list]:
    from tests.security.matrix import Case, allow

    lawyers = MONITORS  # the member: a monitor and the case's lawyer

    def event(w):
        return {"pk": w.mon_event.pk}

    def case(w):
        return {"pk": w.mon_case.pk}

    def org(w):
        return {"org": w.mon_org.pk}

    def site(w):
        return {"pk": w.mon_site.pk}

    def form(kwargs, who):
        return Case("", kwargs, allow(who), allow(who, "400"), who)

    return {
        # A verified event: the verifier may reopen it (a note is needed), the monitor who entered it reads why not.
        "monitoring:event_verification": [form(event, ROLE_HOLDERS)],
        # Who reads an event may not act on it: the administrator (verifier and expert) is refused.
        "monitoring:intervention_new": [form(event, MONITORS)],
        "monitoring:intervention": [
            Case(
                "",
                lambda w: {"pk": w.mon_intervention.pk},
                allow(ROLE_HOLDERS),
                allow(MONITORS, "302"),
                (),
            )
        ],
        # Any role holder opens the list (it shows the cases they may see); only a lawyer opens a case.
        "monitoring:cases": [Case("", org, allow(ROLE_HOLDERS))],
        "monitoring:case_new": [form(org, lawyers)],
        "monitoring:case": [Case("", case, allow(lawyers))],
        "monitoring:case_edit": [form(case, lawyers)],
        "monitoring:hearing_new": [form(case, lawyers)],
        "monitoring:case_intervention_new": [form(case, lawyers)],
        # A case's documents: attached by its lawyers (an empty POST has no file: 400).
        "monitoring:case_document_new": [form(case, lawyers)],
        "monitoring:sites": [Case("", org, allow(ROLE_HOLDERS))],
        "monitoring:site_new": [form(org, ROLE_HOLDERS)],
        "monitoring:site": [Case("", site, allow(ROLE_HOLDERS))],
        "monitoring:site_check_new": [form(site, ROLE_HOLDERS)],
        "monitoring:detention_new": [form(lambda w: {"pk": w.mon_victim.pk}, ROLE_HOLDERS)],
        "monitoring:visit_new": [form(lambda w: {"pk": w.mon_detention.pk}, ROLE_HOLDERS)],
    }


CASES: dict[str, list] = _cases()
