"""URLs of the councils module; each views module keeps its own `urlpatterns`."""

from azamat.councils.views import candidates, kpi, manage, meetings, proposals, public, report

app_name = "councils"

urlpatterns = [*manage.urlpatterns, *meetings.urlpatterns, *public.urlpatterns]
urlpatterns += kpi.urlpatterns
urlpatterns += report.urlpatterns
urlpatterns += candidates.urlpatterns
urlpatterns += proposals.urlpatterns
