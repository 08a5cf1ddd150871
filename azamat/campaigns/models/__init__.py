"""Advocacy campaigns in five stages (needs, stakeholders, methods and messages, action plan, risks,
evaluation), run by an organisation or a coalition; petitions with confirmed signatures counted by a job; appeals
and letters to government bodies. Everything addressed to a body goes through the accountability app."""

from azamat.campaigns.models.appeals import Appeal
from azamat.campaigns.models.campaign import Campaign, Partner, TeamMember
from azamat.campaigns.models.evaluation import Indicator, IndicatorValue, Lesson, Risk, SecurityCheck
from azamat.campaigns.models.petitions import Invalidation, Petition, Signature, Tally, Threshold
from azamat.campaigns.models.planning import Action, Hearing, Message, Method, Need, Objective, Stakeholder

__all__ = [
    "Action",
    "Appeal",
    "Campaign",
    "Hearing",
    "Indicator",
    "IndicatorValue",
    "Invalidation",
    "Lesson",
    "Message",
    "Method",
    "Need",
    "Objective",
    "Partner",
    "Petition",
    "Risk",
    "SecurityCheck",
    "Signature",
    "Stakeholder",
    "Tally",
    "TeamMember",
    "Threshold",
]
