"""The returns app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.months, name="nfib-returns"),
    path("refresh/", views.refresh, name="nfib-returns-refresh"),
    path("reconciliation/", views.reconciliation, name="nfrc-reconciliation"),
    path("<str:month>/", views.month, name="nfib-return"),
    path("<str:month>/sent/", views.mark_sent, name="nfib-return-sent"),
]
