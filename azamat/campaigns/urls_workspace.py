"""The campaign workspace under /campaigns/ (namespace "campaigns")."""

from django.urls import path

from azamat.campaigns import views

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("<int:pk>/", views.campaign_detail, name="campaign"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/status/", views.campaign_status, name="status"),
    path("<int:pk>/team/", views.team, name="team"),
    path("<int:pk>/team/<int:member>/", views.team_member, name="team_member"),
    path("<int:pk>/partners/", views.partners, name="partners"),
    path("<int:pk>/partners/<int:partner>/", views.partner_edit, name="partner_edit"),
    path("<int:pk>/partners/<int:partner>/answer/", views.partner_answer, name="partner_answer"),
    path("<int:pk>/partners/<int:partner>/leave/", views.partner_leave, name="partner_leave"),
    path("<int:pk>/security/", views.security_check, name="security_check"),
    path("<int:pk>/feed/", views.feed_token, name="feed_token"),
    path("<int:pk>/feed/<str:token>.ics", views.feed, name="feed"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/indicators/<int:indicator>/values/", views.value_add, name="value_add"),
    path("<int:pk>/values/<int:value>/delete/", views.value_delete, name="value_delete"),
    path("<int:pk>/stage/<slug:stage>/", views.stage, name="stage"),
    path("<int:pk>/<slug:kind>/add/", views.item_add, name="item_add"),
    path("<int:pk>/<slug:kind>/<int:item>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/<slug:kind>/<int:item>/delete/", views.item_delete, name="item_delete"),
]
