from azamat.surveys.models.response import ExportJob, Invitation, Response, ReviewDecision
from azamat.surveys.models.survey import (
    Assignment,
    PopulationShare,
    Quota,
    Survey,
    SurveyMember,
    SurveyVersion,
)

__all__ = [
    "Assignment",
    "ExportJob",
    "Invitation",
    "PopulationShare",
    "Quota",
    "Response",
    "ReviewDecision",
    "Survey",
    "SurveyMember",
    "SurveyVersion",
]
