"""Grants: programmes and calls, applications, review, the tender commission, projects."""

from azamat.grants.models.applications import (  # noqa: F401
    Activity,
    Application,
    ApplicationVersion,
    Attachment,
    BudgetLine,
    Indicator,
    SimilarityFlag,
)
from azamat.grants.models.commission import AgendaItem, Commission, CommissionMember, Sitting, Vote  # noqa: F401
from azamat.grants.models.programmes import Call, Criterion, Direction, DirectionComment, GrantType  # noqa: F401
from azamat.grants.models.projects import (  # noqa: F401
    ExpenditureLine,
    IndicatorActual,
    Payment,
    Project,
    Report,
    Tranche,
)
from azamat.grants.models.review import (  # noqa: F401
    Assignment,
    ComplianceCheck,
    ConflictDeclaration,
    DeclarationConfirmation,
    Draw,
    Expert,
    Score,
)
