"""Accountability: items addressed to government bodies (recommendations, demands, proposals, appeals), their
deadlines, answers, implementation and disputes; followers; public-control checks."""

from azamat.accountability.models.control import Check, CheckMember, CheckRecommendation  # noqa: F401
from azamat.accountability.models.items import (  # noqa: F401
    DeadlineRule,
    Dispute,
    Evidence,
    Extension,
    Follow,
    Item,
    ItemAttachment,
    Milestone,
)
