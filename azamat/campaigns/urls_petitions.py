"""Petitions under /petitions/ (namespace "campaigns")."""

from django.urls import path

from azamat.campaigns.views import petitions as views

urlpatterns = [
    path("", views.petitions, name="petitions"),
    path("new/", views.petition_new, name="petition_new"),
    path("moderation/", views.petition_moderate, name="petition_moderate"),
    path("confirm/<str:token>/", views.signature_confirm, name="signature_confirm"),
    path("resend/", views.signature_resend, name="signature_resend"),
    path("<int:pk>/", views.petition, name="petition"),
    path("<int:pk>/counter/", views.petition_counter, name="petition_counter"),
    path("<int:pk>/edit/", views.petition_edit, name="petition_edit"),
    path("<int:pk>/submit/", views.petition_submit, name="petition_submit"),
    path("<int:pk>/sign/", views.petition_sign, name="petition_sign"),
    path("<int:pk>/signed/", views.petition_signed, name="petition_signed"),
    path("<int:pk>/publish/", views.petition_publish, name="petition_publish"),
    path("<int:pk>/reject/", views.petition_reject, name="petition_reject"),
    path("<int:pk>/invalidate/", views.petition_invalidate, name="petition_invalidate"),
    path("<int:pk>/close/", views.petition_close, name="petition_close"),
    path("<int:pk>/export/<str:fmt>/", views.petition_export, name="petition_export"),
]
