from django.urls import path

from azamat.problems import views

app_name = "problems"
urlpatterns = [
    path("", views.register, name="register"),
    path("export/", views.register_export, name="export"),
    path("propose/", views.propose, name="propose"),
    path("similar/", views.similar_hints, name="similar"),
    path("<str:number>/", views.problem_detail, name="problem"),
    path("<str:number>/edit/", views.problem_edit, name="edit"),
    path("<str:number>/steps/<slug:step>/", views.problem_step, name="step"),
    path("<str:number>/endorse/", views.endorse, name="endorse"),
    path("<str:number>/evidence/", views.evidence_add, name="evidence_add"),
    path("<str:number>/evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("<str:number>/legal-acts/", views.legal_act_add, name="legal_act_add"),
    path("<str:number>/recommendations/", views.recommendation_add, name="recommendation_add"),
    path(
        "<str:number>/recommendations/<int:pk>/send/", views.recommendation_send, name="recommendation_send"
    ),
    path("<str:number>/merge/", views.merge, name="merge"),
]
