"""Verification steps, interventions, cases with their hearings and documents, blocked websites and their checks,
detention."""

from django.urls import path

from azamat.monitoring import casework_places_views as places
from azamat.monitoring import casework_views as views

urlpatterns = [
    path("events/<int:pk>/verification/", views.event_verification, name="event_verification"),
    path("events/<int:pk>/interventions/new/", views.intervention_new, name="intervention_new"),
    path("interventions/<int:pk>/", views.intervention_detail, name="intervention"),
    path("<int:org>/cases/", views.case_list, name="cases"),
    path("<int:org>/cases/new/", views.case_new, name="case_new"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/hearings/new/", views.hearing_new, name="hearing_new"),
    path("cases/<int:pk>/interventions/new/", views.case_intervention_new, name="case_intervention_new"),
    path("cases/<int:pk>/documents/new/", views.case_document_new, name="case_document_new"),
    path("<int:org>/sites/", places.site_list, name="sites"),
    path("<int:org>/sites/new/", places.site_new, name="site_new"),
    path("sites/<int:pk>/", places.site_detail, name="site"),
    path("sites/<int:pk>/checks/new/", places.site_check_new, name="site_check_new"),
    path("persons/<int:pk>/detentions/new/", places.detention_new, name="detention_new"),
    path("detentions/<int:pk>/visits/new/", places.visit_new, name="visit_new"),
]
