"""The recovery pages (included from fraudcase.urls at recovery/; names are flat)."""

from django.urls import URLPattern, URLResolver, path

from . import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="recovery-home"),
    path("accreditations/", views.accreditations, name="recovery-accreditations"),
    path("accreditations/new/", views.accreditation_new, name="recovery-accreditation-new"),
    path("accreditations/expiring/", views.expiring, name="recovery-expiring"),
    path("assessments/", views.assessments, name="recovery-assessments"),
    path("assessments/new/", views.assessment_new, name="recovery-assessment-new"),
    path("assessments/<int:assessment_pk>/", views.assessment_detail, name="recovery-assessment"),
    path("registers/<slug:register>/", views.register, name="recovery-register"),
    path("registers/<slug:register>/new/", views.entry_new, name="recovery-entry-new"),
    path("registers/<slug:register>/<int:entry_pk>/", views.entry_detail, name="recovery-entry"),
    path(
        "registers/<slug:register>/<int:entry_pk>/edit/",
        views.entry_edit,
        name="recovery-entry-edit",
    ),
]
