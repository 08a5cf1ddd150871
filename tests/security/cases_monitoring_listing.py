"""Monitoring's rows of the authorisation matrix: the list of persecuted persons, the criteria and publication
(objects from cases_monitoring.build).

Who is who there: the other NGO's member is a monitor and a lawyer (a role holder: proposes candidates, reads the
criteria); its administrator administers it and is a verifier and a member of the expert group (reads and analyses
candidates, records decisions, adopts criteria, sets the publication rules, previews and publishes events).
Everyone else is a stranger to its records. An empty POST changes nothing: a form without its fields comes back
with the errors (400); deleting a rule first asks to confirm (200); publishing names no action (404)."""

from tests.security.cases_monitoring import ADMINS, ROLE_HOLDERS, VERIFIERS

EXPERTS = ("other_admin",)  # verifier and expert


def build(w) -> None:
    """Nothing of its own: cases_monitoring.build made the objects."""


def _cases() -> dict[str, list]:
    from tests.security.matrix import POST_ONLY, Case, allow

    def org(w):
        return {"org": w.mon_org.pk}

    def candidate(w):
        return {"pk": w.mon_candidate.pk}

    def listed(w):
        return {"pk": w.mon_listed.pk}

    def event(w):
        return {"pk": w.mon_event.pk}

    def form(personas):
        return allow(personas), allow(personas, "400")

    return {
        "monitoring:candidates": [Case("", org, allow(EXPERTS))],
        "monitoring:candidate_new": [Case("", org, *form(ROLE_HOLDERS))],
        "monitoring:candidate": [
            Case("open", candidate, allow(EXPERTS)),
            Case("listed", listed, allow(EXPERTS)),
        ],
        "monitoring:candidate_analysis": [Case("", candidate, *form(EXPERTS))],
        "monitoring:candidate_decision": [
            Case("", candidate, *form(EXPERTS)),
            Case("listed", listed, *form(EXPERTS)),
        ],
        "monitoring:candidate_situation": [Case("", listed, *form(EXPERTS))],
        "monitoring:criteria": [Case("", org, allow(ROLE_HOLDERS))],
        "monitoring:criteria_new": [Case("", org, *form(EXPERTS))],
        "monitoring:publication": [Case("", org, *form(ADMINS))],
        "monitoring:redaction_delete": [
            Case("", lambda w: {"pk": w.mon_rule.pk}, POST_ONLY, allow(ADMINS, "200"))
        ],
        "monitoring:event_publish": [Case("", event, POST_ONLY, allow(VERIFIERS, "404"))],
        "monitoring:event_preview": [Case("", event, allow(VERIFIERS))],
    }


CASES: dict[str, list] = _cases()
