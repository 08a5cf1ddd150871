"""The campaign workspace under /campaigns/ (namespace "campaigns")."""

from django.urls import path

from azamat.campaigns.views import campaigns, exports, stages, team

urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("new/", campaigns.campaign_new, name="new"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("<int:pk>/status/", campaigns.campaign_status, name="status"),
    path("<int:pk>/team/", team.team, name="team"),
    path("<int:pk>/team/<int:member>/", team.team_member, name="team_member"),
    path("<int:pk>/partners/", team.partners, name="partners"),
    path("<int:pk>/partners/<int:partner>/", team.partner_edit, name="partner_edit"),
    path("<int:pk>/partners/<int:partner>/answer/", team.partner_answer, name="partner_answer"),
    path("<int:pk>/partners/<int:partner>/leave/", team.partner_leave, name="partner_leave"),
    path("<int:pk>/security/", stages.security_check, name="security_check"),
    path("<int:pk>/feed/", exports.feed_token, name="feed_token"),
    path("<int:pk>/feed/<str:token>.ics", exports.feed, name="feed"),
    path("<int:pk>/plan.pdf", exports.plan_pdf, name="plan_pdf"),
    path("<int:pk>/indicators/<int:indicator>/values/", stages.value_add, name="value_add"),
    path("<int:pk>/values/<int:value>/delete/", stages.value_delete, name="value_delete"),
    path("<int:pk>/stage/<slug:stage>/", stages.stage, name="stage"),
    path("<int:pk>/<slug:kind>/add/", stages.item_add, name="item_add"),
    path("<int:pk>/<slug:kind>/<int:item>/edit/", stages.item_edit, name="item_edit"),
    path("<int:pk>/<slug:kind>/<int:item>/delete/", stages.item_delete, name="item_delete"),
]
