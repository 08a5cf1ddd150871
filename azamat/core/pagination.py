"""A paginator told its count: where a page already knows how many rows its filters keep (from figures it keeps
in the cache), Django's Paginator would ask the database again with a COUNT."""

from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property: set, it is never computed
