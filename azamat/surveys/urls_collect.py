"""Collection under /surveys/ (namespace "surveys"): the respondent's web form (open link, invitations), the
interviewers' work, paper entry, quotas and the team's raw responses with their review."""

from django.urls import path

from azamat.surveys import collect_views, interview_views, quota_views, response_views

urlpatterns = [
    path("<int:pk>/respond/", collect_views.respond, name="respond"),
    path("invitation/<str:token>/", collect_views.invitation, name="invitation"),
    path("response/<str:token>/done/", collect_views.done, name="done"),
    path("response/<str:token>/<int:page>/", collect_views.page, name="page"),
    path("<int:pk>/invitations/", collect_views.invitations, name="invitations"),
    path("<int:pk>/interviewers/", interview_views.assignments, name="assignments"),
    path("<int:pk>/interviewers/<int:assignment>/", interview_views.assignment, name="assignment"),
    path("interviews/", interview_views.interviews, name="interviews"),
    path("<int:pk>/interviews/start/", interview_views.interview_start, name="interview_start"),
    path("<int:pk>/paper/", collect_views.paper, name="paper"),
    path("<int:pk>/quotas/", quota_views.quotas, name="quotas"),
    path("<int:pk>/quotas/grid/", quota_views.quota_grid, name="quota_grid"),
    path("<int:pk>/quotas/board/", quota_views.quota_board, name="quota_board"),
    path("<int:pk>/quotas/<int:quota>/", quota_views.quota, name="quota"),
    path("<int:pk>/responses/", response_views.responses, name="responses"),
    path("<int:pk>/responses/<int:response>/", response_views.response, name="response"),
]
