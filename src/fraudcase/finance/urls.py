"""The finance app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("sars/", views.sar_list, name="sar-list"),
    path("sars/reason/", views.sar_reason, name="sar-reason"),
    path("sars/new/", views.sar_new, name="sar-new"),
    path("sars/import/", views.sar_import, name="sar-import"),
    path("sars/<str:ref>/", views.sar_detail, name="sar-detail"),
    path("victim-referrals/", views.victim_referrals, name="sar-victim-referrals"),
]
