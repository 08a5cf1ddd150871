"""Which responses an analysis counts: the filters every page, export and API call shares, a quota's cell, the
filtered responses."""

import datetime
from dataclasses import asdict, dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from azamat.surveys.models import Quota, Response, Survey


@dataclass
class Filters:
    """Which responses an analysis counts. By default the completed ones not rejected by the team.

    `review`: "" (not rejected), "approved", "unreviewed", "on_hold", "rejected" or "all"."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    region_code: str = ""
    quota: int | None = None
    status: str = Response.Status.COMPLETED
    review: str = ""
    interviewer: int | None = None
    errors: list = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def from_query(cls, query) -> "Filters":
        """From a query string (a QueryDict or a dict); a value that cannot be read is left out and noted in
        `errors` (the form on the page says why)."""
        from azamat.surveys.analysis_forms import FiltersForm

        return FiltersForm(query).filters()

    def to_dict(self) -> dict:
        """For ExportJob.filters and links: JSON-ready, only what is set."""
        data = asdict(self)
        data.pop("errors")
        result = {}
        for key, value in data.items():
            if value in (None, ""):
                continue
            if key == "status" and value == Response.Status.COMPLETED:
                continue
            result[key] = value.isoformat() if isinstance(value, datetime.date) else value
        return result

    @classmethod
    def from_dict(cls, data: dict | None) -> "Filters":
        return cls.from_query(data or {})

    @property
    def active(self) -> bool:
        return bool(self.to_dict())

    def q(self, survey: Survey) -> Q:
        condition = Q(survey=survey, status=self.status)
        if self.review == "":
            condition &= ~Q(review=Response.Review.REJECTED)
        elif self.review == "unreviewed":
            condition &= Q(review="")
        elif self.review != "all":
            condition &= Q(review=self.review)
        zone = timezone.get_current_timezone()
        if self.date_from:
            start = datetime.datetime.combine(self.date_from, datetime.time.min, tzinfo=zone)
            condition &= Q(completed_at__gte=start)
        if self.date_to:
            end = datetime.datetime.combine(
                self.date_to + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
            )
            condition &= Q(completed_at__lt=end)
        if self.region_code:
            condition &= Q(region_code__startswith=self.region_code)
        if self.interviewer:
            condition &= Q(interviewer_id=self.interviewer)
        if self.quota:
            quota = Quota.objects.filter(pk=self.quota, survey=survey).first()
            if quota is None:
                return Q(pk__in=[])
            condition &= quota_q(quota)
        return condition


def quota_q(quota: Quota) -> Q:
    """The responses of a quota's cell: for each question, any of its choices."""
    condition = Q()
    for name, values in (quota.conditions or {}).items():
        values = [str(v) for v in (values if isinstance(values, list) else [values])]
        condition &= Q(**{f"data__{name}__in": values})
    return condition


def responses(survey: Survey, filters: Filters | None = None) -> QuerySet:
    """The responses an analysis counts."""
    return Response.objects.filter((filters or Filters()).q(survey))
