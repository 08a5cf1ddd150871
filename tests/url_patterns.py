"""Every URL pattern of the project, for the checks that hold each page to a declaration (the authorisation
matrix, the query-count declarations, the crawler's start pages)."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns(patterns=None, prefix: str = "", namespace: str | None = None):
    """(name or route, route) of every pattern, walking included resolvers; DRF's `.json` twins share a name."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace and (
                f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            )
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name or route, route
