"""The performance app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="performance-dashboard"),
    path("reports/", views.figure_reports, name="performance-reports"),
    path("pack.<str:fmt>", views.pack_download, name="performance-pack"),
    path("dip-samples/", views.dip_samples, name="performance-dip-samples"),
    path("dip-samples/draw/", views.dip_sample_draw, name="performance-dip-sample-draw"),
    path("dip-samples/<int:sample_id>/", views.dip_sample, name="performance-dip-sample"),
]
