from azamat.accountability.views import control, items, public

app_name = "accountability"
urlpatterns = [*items.urlpatterns, *public.urlpatterns, *control.urlpatterns]
