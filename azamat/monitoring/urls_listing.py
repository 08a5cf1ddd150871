"""The list of persecuted persons (candidates, analysis, the expert group's decisions, changes of situation), the
criteria, and publication (policy, redaction rules, publishing an event)."""

from django.urls import path

from azamat.monitoring import listing_views as views

urlpatterns = [
    path("<int:org>/list/", views.candidate_list, name="candidates"),
    path("<int:org>/list/new/", views.candidate_new, name="candidate_new"),
    path("list/<int:pk>/", views.candidate_detail, name="candidate"),
    path("list/<int:pk>/analysis/", views.candidate_analysis, name="candidate_analysis"),
    path("list/<int:pk>/decision/", views.candidate_decision, name="candidate_decision"),
    path("list/<int:pk>/situation/", views.candidate_situation, name="candidate_situation"),
    path("<int:org>/criteria/", views.criteria_list, name="criteria"),
    path("<int:org>/criteria/new/", views.criteria_new, name="criteria_new"),
    path("<int:org>/publication/", views.publication, name="publication"),
    path("redactions/<int:pk>/delete/", views.redaction_delete, name="redaction_delete"),
    path("events/<int:pk>/publish/", views.event_publish, name="event_publish"),
    path("events/<int:pk>/preview/", views.event_preview, name="event_preview"),
]
