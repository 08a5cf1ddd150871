"""URLs of the grants module; each views module keeps its own `urlpatterns`."""

from azamat.grants.views import applications, calls, commission, projects, public, review

app_name = "grants"

urlpatterns = [
    *calls.urlpatterns,
    *applications.urlpatterns,
    *review.urlpatterns,
    *commission.urlpatterns,
    *projects.urlpatterns,
    *public.urlpatterns,
]
