from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm

from . import rules
from .models import ScoringVersion


class ScoringVersionForm(ModelForm):
    class Meta:
        model = ScoringVersion
        fields = ["version", "scoring", "is_active", "notes"]

    def clean_scoring(self):
        scoring = self.cleaned_data["scoring"]
        problems = rules.scoring_problems(scoring)
        if problems:
            raise ValidationError(problems)
        return scoring


@admin.register(ScoringVersion)
class ScoringVersionAdmin(admin.ModelAdmin):
    """Reference data: a new version, not an edit, so earlier screenings keep their meaning."""

    form = ScoringVersionForm
    list_display = ("version", "is_active", "created_at", "created_by")

    def get_readonly_fields(self, request, obj=None):
        return ("version", "scoring") if obj else ()

    def save_model(self, request, obj, form, change):
        if obj.is_active:
            ScoringVersion.objects.exclude(pk=obj.pk).update(is_active=False)
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
