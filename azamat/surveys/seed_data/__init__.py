"""The demo's surveys as their teams wrote them: four forms in the definition format (definition.py), with Kazakh,
Russian and English labels, and the population figures the quota survey is weighted to.

(a) an NGO's needs assessment of people with disabilities (linked to its campaign), (b) a population opinion
survey by region × sex × age group with interviewers and quotas, (c) a public council's consultation on its plan,
(d) a state body's evaluation of the state social order, closed, results public.

In parts: what the forms share (`common`), each form (`needs`, `opinion`, `consultation`, `evaluation`), and the
open answers people write (`texts`)."""

from azamat.surveys.seed_data.common import (
    AGE_GROUPS,
    AGE_SHARES,
    COMMON_CHOICES,
    FEMALE_SHARE,
    POPULATION,
    REGION_CHOICES,
    REGIONS,
    group,
    q,
)
from azamat.surveys.seed_data.consultation import CONSULTATION
from azamat.surveys.seed_data.evaluation import EVALUATION
from azamat.surveys.seed_data.needs import NEEDS
from azamat.surveys.seed_data.opinion import OPINION, TRUST
from azamat.surveys.seed_data.texts import COMMENTS, IMPROVEMENTS, INTERVIEWER_AREAS, PRIORITIES, PROPOSALS

__all__ = [
    "AGE_GROUPS",
    "AGE_SHARES",
    "COMMENTS",
    "COMMON_CHOICES",
    "CONSULTATION",
    "EVALUATION",
    "FEMALE_SHARE",
    "IMPROVEMENTS",
    "INTERVIEWER_AREAS",
    "NEEDS",
    "OPINION",
    "POPULATION",
    "PRIORITIES",
    "PROPOSALS",
    "REGIONS",
    "REGION_CHOICES",
    "TRUST",
    "group",
    "q",
]
