"""The returns app's pages (included from fraudcase.urls; names are flat, as elsewhere)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
