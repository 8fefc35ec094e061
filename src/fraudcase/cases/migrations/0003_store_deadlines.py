# The two Victims' Code deadlines that were computed from the history on every request are
# stored (issue 16): each report's first update (§5.6) and each decision not to investigate's
# letter. Backfilled set-based: every report stamped by received day, the enhanced service's
# moved to 1 working day, then cleared where the update was given; likewise the decisions.
# The rule's numbers are those of the day of this migration; `fraudcase recompute-deadlines`
# restamps with the current ones.

from django.db import migrations
from django.db.models import Exists, OuterRef

from fraudcase.core.bulk import stamp_deadlines

STANDARD_UPDATE_DAYS, ENHANCED_UPDATE_DAYS, DECISION_EXPLANATION_DAYS = 5, 1, 5
FIRST_UPDATE_LETTERS = ["acknowledgement", "finalisation", "no_investigation"]


def backfill(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    SupervisorDecision = apps.get_model("triage", "SupervisorDecision")
    VictimUpdate = apps.get_model("cases", "VictimUpdate")
    Letter = apps.get_model("cases", "Letter")

    stamp_deadlines(Report.objects.all(), "received_at", "first_update_due", STANDARD_UPDATE_DAYS)
    stamp_deadlines(
        Report.objects.filter(assessment__enhanced_service=True),
        "received_at",
        "first_update_due",
        ENHANCED_UPDATE_DAYS,
    )
    given = Exists(VictimUpdate.objects.filter(report=OuterRef("pk"))) | Exists(
        Letter.objects.filter(report=OuterRef("pk"), kind__in=FIRST_UPDATE_LETTERS)
    )
    Report.objects.filter(given).update(first_update_due=None)

    stamp_deadlines(
        SupervisorDecision.objects.filter(decision="no_further_action"),
        "decided_at",
        "explanation_due",
        DECISION_EXPLANATION_DAYS,
    )
    explained = Letter.objects.filter(kind="no_investigation").values("report_id")
    SupervisorDecision.objects.filter(report_id__in=explained).update(explanation_due=None)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_report_in_reports_app"),
        ("reports", "0010_report_first_update_due"),
        ("triage", "0011_decision_explanation_due"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True)]
