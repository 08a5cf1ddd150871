"""URLs of the grants module; each views module keeps its own `urlpatterns`."""

from azamat.grants.views import (
    application_files,
    applications,
    calls,
    commission,
    decisions,
    experts,
    projects,
    public,
    review,
    similarity,
)

app_name = "grants"

urlpatterns = [
    *calls.urlpatterns,
    *applications.urlpatterns,
    *application_files.urlpatterns,
    *similarity.urlpatterns,
    *review.urlpatterns,
    *experts.urlpatterns,
    *decisions.urlpatterns,
    *commission.urlpatterns,
    *projects.urlpatterns,
    *public.urlpatterns,
]
