"""The linking app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.series_list, name="series-list"),
    path("run/", views.start_run, name="linking-run"),
    path("over-connected/", views.over_connected, name="over-connected"),
    path("over-connected/<int:over_id>/", views.decide, name="over-connected-decide"),
    path("<str:ref>/", views.series_detail, name="series-detail"),
]
