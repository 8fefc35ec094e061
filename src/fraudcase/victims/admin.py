from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm

from . import rules
from .models import RepeatPhrase


class RepeatPhraseForm(ModelForm):
    class Meta:
        model = RepeatPhrase
        fields = ["phrase", "active", "notes"]

    def clean_phrase(self):
        phrase = rules.normalised_phrase(self.cleaned_data["phrase"])
        problem = rules.repeat_phrase_problem(phrase)
        if problem:
            raise ValidationError(problem)
        # Matching ignores case, so "Second time" and "second time" are one phrase.
        same = RepeatPhrase.objects.filter(phrase__iexact=phrase).exclude(pk=self.instance.pk)
        if same.exists():
            raise ValidationError(f"'{same.first()}' is already in the list")
        return phrase


@admin.register(RepeatPhrase)
class RepeatPhraseAdmin(admin.ModelAdmin):
    """§6.6 step 5: words in an account saying the victim was defrauded before (VS2)."""

    form = RepeatPhraseForm
    list_display = ("phrase", "active", "notes", "added_at")
    list_editable = ("active",)
    search_fields = ("phrase",)
