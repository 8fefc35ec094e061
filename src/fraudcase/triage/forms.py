"""The assessment form (§5.2, in sections), the supervisor's decision, evidence and evaluation."""

from django import forms
from django.http import QueryDict

from fraudcase.core.forms import GovukMixin, optional_text
from fraudcase.core.templatetags.fraudcase import first_input_id

from . import rules
from .models import Assessment, EvidenceFrom

YES_NO = [("yes", "Yes"), ("no", "No")]


# The assessment's sections, each its own page of the task list (GOV.UK "complete multiple
# tasks"): key -> title. Every field of AssessmentForm belongs to exactly one.
SECTIONS = {
    "report": "The report and the account",
    "victim": "The victim: Victims' Code service and vulnerability",
    "matrix": "Screening matrix",
    "facts": "Appendix D facts the matrix cannot give",
    "reasoning": "National Decision Model, viability and proportionality",
    "recommendation": "Recommendation",
}


class AssessmentForm(GovukMixin, forms.Form):
    """The whole §5.2 assessment, or one section of it (`section`: a key of SECTIONS).

    Each field says what is wrong with it in its own words (not "This field is required").
    """

    conditional = ("rationale",)

    def __init__(
        self,
        *args,
        scoring: dict,
        prefill: dict[str, tuple[str, str]],
        section: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        f = self.fields
        # Field name -> section key, in the order the fields are asked.
        self.section_of: dict[str, str] = {}

        def add(section_key: str, name: str, field: forms.Field, **messages: str) -> None:
            field.error_messages.update(messages)
            f[name] = field
            self.section_of[name] = section_key

        add(
            "report",
            "hocr_compliant",
            forms.ChoiceField(
                label="Is the crime recorded in line with the Home Office Counting Rules?",
                choices=YES_NO,
                widget=forms.RadioSelect,
            ),
            required="Select yes if the crime is recorded in line with the Home Office "
            "Counting Rules",
        )
        add("report", "hocr_notes", optional_text("What needs correcting"))
        for name, label in rules.ASSESSMENT_NARRATIVE:
            add("report", name, optional_text(label))
        add(
            "report",
            "four_ps",
            forms.MultipleChoiceField(
                label="Which of the 4Ps apply",
                required=False,
                choices=[(p, p) for p in rules.FOUR_PS],
                widget=forms.CheckboxSelectMultiple,
            ),
            invalid_choice="Select only Pursue, Prevent, Protect or Prepare",
        )
        for i, text in enumerate(rules.VCOP_ENTITLEMENTS):
            add(
                "victim",
                f"entitlement_{i}",
                forms.DateField(
                    label=text,
                    required=False,
                    widget=forms.DateInput(),
                    help_text="Date given, e.g. 2026-11-21",
                ),
                invalid=f"The date for \u2018{text}\u2019 must be a real date, like 2026-11-21",
            )
        add(
            "victim",
            "enhanced_service",
            forms.BooleanField(
                label="The victim is entitled to the enhanced service",
                required=False,
                help_text="Vulnerable, intimidated, persistently targeted, or a victim of the most "
                "serious crime: updates within 1 working day instead of 5.",
            ),
        )
        _yes, repeat_why = prefill.get(rules.REPEAT_VICTIM, ("", ""))
        add(
            "victim",
            "repeat_victim",
            forms.BooleanField(
                label="The victim is a repeat victim",
                required=False,
                initial=bool(repeat_why),
                help_text=f"Pre-filled: {repeat_why}. Confirm or change it." if repeat_why else "",
            ),
        )
        for name in rules.THRIVE:
            add("victim", f"thrive_{name.lower()}", optional_text(f"THRIVE: {name}"))
        for heading, spec in scoring["headings"].items():
            option, why = prefill.get(heading, ("", ""))
            add(
                "matrix",
                f"matrix_{heading}",
                forms.ChoiceField(
                    label=spec["label"],
                    widget=forms.RadioSelect,
                    choices=[(key, label) for key, (label, _points) in spec["options"].items()],
                    initial=option or None,
                    help_text=f"Pre-filled: {why}. Confirm or change it." if why else "",
                ),
                required=f"Select the {spec['label'].lower()}",
                invalid_choice=f"Select one of the answers listed for the {spec['label'].lower()}",
            )
        add(
            "matrix",
            "multipliers",
            forms.MultipleChoiceField(
                label="Special considerations (multipliers)",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(key, label) for key, (label, _f) in scoring["multipliers"].items()],
            ),
            invalid_choice="Select only the special considerations listed",
        )
        add(
            "facts",
            "tier_facts",
            forms.MultipleChoiceField(
                label="Appendix D: which of these apply?",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(fact.name, fact.label) for fact in rules.ASKED_FACTS],
                help_text="Any that applies sets the tier, whatever the matrix score: "
                "Appendix D wins over the score. Select all that apply.",
            ),
            invalid_choice="Select only the Appendix D facts listed",
        )
        add(
            "reasoning",
            "ndm_rationale",
            forms.CharField(label="National Decision Model rationale", widget=forms.Textarea),
            required="Enter the National Decision Model rationale: why this course is "
            "proportionate",
        )
        for name, label, choices in (
            ("factors_for", "towards investigation", rules.FACTORS_TOWARDS_INVESTIGATION),
            ("factors_caution", "towards a more cautious approach", rules.FACTORS_TOWARDS_CAUTION),
        ):
            add(
                "reasoning",
                name,
                forms.MultipleChoiceField(
                    label=f"Factors tending {label}",
                    required=False,
                    choices=list(enumerate(choices)),
                    widget=forms.CheckboxSelectMultiple,
                ),
                invalid_choice=f"Select only the factors tending {label} listed",
            )
        for i, question in enumerate(rules.PROPORTIONALITY_QUESTIONS):
            add(
                "reasoning",
                f"proportionality_{i}",
                forms.ChoiceField(label=question, choices=YES_NO, widget=forms.RadioSelect),
                required=f"Select yes or no: {question[0].lower()}{question[1:]}",
            )
        add(
            "recommendation",
            "recommendation",
            forms.ChoiceField(
                label="Recommendation",
                widget=forms.RadioSelect,
                choices=rules.Recommendation.choices,
            ),
            required="Select a recommendation: allocate, evaluate or no further action",
            invalid_choice="Select one of the recommendations listed",
        )
        add(
            "recommendation",
            "rationale",
            optional_text("Rationale (required for no further action)"),
        )
        if section is not None:
            for name in [n for n, s in self.section_of.items() if s != section]:
                del f[name]
        self.style_fields()

    def clean(self) -> dict:
        data = super().clean() or {}
        if "recommendation" in self.fields and data.get("recommendation"):
            problems = rules.assessment_problems(data["recommendation"], data.get("rationale", ""))
            for name, problem in problems.items():
                self.add_error(name, problem)
        return data

    def draft_answers(self, data) -> dict[str, str | list[str]]:
        """This form's answers as posted (`data`: a QueryDict), to keep as a draft unchecked."""
        return {
            name: data.getlist(name)
            if isinstance(field, forms.MultipleChoiceField)
            else data.get(name, "")
            for name, field in self.fields.items()
        }

    def answer_rows(self, answers: dict) -> list[dict[str, str]]:
        """Each question of the form with its answer in words, for a GOV.UK summary list."""
        rows = []
        for name, field in self.fields.items():
            given = answers.get(name, "")
            if isinstance(field, forms.BooleanField):
                text = "Yes" if given else "No"
            elif isinstance(field, forms.ChoiceField):
                labels = {str(k): str(v) for k, v in field.choices}
                chosen = given if isinstance(given, list) else [given] if given else []
                text = "; ".join(labels.get(str(c), str(c)) for c in chosen)
            else:
                text = str(given).strip()
            rows.append(
                {
                    "name": name,
                    "section": self.section_of[name],
                    "label": str(field.label),
                    "answer": text or "Not given",
                    "anchor": first_input_id(self[name]),
                }
            )
        return rows


def as_form_data(data: dict[str, str | list[str]]) -> QueryDict:
    """Answers (a draft's, or the API's) as the form data a page would have posted."""
    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


def answers_of(assessment: Assessment) -> dict[str, str | list[str]]:
    """A recorded assessment's answers as the form's fields hold them (for its summary list)."""
    answers: dict[str, str | list[str]] = {
        "hocr_compliant": "yes" if assessment.hocr_compliant else "no",
        "hocr_notes": assessment.hocr_notes,
        **{name: getattr(assessment, name) for name, _ in rules.ASSESSMENT_NARRATIVE},
        "four_ps": list(assessment.four_ps),
        "enhanced_service": "on" if assessment.enhanced_service else "",
        "repeat_victim": "on" if assessment.repeat_victim else "",
        "ndm_rationale": assessment.ndm_rationale,
        "factors_for": [
            str(rules.FACTORS_TOWARDS_INVESTIGATION.index(t))
            for t in assessment.factors_towards_investigation
            if t in rules.FACTORS_TOWARDS_INVESTIGATION
        ],
        "factors_caution": [
            str(rules.FACTORS_TOWARDS_CAUTION.index(t))
            for t in assessment.factors_towards_caution
            if t in rules.FACTORS_TOWARDS_CAUTION
        ],
        "multipliers": list(assessment.multipliers),
        "tier_facts": list(assessment.tier_facts),
        "recommendation": assessment.recommendation,
        "rationale": assessment.rationale,
    }
    for i, text in enumerate(rules.VCOP_ENTITLEMENTS):
        answers[f"entitlement_{i}"] = assessment.entitlements.get(text, "")
    for name in rules.THRIVE:
        answers[f"thrive_{name.lower()}"] = assessment.thrive.get(name, "")
    for i, question in enumerate(rules.PROPORTIONALITY_QUESTIONS):
        answers[f"proportionality_{i}"] = assessment.proportionality.get(question, "")
    answers.update({f"matrix_{h}": v for h, v in assessment.matrix_answers.items()})
    return answers


class DecisionForm(GovukMixin, forms.Form):
    """The supervisor's route, and any re-tasking to another tier (App. D note)."""

    conditional = ("reason", "retask_reason", "retask_explanation")

    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=rules.Recommendation.choices,
    )
    reason = optional_text("Reason (required for no further action)")
    retask_to = forms.TypedChoiceField(
        label="Tier", required=False, coerce=int, empty_value=None, widget=forms.RadioSelect
    )
    retask_reason = forms.ChoiceField(
        label="Reason for the change of tier (required to change it)",
        required=False,
        widget=forms.RadioSelect,
        choices=rules.TaskingReason.choices,
    )
    retask_explanation = optional_text("Explain the change of tier (required to change it)")

    def __init__(self, *args, current_tier: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        keep = f"Keep tier {current_tier}" if current_tier else "Keep the tier"
        self.fields["retask_to"].choices = [("", keep)] + [
            (int(t), f"Task to tier {int(t)}: {rules.TEAM_FOR_TIER[t]}")
            for t in rules.Tier
            if int(t) != current_tier
        ]
        self.fields["retask_to"].initial = ""
        if current_tier:
            self.fields["retask_to"].help_text = (
                f"Now tier {current_tier}. A report may be tasked up or down by one or more "
                "tiers for its complexity, reputational or organisational risk, or the "
                "resources it needs (Appendix D)."
            )
        self.style_fields()


class EvidenceRequestForm(GovukMixin, forms.Form):
    asked_of = forms.ChoiceField(
        label="Asked of", widget=forms.RadioSelect, choices=EvidenceFrom.choices
    )
    what = forms.CharField(label="Evidence asked for", widget=forms.Textarea)


class EvaluationForm(GovukMixin, forms.Form):
    """App. F on one page: stage 1 (suspect and crime) then stage 2 (Fraud Investigation Model)."""

    # Stage 2 is needed to complete the evaluation, not to save stage 1.
    conditional = (*rules.STAGE_2_FIELDS, "recommendation")

    summary = forms.CharField(
        label="What has occurred: the type of fraud and the trace of payments",
        widget=forms.Textarea,
    )
    checks_made = forms.MultipleChoiceField(
        label="Suspect intelligence checks made",
        required=False,
        choices=[(c, c) for c in rules.EVALUATION_CHECKS],
        widget=forms.CheckboxSelectMultiple,
    )
    checks_notes = optional_text("What the checks found")
    disruption_done = forms.MultipleChoiceField(
        label="Disruption done or possible",
        required=False,
        choices=[(d, d) for d in rules.EVALUATION_DISRUPTION],
        widget=forms.CheckboxSelectMultiple,
    )
    disruption_notes = optional_text("Disruption notes")
    case_summary = optional_text("Case summary")
    ideal_outcome = optional_text("Ideal outcome: what the victim wants, and whether it is likely")
    nature_of_offending = optional_text("Nature of offending")
    evidence_assessment = optional_text(
        "Evidence: what we have, what we need, what is easy or hard to get"
    )
    tracing_assessment = optional_text("Tracing of suspects")
    proportionality = optional_text("Proportionality of investigating")
    enforcement_assessment = optional_text("Enforcement: arrest, search, warrant")
    recommendation = forms.ChoiceField(
        label="Recommendation",
        required=False,
        widget=forms.RadioSelect,
        choices=rules.EvaluationRecommendation.choices,
    )
    recommendation_reasons = optional_text("Because")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in rules.EVALUATION_REQUIREMENTS:
            self.fields[f"requirement_{key}"] = forms.CharField(
                label=f"{key}. {label}", required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
        self.style_fields()
