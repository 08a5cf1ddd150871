from azamat.monitoring.models.access import MonitoringRole, ReadLog, Term
from azamat.monitoring.models.cases import BlockedSite, Case, Detention, DetentionVisit, Hearing, SiteCheck
from azamat.monitoring.models.elections import Checklist, Election, PollingStation
from azamat.monitoring.models.listing import Candidate, Criteria, ListDecision, SituationChange
from azamat.monitoring.models.publication import (
    PublicationPolicy,
    PublishedEntry,
    PublishedEvent,
    RedactionRule,
)
from azamat.monitoring.models.records import Act, Attachment, Event, Intervention, Involvement, Person, Source

__all__ = [
    "Act",
    "Attachment",
    "BlockedSite",
    "Candidate",
    "Case",
    "Checklist",
    "Criteria",
    "Detention",
    "Election",
    "DetentionVisit",
    "Event",
    "Hearing",
    "Intervention",
    "Involvement",
    "ListDecision",
    "MonitoringRole",
    "Person",
    "PollingStation",
    "PublicationPolicy",
    "PublishedEntry",
    "PublishedEvent",
    "ReadLog",
    "RedactionRule",
    "SiteCheck",
    "SituationChange",
    "Source",
    "Term",
]
