"""Monitoring's rows of the authorisation matrix: the admin part (objects from cases_monitoring.build).

The home page is for the monitoring's role holders and the administrators of an organisation that has monitoring
(the other NGO's member and administrator); the overview of the other NGO's monitoring for them too; its roles and
its log of reads for its administrator only; the thesauri for the platform's administrator only. Everyone else is
refused with the reason (403), anonymous visitors are sent to sign in. A person with a role but without two-factor
sign-in is sent to turn it on: tested in azamat/monitoring/tests/test_admin_views.py, not here (every persona
here either has it on or has no role)."""


def build(w) -> None:
    """Nothing of its own: cases_monitoring.build made the objects (w.mon_org, w.mon_role, w.mon_term)."""


def _cases() -> dict[str, list]:
    from tests.security.cases_monitoring import ADMINS, ROLE_HOLDERS
    from tests.security.matrix import POST_ONLY, Case, allow

    platform = ("platform_admin",)

    def none(w):
        return {}

    def org(w):
        return {"org": w.mon_org.pk}

    return {
        "monitoring:home": [Case("", none, allow(ROLE_HOLDERS))],
        "monitoring:organisation": [Case("", org, allow(ROLE_HOLDERS))],
        # An empty POST grants nothing: the administrator's form comes back with its errors (400).
        "monitoring:roles": [Case("", org, allow(ADMINS), allow(ADMINS, "400"), ADMINS)],
        # The administrator's POST revokes the member's lawyer role (the test's savepoint undoes it).
        "monitoring:role_revoke": [
            Case("", lambda w: {"pk": w.mon_role.pk}, POST_ONLY, allow(ADMINS, "302"), ADMINS)
        ],
        "monitoring:reads": [Case("", org, allow(ADMINS))],
        "monitoring:terms": [Case("", none, allow(platform), allow(platform, "400"), platform)],
        "monitoring:term_edit": [
            Case("", lambda w: {"pk": w.mon_term.pk}, allow(platform), allow(platform, "400"), platform)
        ],
    }


CASES: dict[str, list] = _cases()
