"""Monitoring's rows of the authorisation matrix: the public, redacted pages (objects from cases_monitoring.build)
and the API of the published copies. Everyone reads them; the copy of an event that is not verified (its record
received, or verified again) is found by nobody, and neither is a format the open data does not have."""


def build(w) -> None:
    """A public copy of the received event, as if published before it was sent back to verification: the public
    pages must not find it."""
    from django.utils import timezone

    from azamat.monitoring.models import PublishedEvent

    w.mon_stale_copy = PublishedEvent.objects.create(
        event=w.mon_received,
        organisation=w.mon_org,
        number=w.mon_received.number,
        title="Обыск у журналиста",
        summary="Копия записи, которая не проверена.",
        type=w.mon_received.type,
        region=w.mon_received.region,
        date_shown=str(w.mon_received.date.year),
        year=w.mon_received.date.year,
        published_at=timezone.now(),
    )


def _api_registered() -> bool:
    """The API's rows are declared once azamat/api/urls.py lists azamat.monitoring.api (until then they would
    name routes that do not exist)."""
    from azamat.api.urls import API_MODULES

    return "azamat.monitoring.api" in API_MODULES


def _cases() -> dict[str, list]:
    from tests.security.matrix import NOWHERE, PUBLIC, Case

    def none(w):
        return {}

    cases = {
        "monitoring:report": [Case("", none, PUBLIC)],
        "monitoring:public_events": [Case("", none, PUBLIC)],
        "monitoring:public_event": [
            Case("published", lambda w: {"pk": w.mon_published.pk}, PUBLIC),
            Case("unverified", lambda w: {"pk": w.mon_stale_copy.pk}, NOWHERE),
        ],
        "monitoring:public_list": [Case("", none, PUBLIC)],
        "monitoring:public_entry": [Case("", lambda w: {"pk": w.mon_entry.pk}, PUBLIC)],
        "monitoring:public_sites": [Case("", none, PUBLIC)],
        "monitoring:public_criteria": [Case("", lambda w: {"org": w.mon_org.pk}, PUBLIC)],
        "monitoring:open_data": [
            Case("csv", lambda w: {"fmt": "csv"}, PUBLIC),
            Case("json", lambda w: {"fmt": "json"}, PUBLIC),
            Case("other", lambda w: {"fmt": "xml"}, NOWHERE),
        ],
    }
    if _api_registered():
        cases |= {
            "v1:monitoring-event-list": [Case("", none, PUBLIC)],
            "v1:monitoring-event-detail": [
                Case("published", lambda w: {"pk": w.mon_published.pk}, PUBLIC),
                Case("unverified", lambda w: {"pk": w.mon_stale_copy.pk}, NOWHERE),
            ],
            "v1:monitoring-entry-list": [Case("", none, PUBLIC)],
            "v1:monitoring-entry-detail": [Case("", lambda w: {"pk": w.mon_entry.pk}, PUBLIC)],
        }
    return cases


CASES: dict[str, list] = _cases()
